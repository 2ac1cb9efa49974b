-- healthbot schema v12: history. Rollups of check results per server per hour and per day.
-- Never edit this file once released. Unlike other tables, the bucket columns are not epoch
-- milliseconds but the number of the UTC hour (epoch ms / 3,600,000) or day (epoch ms / 86,400,000):
-- a year of rows for 10,000 servers is millions of rows, and three bytes a row matter.
-- No foreign key to monitors: rows age out by pruning (hours after 14 days, days after 400).

CREATE TABLE rollup_hours (
    monitor_id INTEGER NOT NULL,
    hour       INTEGER NOT NULL,                        -- epoch ms / 3,600,000 (UTC)
    checks     INTEGER NOT NULL CHECK (checks > 0),
    failures   INTEGER NOT NULL,
    sum_ms     INTEGER NOT NULL,                        -- mean = sum_ms / checks
    min_ms     INTEGER NOT NULL,
    max_ms     INTEGER NOT NULL,
    p50_ms     INTEGER NOT NULL,                        -- percentiles from the fixed histogram
    p95_ms     INTEGER NOT NULL,
    p99_ms     INTEGER NOT NULL,
    hist       BLOB,                                    -- the histogram while the hour is open; null once sealed
    PRIMARY KEY (monitor_id, hour)
) WITHOUT ROWID;

CREATE INDEX rollup_hours_unsealed ON rollup_hours (hour) WHERE hist IS NOT NULL;

CREATE TABLE rollup_days (
    monitor_id INTEGER NOT NULL,
    day        INTEGER NOT NULL,                        -- epoch ms / 86,400,000 (UTC)
    checks     INTEGER NOT NULL CHECK (checks > 0),
    failures   INTEGER NOT NULL,
    sum_ms     INTEGER NOT NULL,
    min_ms     INTEGER NOT NULL,
    max_ms     INTEGER NOT NULL,
    p50_ms     INTEGER NOT NULL,
    p95_ms     INTEGER NOT NULL,
    p99_ms     INTEGER NOT NULL,
    hist       BLOB,
    PRIMARY KEY (monitor_id, day)
) WITHOUT ROWID;

CREATE INDEX rollup_days_unsealed ON rollup_days (day) WHERE hist IS NOT NULL;

-- History lists a server's incidents over a period.
CREATE INDEX incidents_by_monitor_opened ON incidents (monitor_id, opened_at);
