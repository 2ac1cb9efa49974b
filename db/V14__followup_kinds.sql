-- healthbot schema v14: the kinds of follow-up are checked by the code (the enum FollowUp.Kind),
-- no longer by a CHECK, so that a new kind of thread reply needs no table rebuild; and follow-ups
-- get the attempt mark deliveries got in v11 (exactly once through a kill). Never edit this file
-- once released.
--
-- SQLite cannot drop a CHECK in place, so `followups` is rebuilt with the same columns, rows and
-- indexes. No other table references `followups`. All times are epoch milliseconds.
CREATE TABLE followups_v14 (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    dedupe             TEXT    UNIQUE,                  -- e.g. REMINDER:<incident>:<channel>:<n>; null when none
    kind               TEXT    NOT NULL,                -- a FollowUp.Kind name, checked by the code
    incident_id        INTEGER,
    window_id          INTEGER,
    channel            TEXT    NOT NULL,
    seq                INTEGER NOT NULL DEFAULT 0,      -- REMINDER: its number; MAINTENANCE_END: outages counted
    total_ms           INTEGER NOT NULL DEFAULT 0,      -- MAINTENANCE_END: time down inside the window
    actor              TEXT,                            -- RECHECK: who clicked
    up                 INTEGER,                         -- RECHECK: the result
    latency_ms         INTEGER,
    failure            TEXT,
    detail             TEXT,                            -- PING_LOG: the ping body as kept (at most 10 KiB)
    state              TEXT    NOT NULL CHECK (state IN ('PENDING', 'SENT', 'SKIPPED', 'GIVEN_UP')),
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    INTEGER NOT NULL,
    created_at         INTEGER NOT NULL,
    done_at            INTEGER,
    last_error         TEXT,
    post_ts            TEXT,
    attempt_started_at INTEGER                          -- set just before Slack is called; see deliveries (v11)
);

INSERT INTO followups_v14 (id, dedupe, kind, incident_id, window_id, channel, seq, total_ms, actor, up, latency_ms,
                           failure, detail, state, attempts, next_attempt_at, created_at, done_at, last_error, post_ts)
SELECT id, dedupe, kind, incident_id, window_id, channel, seq, total_ms, actor, up, latency_ms,
       failure, detail, state, attempts, next_attempt_at, created_at, done_at, last_error, post_ts
  FROM followups;

DROP TABLE followups;
ALTER TABLE followups_v14 RENAME TO followups;

CREATE UNIQUE INDEX followups_one_pending_refresh ON followups (incident_id, channel)
    WHERE kind = 'REFRESH' AND state = 'PENDING';
CREATE INDEX followups_pending ON followups (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX followups_by_incident ON followups (incident_id, channel, kind);
