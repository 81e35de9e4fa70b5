-- An email that carries a secret (a temporary password) is queued with a copy of its body with the secret
-- replaced; once the server has accepted the email, that copy replaces the body and the column is emptied, so
-- the secret stays in the outbox only until it is delivered. NULL: the email carries no secret.
ALTER TABLE outbox ADD COLUMN redacted_text_body TEXT;
