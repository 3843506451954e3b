package dev.roster.application.port.in.audit;

/** Recomputes every hash of the audit chain and reports the first event that does not match. */
public interface VerifyAuditChainUseCase {
    ChainVerification verify();
}
