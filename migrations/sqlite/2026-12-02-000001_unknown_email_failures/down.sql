DROP TABLE unknown_email_failures;
