ALTER TABLE outbox DROP COLUMN redacted_text_body;
