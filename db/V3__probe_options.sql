-- healthbot schema v3: what a check asks and expects beyond the status code. All times are
-- epoch milliseconds. Never edit this file once released: add V4__<what>.sql instead.

-- Assertions on the answer; null asks for nothing (the probe then never keeps the body).
-- expect_body: text the body must contain; expect_body_not: text it must not contain;
-- expect_json: JSON rules joined by `and`, e.g. $.status == "UP"; latency_max_ms: slower is SLOW.
ALTER TABLE monitors ADD COLUMN expect_body TEXT;
ALTER TABLE monitors ADD COLUMN expect_body_not TEXT;
ALTER TABLE monitors ADD COLUMN expect_json TEXT;
ALTER TABLE monitors ADD COLUMN latency_max_ms INTEGER CHECK (latency_max_ms IS NULL OR latency_max_ms > 0);
