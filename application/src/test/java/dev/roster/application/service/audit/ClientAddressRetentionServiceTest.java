package dev.roster.application.service.audit;

import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryEventSequencer;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressRetentionServiceTest {
    private static final Instant DAY_0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration NINETY_DAYS = Duration.ofDays(90);
    private static final UserId ADA = Users.DEFAULT_ID;

    private InMemoryUserStore store;
    private InMemoryAuditLog auditLog;
    private InMemoryTransactionBoundary transactions;

    @BeforeEach
    void wire() {
        store = new InMemoryUserStore();
        auditLog = new InMemoryAuditLog(store);
        transactions = new InMemoryTransactionBoundary(store);
    }

    @Test
    void clearsTheAddressesOfEventsOlderThanTheRetentionAndKeepsTheRestAndTheChainValid() {
        append(DAY_0, "198.51.100.1");
        append(DAY_0.plus(Duration.ofDays(9)), "198.51.100.2");
        append(DAY_0.plus(Duration.ofDays(50)), "198.51.100.3");
        ClientAddressRetentionService retention = serviceAt(DAY_0.plus(Duration.ofDays(100)), 10);

        assertThat(retention.clearExpiredBatch()).isEqualTo(2);
        assertThat(retention.clearExpiredBatch()).isZero();

        assertThat(auditLog.events()).extracting(stored -> stored.event().actor().clientAddress())
                .containsExactly(Optional.empty(), Optional.empty(), Optional.of("198.51.100.3"));
        assertThat(auditLog.events()).allSatisfy(stored -> assertThat(stored.addressCommitment()).isPresent());
        assertThat(new AuditTrailService(auditLog, new InMemoryEventSequencer(new InMemoryChangeEventLog(store)), transactions)
                .verify().valid()).isTrue();
    }

    @Test
    void anEventExactlyAsOldAsTheRetentionKeepsItsAddress() {
        append(DAY_0, "198.51.100.1");

        assertThat(serviceAt(DAY_0.plus(NINETY_DAYS), 10).clearExpiredBatch()).isZero();
        assertThat(auditLog.events().get(0).event().actor().clientAddress()).contains("198.51.100.1");
    }

    @Test
    void movesPastAtMostOneBatchPerCall() {
        for (int i = 0; i < 5; i++) {
            append(DAY_0.plusSeconds(i), "198.51.100." + i);
        }
        ClientAddressRetentionService retention = serviceAt(DAY_0.plus(Duration.ofDays(365)), 2);

        assertThat(retention.clearExpiredBatch()).isEqualTo(2);
        assertThat(retention.clearExpiredBatch()).isEqualTo(2);
        assertThat(retention.clearExpiredBatch()).isEqualTo(1);
        assertThat(auditLog.events()).extracting(StoredAuditEvent::event)
                .allSatisfy(event -> assertThat(event.actor().clientAddress()).isEmpty());
    }

    @Test
    void refusesANegativeRetentionOrAnEmptyBatch() {
        Clock clock = Clock.fixed(DAY_0, ZoneOffset.UTC);
        assertThatThrownBy(() -> new ClientAddressRetentionService(auditLog, transactions, clock, Duration.ofDays(-1), 10))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddressRetentionService(auditLog, transactions, clock, NINETY_DAYS, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ClientAddressRetentionService serviceAt(Instant now, int batchSize) {
        return new ClientAddressRetentionService(auditLog, transactions, Clock.fixed(now, ZoneOffset.UTC), NINETY_DAYS, batchSize);
    }

    private void append(Instant at, String address) {
        transactions.inTransaction(() -> auditLog.append(AuditEvent.of(at, new Actor(Optional.of(ADA), Optional.of(address)),
                AuditAction.LOGIN_SUCCEEDED, ADA, Map.of())));
    }
}
