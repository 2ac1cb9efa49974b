-- healthbot schema v4: one row that /healthz rewrites to prove the database answers a write.
CREATE TABLE liveness (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    checked_at INTEGER NOT NULL                                -- epoch milliseconds of the last check
);
