-- healthbot schema v2: alerting. All times are epoch milliseconds.

-- The outbox claim: a dispatcher sets dispatched_at with a conditional update that must change
-- exactly one row. Changes recorded before alerting existed are history, not news.
ALTER TABLE status_changes ADD COLUMN dispatched_at INTEGER;
UPDATE status_changes SET dispatched_at = at;
CREATE INDEX status_changes_pending ON status_changes (id) WHERE dispatched_at IS NULL;

-- A subscribed channel and its flags; a channel without selectors is deleted.
CREATE TABLE alert_channels (
    channel        TEXT    PRIMARY KEY,                    -- Slack channel id
    paused         INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    failing_reason TEXT,                                   -- why the last delivery failed for good
    failing_since  INTEGER,
    created_at     INTEGER NOT NULL,
    created_by     TEXT    NOT NULL,
    updated_at     INTEGER NOT NULL,
    updated_by     TEXT    NOT NULL
);

-- What a channel hears: 'ALL', 'ENV:<DEV|STAGE|LIVE>' or 'SERVER:<monitor id>'. No foreign key to
-- monitors: a removed server's subscription is shown as removed rather than silently dropped.
CREATE TABLE alert_subscriptions (
    channel    TEXT    NOT NULL REFERENCES alert_channels (channel) ON DELETE CASCADE,
    selector   TEXT    NOT NULL CHECK (selector = 'ALL' OR selector LIKE 'ENV:%' OR selector LIKE 'SERVER:%'),
    created_at INTEGER NOT NULL,
    created_by TEXT    NOT NULL,
    PRIMARY KEY (channel, selector)
);

CREATE INDEX alert_subscriptions_by_selector ON alert_subscriptions (selector, channel);

-- One outage of one server. No foreign key to monitors: it outlives its server.
CREATE TABLE incidents (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    monitor_id    INTEGER NOT NULL,
    monitor_name  TEXT    NOT NULL,
    environment   TEXT    NOT NULL CHECK (environment IN ('DEV', 'STAGE', 'LIVE')),
    target        TEXT    NOT NULL,                        -- masked: never the URL with credentials
    opened_at     INTEGER NOT NULL,
    resolved_at   INTEGER,                                 -- null while open
    cause         TEXT    NOT NULL,
    detail        TEXT    NOT NULL,
    failed_checks INTEGER NOT NULL,
    opened_by     INTEGER NOT NULL,                        -- status_changes.id of the flip to DOWN
    resolved_by   INTEGER                                  -- status_changes.id of the flip to UP
);

CREATE UNIQUE INDEX incidents_one_open_per_monitor ON incidents (monitor_id) WHERE resolved_at IS NULL;
CREATE INDEX incidents_by_monitor ON incidents (monitor_id, id);

-- The outbox of messages: one row per (incident, channel, kind).
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id     INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    channel         TEXT    NOT NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('OUTAGE', 'RECOVERY')),
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'GIVEN_UP')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    last_error      TEXT,
    post_channel    TEXT,                                  -- OUTAGE: the outage post; RECOVERY: the thread reply
    post_ts         TEXT,
    UNIQUE (incident_id, channel, kind)
);

-- The due query: each channel's head (smallest next_attempt_at, id) among PENDING rows, and the
-- earliest next attempt. Partial indexes stay as small as the queue.
CREATE INDEX deliveries_pending_by_channel ON deliveries (channel, next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX deliveries_pending_by_time ON deliveries (next_attempt_at, id) WHERE state = 'PENDING';
