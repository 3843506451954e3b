-- PostgreSQL only: the shared rate-limit windows skip the write-ahead log (ADR 0023). A commit then waits for no WAL
-- flush (measured: 0.14 ms instead of 2.1 ms per statement on this machine's disk); the price is that a crash of
-- PostgreSQL empties the table (every caller gets at most one fresh window) and that replicas do not have its rows
-- (Roster never reads them there).
ALTER TABLE rate_limit_windows SET UNLOGGED;
