package dev.roster.bootstrap.persistence;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.audit.AuditLogContract;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link AuditLog} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI), and the
 * adapter's own backstop for client addresses that do not fit {@code audit_events.client_address}.
 */
@MicronautTest(transactional = false)
class JdbcAuditLogTest extends AuditLogContract {
    @Inject
    AuditLog auditLog;
    @Inject
    TransactionBoundary transactions;
    @Inject
    TestDatabase database;
    @Inject
    EventSequencer sequencer;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Nested
    class AClientAddressThatDoesNotFitTheColumn {
        @Test
        void isStoredCutTo64PrintableCharactersAndTheChainCommitsToWhatIsStored() {
            String tooLong = "\u0000" + "x".repeat(199);
            AuditEvent event = AuditEvent.of(Instant.parse("2026-01-01T00:00:00Z"),
                    new Actor(Optional.empty(), Optional.of(tooLong)), AuditAction.LOGIN_FAILED, null, Map.of("reason", "unknown-account"));

            transactions.inTransaction(() -> auditLog.append(event));
            sequencer.linkPending();

            String stored = "?" + "x".repeat(63);
            StoredAuditEvent read = transactions.readOnly(() -> auditLog.last()).orElseThrow();
            assertThat(read.event().actor().clientAddress()).contains(stored);
            assertThat(read.hash()).isEqualTo(AuditChain.hash(read, read.previousHash()));
            assertThat(read.addressCommitment()).hasValueSatisfying(commitment -> assertThat(commitment.matches(stored)).isTrue());
        }
    }

    @Override
    protected void placePending() {
        sequencer.linkPending();
    }

    @Override
    protected AuditLog auditLog() {
        return auditLog;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}
