package dev.roster.application.port.in.privacy;

/**
 * Brings the erasure ledger up to date with the erasures committed in the database (ADR 0021). The erasure services
 * call it right after their transaction commits, so that an erasure is in the ledger, on disk, before its caller
 * hears of it; a background loop calls it too, for erasures that other instances committed and those a crash left
 * unrecorded.
 */
public interface RecordErasuresUseCase {
    /**
     * Records every erasure committed before this call (an erasure inside a caller's transaction that has not
     * committed yet is recorded by a later call). Never throws: a failure (the ledger's disk, the database) is left to
     * the next call.
     *
     * @return whether the ledger now holds every erasure committed before the call
     */
    boolean recordCommitted();
}
