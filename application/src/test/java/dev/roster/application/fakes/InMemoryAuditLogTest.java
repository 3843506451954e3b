package dev.roster.application.fakes;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.audit.AuditLogContract;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-memory fake held to the same contract as the JDBC adapter, plus what only a fake can be asked. */
class InMemoryAuditLogTest extends AuditLogContract {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private InMemoryUserStore store;
    private InMemoryUserRepository users;
    private InMemoryAuditLog auditLog;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void emptyStore() {
        store = new InMemoryUserStore();
        users = new InMemoryUserRepository(store);
        auditLog = new InMemoryAuditLog(store);
        transactions = new InMemoryTransactionBoundary(store);
    }

    @Override
    protected void placePending() {
        // the fake chains in append
    }

    @Override
    protected AuditLog auditLog() {
        return auditLog;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }

    @Test
    void refusesAnAppendOutsideATransaction() {
        assertThatThrownBy(() -> auditLog.append(created())).isInstanceOf(IllegalStateException.class);

        assertThat(auditLog.events()).isEmpty();
    }

    @Test
    void refusesAnAppendInsideAReadOnlyTransaction() {
        assertThatThrownBy(() -> transactions.readOnly(() -> {
            auditLog.append(created());
            return null;
        }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(auditLog.events()).isEmpty();
    }

    @Test
    void rollsBackTogetherWithTheUsersOfTheSameTransaction() {
        assertThatThrownBy(() -> transactions.inTransaction(() -> {
            users.add(Users.anActiveUser().build());
            auditLog.append(created());
            throw new IllegalStateException("boom");
        })).hasMessage("boom");

        assertThat(store.size()).isZero();
        assertThat(auditLog.events()).isEmpty();
    }

    @Test
    void aFailedNestedTransactionRollsBackOnlyItsOwnAppends() {
        transactions.inTransaction(() -> {
            auditLog.append(created());
            assertThatThrownBy(() -> transactions.inTransaction(() -> {
                auditLog.append(created());
                throw new IllegalStateException("inner");
            })).hasMessage("inner");
            auditLog.append(created());
        });

        assertThat(auditLog.events()).extracting(StoredAuditEvent::sequence).containsExactly(1L, 2L);
        assertThat(auditLog.events().get(1).previousHash()).isEqualTo(auditLog.events().get(0).hash());
    }

    @Test
    void tamperingChangesTheContentButKeepsTheStoredHashes() {
        transactions.inTransaction(() -> auditLog.append(created()));
        StoredAuditEvent original = auditLog.events().get(0);

        auditLog.tamper(1, event -> new AuditEvent(event.occurredAt(), event.actor(), AuditAction.USER_UPDATED,
                event.target(), new TreeMap<>(Map.of("fields", "email"))));

        StoredAuditEvent tampered = auditLog.events().get(0);
        assertThat(tampered.event().action()).isEqualTo(AuditAction.USER_UPDATED);
        assertThat(tampered.hash()).isEqualTo(original.hash());
        assertThat(tampered.previousHash()).isEqualTo(original.previousHash());
    }

    @Test
    void aRemovedEventLeavesTheChainHeadWhereItWas() {
        transactions.inTransaction(() -> auditLog.append(created()));
        transactions.inTransaction(() -> auditLog.append(created()));
        StoredAuditEvent second = auditLog.events().get(1);

        auditLog.remove(2);
        transactions.inTransaction(() -> auditLog.append(created()));
        StoredAuditEvent next = auditLog.events().get(1);

        assertThat(next.sequence()).isEqualTo(3);
        assertThat(next.previousHash()).isEqualTo(second.hash());
        assertThat(auditLog.events()).extracting(StoredAuditEvent::sequence).containsExactly(1L, 3L);
    }

    private static AuditEvent created() {
        return AuditEvent.of(NOW, Actor.system(), AuditAction.USER_CREATED, Users.DEFAULT_ID, Map.of());
    }
}
