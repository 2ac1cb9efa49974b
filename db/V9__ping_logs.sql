-- healthbot schema v9: a heartbeat's ping body (the job's last log lines) is posted in the outage
-- post's thread, as a follow-up row of the new kind PING_LOG. Never edit this file once released.
--
-- SQLite cannot change a CHECK in place, so `followups` is rebuilt with the same columns, rows and
-- indexes, and 'PING_LOG' added to its kinds. No other table references `followups`.
CREATE TABLE followups_v9 (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe          TEXT    UNIQUE,                     -- e.g. REMINDER:<incident>:<channel>:<n>; null when none
    kind            TEXT    NOT NULL CHECK (kind IN ('REFRESH', 'RECHECK', 'REMINDER', 'MAINTENANCE_START',
                                                     'MAINTENANCE_END', 'PING_LOG')),
    incident_id     INTEGER,
    window_id       INTEGER,
    channel         TEXT    NOT NULL,
    seq             INTEGER NOT NULL DEFAULT 0,         -- REMINDER: its number; MAINTENANCE_END: outages counted
    total_ms        INTEGER NOT NULL DEFAULT 0,         -- MAINTENANCE_END: time down inside the window
    actor           TEXT,                               -- RECHECK: who clicked
    up              INTEGER,                            -- RECHECK: the result
    latency_ms      INTEGER,
    failure         TEXT,
    detail          TEXT,                               -- PING_LOG: the ping body as kept (at most 10 KiB)
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'SKIPPED', 'GIVEN_UP')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER,
    last_error      TEXT,
    post_ts         TEXT
);

INSERT INTO followups_v9 (id, dedupe, kind, incident_id, window_id, channel, seq, total_ms, actor, up, latency_ms,
                          failure, detail, state, attempts, next_attempt_at, created_at, done_at, last_error, post_ts)
SELECT id, dedupe, kind, incident_id, window_id, channel, seq, total_ms, actor, up, latency_ms,
       failure, detail, state, attempts, next_attempt_at, created_at, done_at, last_error, post_ts
  FROM followups;

DROP TABLE followups;
ALTER TABLE followups_v9 RENAME TO followups;

CREATE UNIQUE INDEX followups_one_pending_refresh ON followups (incident_id, channel)
    WHERE kind = 'REFRESH' AND state = 'PENDING';
CREATE INDEX followups_pending ON followups (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX followups_by_incident ON followups (incident_id, channel, kind);
