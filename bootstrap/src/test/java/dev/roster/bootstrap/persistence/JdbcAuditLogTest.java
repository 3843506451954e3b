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
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.UserId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
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
    @Inject
    TestAccounts accounts;
    @Inject
    AnonymizeUserUseCase anonymize;

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

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

    /**
     * A request of a user still in flight when the user is erased may commit an event after the erasure cleared the
     * user's addresses: the placement drops the address of an event whose actor, or whose failed login's target, is
     * anonymized by then (ADR 0022).
     */
    @Nested
    class AnEventOfAnErasedUserCommittedAfterTheErasure {
        @Test
        void isPlacedWithoutItsAddressAndTheChainStillHoldsItsCommitment() {
            UserId erased = new UserId(accounts.createUser("erased-in-flight@roster.test").id());
            UserId other = new UserId(accounts.createUser("still-here@roster.test").id());
            anonymize.anonymize(erased);
            sequencer.linkPending();
            long before = transactions.readOnly(() -> auditLog.head()).lastSequence();

            transactions.inTransaction(() -> {
                auditLog.append(AuditEvent.of(T, new Actor(Optional.of(erased), Optional.of("198.51.100.12")),
                        AuditAction.USER_UPDATED, erased, Map.of("fields", "displayName")));
                auditLog.append(AuditEvent.of(T, new Actor(Optional.empty(), Optional.of("198.51.100.12")),
                        AuditAction.LOGIN_FAILED, erased, Map.of("reason", "inactive")));
                auditLog.append(AuditEvent.of(T, new Actor(Optional.of(other), Optional.of("198.51.100.13")),
                        AuditAction.USER_UPDATED, other, Map.of("fields", "displayName")));
            });
            sequencer.linkPending();

            List<StoredAuditEvent> placed = transactions.readOnly(() -> auditLog.chainAfter(before, 10));
            assertThat(placed).hasSize(3);
            assertThat(placed).extracting(stored -> stored.event().actor().clientAddress())
                    .containsExactly(Optional.empty(), Optional.empty(), Optional.of("198.51.100.13"));
            assertThat(placed).allSatisfy(stored -> {
                assertThat(stored.addressCommitment()).isPresent();
                assertThat(stored.hash()).isEqualTo(AuditChain.hash(stored, stored.previousHash()));
                assertThat(AuditChain.addressProblem(stored)).isEmpty();
            });
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
