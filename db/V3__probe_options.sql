-- healthbot schema v3: what a check asks and expects beyond the status code. All times are
-- epoch milliseconds. Never edit this file once released: add V4__<what>.sql instead.

-- Assertions on the answer; null asks for nothing (the probe then never keeps the body).
ALTER TABLE monitors ADD COLUMN expect_body     TEXT;    -- the body must contain this text
ALTER TABLE monitors ADD COLUMN expect_body_not TEXT;    -- the body must not contain this text
ALTER TABLE monitors ADD COLUMN expect_json     TEXT;    -- JSON rules joined by `and`, e.g. $.status == "UP"
ALTER TABLE monitors ADD COLUMN latency_max_ms  INTEGER CHECK (latency_max_ms IS NULL OR latency_max_ms > 0);
