-- healthbot schema v10: the maintenance form's companions. All times are epoch milliseconds. Never edit this file
-- once released.

-- Whether the channel gets the short post when a maintenance window starts and when it ends
-- (`/health maintenance posts on|off`). Held-back outages are posted at the end either way.
ALTER TABLE alert_channels ADD COLUMN maintenance_posts INTEGER NOT NULL DEFAULT 1 CHECK (maintenance_posts IN (0, 1));

-- A window from the servers file carries the key of its entry (target, start and end), so loading the same file
-- again adds nothing, and an entry taken out of the file ends its window. Null for windows made in Slack.
ALTER TABLE maintenance_windows ADD COLUMN file_key TEXT;
CREATE UNIQUE INDEX maintenance_windows_file_key ON maintenance_windows (file_key) WHERE file_key IS NOT NULL;
