-- healthbot schema v5: certificate expiry. All times are epoch milliseconds. Never edit this file
-- once released: add V6__<what>.sql instead.

-- The expiry (notAfter) of the leaf certificate the last TLS check of the server saw, from the check's
-- own handshake; kept when a later check saw none (a timeout). Null before any TLS handshake.
ALTER TABLE monitor_state ADD COLUMN cert_not_after INTEGER;

-- tls_expiry: warn when the certificate is valid for less than this; 0 is off. Existing servers
-- get the default, 14 days.
ALTER TABLE monitors ADD COLUMN tls_expiry_ms INTEGER NOT NULL DEFAULT 1209600000 CHECK (tls_expiry_ms >= 0);

-- What was decided about one certificate of one server (a server behind several certificates has a
-- row per certificate, so alternating between them warns once each, not at every check).
-- warned_bound_ms: the smallest warning step claimed so far for it (14 days, 7 days, 1 day, ... in
-- milliseconds); a step is claimed once and never again, restarts included.
-- renewed_by: the later notAfter whose sighting claimed the renewal note; null until then.
CREATE TABLE certificate_watch (
    monitor_id      INTEGER NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    not_after       INTEGER NOT NULL,
    warned_bound_ms INTEGER,
    warned_at       INTEGER,
    renewed_by      INTEGER,
    renewed_at      INTEGER,
    PRIMARY KEY (monitor_id, not_after)
);

-- The outbox of certificate posts: one row per (server, certificate, step, channel) for a warning,
-- and per (server, old certificate, channel) for the renewal note in the warning's thread. The
-- server's name, environment and masked target are copied in, so a post still reads right after a
-- rename or removal (no foreign key, like incidents).
CREATE TABLE certificate_posts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id      INTEGER NOT NULL,
    monitor_name    TEXT    NOT NULL,
    environment     TEXT    NOT NULL CHECK (environment IN ('DEV', 'STAGE', 'LIVE')),
    target          TEXT    NOT NULL,                       -- masked: never the URL with credentials
    not_after       INTEGER NOT NULL,                       -- the certificate warned of
    kind            TEXT    NOT NULL CHECK (kind IN ('WARNING', 'RENEWED')),
    bound_ms        INTEGER NOT NULL,                       -- WARNING: the step; RENEWED: 0
    renewed_not_after INTEGER,                              -- RENEWED: the new certificate's notAfter
    channel         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'GIVEN_UP')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    last_error      TEXT,
    post_channel    TEXT,
    post_ts         TEXT,
    UNIQUE (monitor_id, not_after, kind, bound_ms, channel)
);

CREATE INDEX certificate_posts_pending ON certificate_posts (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX certificate_posts_by_cert ON certificate_posts (monitor_id, not_after, channel, id);
