-- PostgreSQL only: what it can do better than the portable schema.

-- Substring search (q=) with LIKE '%...%' on the case-folded keys: trigram GIN indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX ix_users_email_canonical_trgm ON users USING gin (email_canonical gin_trgm_ops);
CREATE INDEX ix_users_display_name_lower_trgm ON users USING gin (display_name_lower gin_trgm_ops);

-- The default listing (ACTIVE and DEACTIVATED, by creation) from a partial index that skips erased and deleted rows.
CREATE INDEX ix_users_listed_created_at_id ON users (created_at, id) WHERE status IN ('ACTIVE', 'DEACTIVATED');

-- Attribute filters compare whole values; a hash index keeps long values (up to 1000 characters) indexable.
CREATE INDEX ix_user_attributes_value_hash ON user_attributes USING hash (attr_value);
