DROP TABLE mail_settings;
DROP TABLE outbox;
