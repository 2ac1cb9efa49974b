-- healthbot schema v3: what a check asks and expects beyond the status code. All times are
-- epoch milliseconds. Never edit this file once released: add V4__<what>.sql instead.

-- Assertions on the answer; null asks for nothing (the probe then never keeps the body).
-- expect_body: text the body must contain; expect_body_not: text it must not contain;
-- expect_json: JSON rules joined by `and`, e.g. $.status == "UP"; latency_max_ms: slower is SLOW.
ALTER TABLE monitors ADD COLUMN expect_body TEXT;
ALTER TABLE monitors ADD COLUMN expect_body_not TEXT;
ALTER TABLE monitors ADD COLUMN expect_json TEXT;
ALTER TABLE monitors ADD COLUMN latency_max_ms INTEGER CHECK (latency_max_ms IS NULL OR latency_max_ms > 0);

-- The request. headers holds one `Name: value` per line; the values are secrets like the URL's
-- credentials (used for probing, never shown). tls_verify = 0 accepts any certificate.
ALTER TABLE monitors ADD COLUMN method TEXT NOT NULL DEFAULT 'GET' CHECK (method IN ('GET', 'HEAD', 'POST', 'PUT'));
ALTER TABLE monitors ADD COLUMN request_body TEXT;
ALTER TABLE monitors ADD COLUMN content_type TEXT;
ALTER TABLE monitors ADD COLUMN headers TEXT;
ALTER TABLE monitors ADD COLUMN tls_verify INTEGER NOT NULL DEFAULT 1 CHECK (tls_verify IN (0, 1));

-- Redirects: a redirect whose status is not expected is followed (at most 10, http and https only).
-- The default expected status of new servers becomes 200-299; existing servers keep what they have:
-- expected_status has always been written out explicitly (200-399 when left to the default then), and
-- following an unexpected redirect is what they did before, so every existing row gets 1.
ALTER TABLE monitors ADD COLUMN follow_redirects INTEGER NOT NULL DEFAULT 1 CHECK (follow_redirects IN (0, 1));
UPDATE monitors SET follow_redirects = 1;
