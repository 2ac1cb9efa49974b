-- healthbot schema v1. All times are epoch milliseconds. Never edit this file once released:
-- add V2__<what>.sql instead (the migrator refuses an edited migration).

CREATE TABLE monitors (
    id                   INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: status_changes outlive their server
    name                 TEXT    NOT NULL,
    name_key             TEXT    NOT NULL UNIQUE,           -- lower-case name: names are unique ignoring case
    url                  TEXT    NOT NULL,                  -- as typed, with credentials (probes need them)
    environment          TEXT    NOT NULL CHECK (environment IN ('DEV', 'STAGE', 'LIVE')),
    interval_ms          INTEGER NOT NULL CHECK (interval_ms > 0),
    timeout_ms           INTEGER NOT NULL CHECK (timeout_ms > 0),
    expected_status      TEXT    NOT NULL,
    failures_before_down INTEGER NOT NULL,
    successes_before_up  INTEGER NOT NULL,
    alerts_enabled       INTEGER NOT NULL CHECK (alerts_enabled IN (0, 1)),
    origin               TEXT    NOT NULL CHECK (origin IN ('SLACK', 'FILE')),
    created_at           INTEGER NOT NULL,
    created_by           TEXT    NOT NULL,
    updated_at           INTEGER NOT NULL,
    updated_by           TEXT    NOT NULL
);

CREATE TABLE monitor_state (
    monitor_id      INTEGER PRIMARY KEY REFERENCES monitors (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL CHECK (status IN ('PENDING', 'UP', 'DOWN')),
    since           INTEGER NOT NULL,
    failures        INTEGER NOT NULL,
    successes       INTEGER NOT NULL,
    -- the last probe result; all null before the first check
    last_up         INTEGER CHECK (last_up IN (0, 1)),
    last_at         INTEGER,
    last_latency_ms INTEGER,
    last_failure    TEXT,
    last_detail     TEXT
);

CREATE TABLE probe_results (
    id         INTEGER PRIMARY KEY,
    monitor_id INTEGER NOT NULL REFERENCES monitors (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    up         INTEGER NOT NULL CHECK (up IN (0, 1)),
    latency_ms INTEGER NOT NULL,
    failure    TEXT    NOT NULL,
    detail     TEXT    NOT NULL
);

CREATE INDEX probe_results_by_monitor ON probe_results (monitor_id, id);

-- The alert outbox reads this table. No foreign key on purpose: an outage must still be
-- announced (and its recovery threaded) after its server was removed.
CREATE TABLE status_changes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: readers keep a cursor on it
    monitor_id    INTEGER NOT NULL,
    monitor_name  TEXT    NOT NULL,
    from_status   TEXT    NOT NULL CHECK (from_status IN ('PENDING', 'UP', 'DOWN')),
    to_status     TEXT    NOT NULL CHECK (to_status IN ('PENDING', 'UP', 'DOWN')),
    at            INTEGER NOT NULL,
    cause         TEXT    NOT NULL,
    detail        TEXT    NOT NULL,
    failed_checks INTEGER NOT NULL,
    down_since    INTEGER
);

CREATE INDEX status_changes_by_monitor ON status_changes (monitor_id, id);

CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at      INTEGER NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL, -- monitor.add, monitor.update, monitor.remove, ...
    subject TEXT    NOT NULL,
    detail  TEXT    NOT NULL  -- never holds a secret: URLs are masked
);

CREATE INDEX audit_log_by_subject ON audit_log (subject, id);
