-- healthbot schema v8: responding from the alert (acknowledge, mute, reminders, maintenance windows,
-- on-call mentions). All times are epoch milliseconds. Never edit this file once released.

-- Who acknowledged an incident and when; null while nobody has it.
ALTER TABLE incidents ADD COLUMN acked_by TEXT;
ALTER TABLE incidents ADD COLUMN acked_at INTEGER;

-- A server whose alerts are muted; probing goes on. One row per server at most.
CREATE TABLE mutes (
    monitor_id  INTEGER PRIMARY KEY,                    -- no foreign key: a removed server's mute is simply never read
    until_at    INTEGER,                                -- null: until the incident below resolves
    incident_id INTEGER NOT NULL,                       -- the incident the mute was set from
    choice      TEXT    NOT NULL,                       -- 1h, 4h, 24h or recovery, as clicked
    muted_by    TEXT    NOT NULL,
    muted_at    INTEGER NOT NULL
);

-- Planned work: no outage post and no reminder for the servers it covers while it lasts.
CREATE TABLE maintenance_windows (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    selector        TEXT    NOT NULL CHECK (selector = 'ALL' OR selector LIKE 'ENV:%' OR selector LIKE 'SERVER:%'),
    label           TEXT    NOT NULL,                   -- what the user named: a server, an environment or all
    starts_at       INTEGER NOT NULL,
    ends_at         INTEGER NOT NULL CHECK (ends_at > starts_at),
    reason          TEXT    NOT NULL DEFAULT '',
    created_by      TEXT    NOT NULL,
    created_at      INTEGER NOT NULL,
    ended_at        INTEGER,                            -- set by `maintenance end`: the window ended early
    ended_by        TEXT,
    start_announced INTEGER NOT NULL DEFAULT 0 CHECK (start_announced IN (0, 1)),
    end_handled     INTEGER NOT NULL DEFAULT 0 CHECK (end_handled IN (0, 1))
);

CREATE INDEX maintenance_windows_open ON maintenance_windows (id) WHERE end_handled = 0;

-- A channel's reminder steps ('off', or e.g. '30m,2h,8h' with an optional ';broadcast'); null: the default.
ALTER TABLE alert_channels ADD COLUMN reminders TEXT;
-- Who an outage post of the servers this selector matches mentions: comma-separated U… and S… ids.
ALTER TABLE alert_subscriptions ADD COLUMN mention TEXT;

-- The outbox of every other message about an incident or a window: edits of the outage post,
-- re-check replies, reminders, maintenance start and end posts. Sent once, paced with the rest.
CREATE TABLE followups (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe          TEXT    UNIQUE,                     -- e.g. REMINDER:<incident>:<channel>:<n>; null when none
    kind            TEXT    NOT NULL CHECK (kind IN ('REFRESH', 'RECHECK', 'REMINDER', 'MAINTENANCE_START',
                                                     'MAINTENANCE_END')),
    incident_id     INTEGER,
    window_id       INTEGER,
    channel         TEXT    NOT NULL,
    seq             INTEGER NOT NULL DEFAULT 0,         -- REMINDER: its number; MAINTENANCE_END: outages counted
    total_ms        INTEGER NOT NULL DEFAULT 0,         -- MAINTENANCE_END: time down inside the window
    actor           TEXT,                               -- RECHECK: who clicked
    up              INTEGER,                            -- RECHECK: the result
    latency_ms      INTEGER,
    failure         TEXT,
    detail          TEXT,
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'SKIPPED', 'GIVEN_UP')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    last_error      TEXT,
    post_ts         TEXT
);

-- At most one pending edit per post: the edit renders the state at send time.
CREATE UNIQUE INDEX followups_one_pending_refresh ON followups (incident_id, channel)
    WHERE kind = 'REFRESH' AND state = 'PENDING';
CREATE INDEX followups_pending ON followups (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX followups_by_incident ON followups (incident_id, channel, kind);
