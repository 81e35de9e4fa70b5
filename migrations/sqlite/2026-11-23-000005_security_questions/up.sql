-- Three security questions per user (SPEC AC-5). Only an argon2id hash of the normalised answer is kept.
CREATE TABLE security_answers (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slot INTEGER NOT NULL CHECK (slot IN (1, 2, 3)),
    question TEXT NOT NULL,
    answer_hash TEXT NOT NULL,
    PRIMARY KEY (user_id, slot)
);
