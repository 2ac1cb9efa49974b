-- healthbot schema v13: servers from an inventory. All times are epoch milliseconds. Never edit this
-- file once released.

-- The source a server's settings come from: SLACK (typed in Slack), FILE (the servers file) or
-- INVENTORY (HEALTHBOT_SERVERS_URL). The old `origin` column keeps its CHECK ('SLACK' or 'FILE') and
-- now means "typed in Slack" or "owned by a source": a server from the inventory is origin 'FILE',
-- source 'INVENTORY'. Adding a column instead of rebuilding `monitors` keeps every row, id, index and
-- foreign key (monitor_state, probe_results, certificates, heartbeats and later tables point here),
-- and keeps columns other migrations add. The CHECK is loose on purpose (an upper-case name): a new
-- kind of source must not need a table rebuild.
ALTER TABLE monitors ADD COLUMN source TEXT NOT NULL DEFAULT 'SLACK' CHECK (source GLOB '[A-Z]*' AND length(source) <= 32);
UPDATE monitors SET source = origin;

-- The outbox of source notices: "inventory unreachable", "inventory is back", "inventory: 3 added,
-- 1 removed", "inventory: held back". One row per channel; sent once, paced, retried like the others.
CREATE TABLE source_posts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    source          TEXT    NOT NULL,
    channel         TEXT    NOT NULL,
    text            TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'GIVEN_UP')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    last_error      TEXT,
    post_ts         TEXT
);

CREATE INDEX source_posts_pending ON source_posts (next_attempt_at, id) WHERE state = 'PENDING';

-- Each source's health, so that a failure is reported once (also across a restart) and its return too.
CREATE TABLE source_health (
    source        TEXT    PRIMARY KEY,
    failing_since INTEGER,                              -- null while the source answers
    reason        TEXT,                                 -- the last failure, short, never a secret
    checked_at    INTEGER NOT NULL
);
