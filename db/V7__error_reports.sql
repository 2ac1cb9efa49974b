-- healthbot schema v7: error reports from apps (Sentry SDKs and a plain POST). All times are epoch
-- milliseconds. Never edit this file once released.

-- An app that reports errors. The key is the secret in its endpoint URL and Sentry DSN.
CREATE TABLE error_sources (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,              -- the DSN's project id; never reused
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL UNIQUE,                        -- lower-case name
    environment TEXT    NOT NULL CHECK (environment IN ('DEV', 'STAGE', 'LIVE')),
    api_key     TEXT    NOT NULL UNIQUE,                        -- 32 hex digits
    created_at  INTEGER NOT NULL,
    created_by  TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL,
    updated_by  TEXT    NOT NULL
);

-- One kind of error of one source: a fingerprint and its counts. Only counters grow per report;
-- no row is written per occurrence.
CREATE TABLE error_groups (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id     INTEGER NOT NULL REFERENCES error_sources (id) ON DELETE CASCADE,
    fingerprint   TEXT    NOT NULL,
    level         TEXT    NOT NULL CHECK (level IN ('WARNING', 'ERROR', 'FATAL')),
    type          TEXT    NOT NULL,
    message       TEXT    NOT NULL,                             -- redacted and capped
    service       TEXT,                                         -- as the app reported them (escaped when shown)
    app_env       TEXT,
    release       TEXT,
    stack         TEXT    NOT NULL,                             -- the episode's first report, redacted and capped: its stack
    details       TEXT    NOT NULL,                             -- and its request, tags, extra, breadcrumbs
    count         INTEGER NOT NULL,                             -- occurrences ever
    episode       INTEGER NOT NULL DEFAULT 1,                   -- a regression or a return after a quiet time starts a new one
    episode_count INTEGER NOT NULL,                             -- occurrences in this episode
    milestone     INTEGER NOT NULL DEFAULT 0,                   -- the highest of 10, 100, 1000, ... this episode reached
    first_seen    INTEGER NOT NULL,
    episode_start INTEGER NOT NULL,
    last_seen     INTEGER NOT NULL,
    resolved_at   INTEGER,
    resolved_by   TEXT,
    muted_until   INTEGER,                                      -- 9223372036854775807 for forever
    muted_by      TEXT,
    reason        TEXT    NOT NULL DEFAULT 'NEW' CHECK (reason IN ('NEW', 'REGRESSION', 'RETURN')), -- why this episode began
    UNIQUE (source_id, fingerprint)
);

-- The outbox of error posts: one top-level post per (group, episode, channel), and the work that
-- follows it (the details reply, milestone lines, edits of the counter) as state on the same row.
-- dirty = 1 while something is owed; the dispatcher reads only those rows.
CREATE TABLE error_posts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    group_id        INTEGER NOT NULL REFERENCES error_groups (id) ON DELETE CASCADE,
    episode         INTEGER NOT NULL,
    channel         TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'GIVEN_UP')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    last_error      TEXT,
    post_channel    TEXT,
    post_ts         TEXT,
    details_done    INTEGER NOT NULL DEFAULT 0 CHECK (details_done IN (0, 1)),
    milestone_shown INTEGER NOT NULL DEFAULT 0,
    shown_count     INTEGER NOT NULL DEFAULT 0,
    shown_at        INTEGER,
    dirty           INTEGER NOT NULL DEFAULT 1 CHECK (dirty IN (0, 1)),
    UNIQUE (group_id, episode, channel)
);

CREATE INDEX error_posts_owed ON error_posts (next_attempt_at, id) WHERE dirty = 1;

-- Channels may subscribe to one error source by name: 'ERRORS:<source id>'. SQLite cannot change a
-- CHECK, so the table is rebuilt with the same rows.
CREATE TABLE alert_subscriptions_v7 (
    channel    TEXT    NOT NULL REFERENCES alert_channels (channel) ON DELETE CASCADE,
    selector   TEXT    NOT NULL CHECK (selector = 'ALL' OR selector LIKE 'ENV:%' OR selector LIKE 'SERVER:%'
                                       OR selector LIKE 'ERRORS:%'),
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    PRIMARY KEY (channel, selector)
);
INSERT INTO alert_subscriptions_v7 (channel, selector, created_at, created_by)
    SELECT channel, selector, created_at, created_by FROM alert_subscriptions;
DROP TABLE alert_subscriptions;
ALTER TABLE alert_subscriptions_v7 RENAME TO alert_subscriptions;
CREATE INDEX alert_subscriptions_by_selector ON alert_subscriptions (selector, channel);
