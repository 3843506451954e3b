-- Rate limits shared by every instance on one database (SPEC §7, ADR 0023). Portable between H2 (MODE=PostgreSQL) and
-- PostgreSQL; only PostgreSQL uses it (H2 is single-instance: limits stay in memory there), where it is UNLOGGED
-- (db/postgres V15_1).

-- One row per (action, caller): bucket is the hex HMAC-SHA256 of both under a key derived from the JWT secret, so no
-- client address or email can be read or guessed back from it. A fixed window that started at the first use after the
-- previous one ended, in the database's clock, and the permits used in it (permits + 1 marks a refusal). Rows of ended
-- windows carry nothing and are removed every minute.
CREATE TABLE rate_limit_windows (
    bucket     VARCHAR(64)              NOT NULL,
    window_end TIMESTAMP WITH TIME ZONE NOT NULL,
    used       INTEGER                  NOT NULL,
    CONSTRAINT pk_rate_limit_windows PRIMARY KEY (bucket)
);
CREATE INDEX ix_rate_limit_windows_window_end ON rate_limit_windows (window_end);
