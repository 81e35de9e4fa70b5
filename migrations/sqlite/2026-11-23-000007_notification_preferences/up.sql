-- Notification preferences (SPEC AC-8): each user's switches, and the organisation's defaults that new users
-- start with. "Someone applies" arrives immediately or as one summary at 22:00 Eastern.
ALTER TABLE organisation ADD COLUMN notify_requisition_closing BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE organisation ADD COLUMN notify_someone_applies BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE organisation ADD COLUMN notify_applies_daily BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE organisation ADD COLUMN notify_background_check BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE organisation ADD COLUMN notify_approval_steps BOOLEAN NOT NULL DEFAULT 1;

ALTER TABLE user_preferences ADD COLUMN notify_requisition_closing BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE user_preferences ADD COLUMN notify_someone_applies BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE user_preferences ADD COLUMN notify_applies_daily BOOLEAN NOT NULL DEFAULT 0;
ALTER TABLE user_preferences ADD COLUMN notify_background_check BOOLEAN NOT NULL DEFAULT 1;
ALTER TABLE user_preferences ADD COLUMN notify_approval_steps BOOLEAN NOT NULL DEFAULT 1;
