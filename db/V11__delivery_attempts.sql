-- healthbot schema v11: exactly once through a kill. All times are epoch milliseconds.

-- Set just before a delivery calls Slack, cleared when Slack surely refused the post (or when a
-- thread reply's ts is recorded). A PENDING row with it set and no post_ts may have been posted
-- by a process that died before recording the ts: the next attempt looks for its own message
-- (Slack message metadata carrying the delivery id) from this time on before posting again.
ALTER TABLE deliveries ADD COLUMN attempt_started_at INTEGER;
