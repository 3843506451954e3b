-- Tokens die for good (ADR 0016): a token carries the generation of its user's sessions it was issued in, and is
-- accepted only while that is still the user's generation. Security events start a new generation.
ALTER TABLE users ADD COLUMN session_generation BIGINT NOT NULL DEFAULT 0;
