-- A worker that takes an email from the outbox claims it until this instant, so that no other worker sends it
-- meanwhile; a claim that runs out (its worker died) is taken over. NULL: not claimed.
ALTER TABLE outbox ADD COLUMN claimed_until BIGINT;
