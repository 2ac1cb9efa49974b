-- healthbot schema v6: heartbeat monitors. All times are epoch milliseconds. Never edit this file
-- once released: add V7__<what>.sql instead.
--
-- A heartbeat is a row of monitors with url 'heartbeat:ping', interval_ms its period and timeout_ms
-- its grace; this table holds its ping key and what the pings told.
--
-- ping_key is kept as issued, not hashed: `/health edit` and `/health check` must show the ping URL
-- again, and a heartbeat from the servers file has no other way to hand its key out. The database
-- already holds the probes' URL credentials and headers the same way; the key never reaches a log
-- line, an audit row or an export (those show its first four characters at most).
CREATE TABLE heartbeats (
    monitor_id       INTEGER PRIMARY KEY REFERENCES monitors (id) ON DELETE CASCADE,
    ping_key         TEXT    NOT NULL UNIQUE CHECK (length(ping_key) >= 22),
    key_created_at   INTEGER NOT NULL,
    last_ping_at     INTEGER,                                  -- the last success or failure ping
    last_start_at    INTEGER,                                  -- a run started and not finished yet
    last_duration_ms INTEGER,                                  -- the last finished run (start to success)
    last_exit_code   INTEGER,                                  -- of the last /<exit code> ping
    last_body        TEXT CHECK (last_body IS NULL OR length(CAST(last_body AS BLOB)) <= 10240),
    next_deadline    INTEGER                                   -- null: nothing expected (PENDING, or DOWN and silent)
);

CREATE INDEX heartbeats_by_deadline ON heartbeats (next_deadline) WHERE next_deadline IS NOT NULL;
