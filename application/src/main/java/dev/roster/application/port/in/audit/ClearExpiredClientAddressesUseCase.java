package dev.roster.application.port.in.audit;

/**
 * Clears the client addresses of audit events older than the address retention (run by a scheduled job; ADR 0022).
 * The events stay, and the chain still verifies.
 */
public interface ClearExpiredClientAddressesUseCase {

    /**
     * Clears one batch; returns how many events it moved past (their addresses are gone now, if they had any). The
     * batch was the last one when this is less than {@link #batchSize()}.
     */
    int clearExpiredBatch();

    /** The most events one batch moves past. */
    int batchSize();
}
