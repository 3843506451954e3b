package dev.roster.application.service.accounts;

import dev.roster.application.fakes.FixedActor;
import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryServiceAccountRepository;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.fakes.SettableClock;
import dev.roster.application.model.accounts.ApiKey;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.in.accounts.CreateServiceAccountCommand;
import dev.roster.application.port.in.accounts.InvalidServiceAccountException;
import dev.roster.application.port.in.accounts.IssuedKey;
import dev.roster.application.port.in.accounts.ServiceAccountNotFoundException;
import dev.roster.application.port.in.accounts.ServiceAccountRevokedException;
import dev.roster.application.service.audit.Auditor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceAccountServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");

    private InMemoryUserStore store;
    private InMemoryServiceAccountRepository repository;
    private InMemoryAuditLog auditLog;
    private SettableClock clock;
    private ServiceAccountService service;

    @BeforeEach
    void wireWithFakes() {
        store = new InMemoryUserStore();
        repository = new InMemoryServiceAccountRepository(store);
        auditLog = new InMemoryAuditLog(store);
        clock = new SettableClock(NOW);
        service = new ServiceAccountService(repository, new InMemoryTransactionBoundary(store), clock, new Random(42),
                new Auditor(auditLog, new InMemoryChangeEventLog(store), new FixedActor(), clock));
    }

    @Nested
    class Create {
        @Test
        void issuesAWellFormedKeyAndStoresOnlyItsHash() {
            IssuedKey issued = service.create(new CreateServiceAccountCommand("  prometheus  ", Set.of(Scope.METRICS_READ)));

            assertThat(issued.key().value()).startsWith("rsk_").hasSize(4 + 43);
            assertThat(issued.key().isWellFormed()).isTrue();
            assertThat(issued.key().toString()).doesNotContain(issued.key().value().substring(4));
            ServiceAccount account = issued.account();
            assertThat(account.name()).isEqualTo("prometheus");
            assertThat(account.scopes()).containsExactly(Scope.METRICS_READ);
            assertThat(account.createdAt()).isEqualTo(NOW);
            assertThat(account.keyIssuedAt()).isEqualTo(NOW);
            assertThat(account.lastUsedAt()).isEmpty();
            assertThat(account.isActive()).isTrue();
            assertThat(service.get(account.id())).isEqualTo(account);
            assertThat(new InMemoryTransactionBoundary(store).readOnly(() -> repository.findByKeyHash(issued.key().hash())))
                    .contains(account);
        }

        @Test
        void givesEveryAccountItsOwnIdAndKey() {
            IssuedKey first = service.create(command("one"));
            clock.advance(Duration.ofMillis(1));
            IssuedKey second = service.create(command("two"));

            assertThat(first.account().id()).isNotEqualTo(second.account().id());
            assertThat(first.key()).isNotEqualTo(second.key());
            assertThat(service.list()).extracting(ServiceAccount::name).containsExactly("one", "two");
        }

        @Test
        void isAuditedWithTheAdministratorAsActorAndNoKeyInTheDetails() {
            IssuedKey issued = service.create(new CreateServiceAccountCommand("feed",
                    Set.of(Scope.USERS_READ, Scope.EVENTS_READ)));

            StoredAuditEvent event = single(AuditAction.SERVICE_ACCOUNT_CREATED);
            assertThat(event.event().actor()).isEqualTo(FixedActor.DEFAULT);
            assertThat(event.event().target()).isEmpty();
            assertThat(event.event().details()).isEqualTo(Map.of("serviceAccountId", issued.account().id().toString(),
                    "scopes", "events:read,users:read"));
            assertThat(event.toString()).doesNotContain(issued.key().value()).doesNotContain(issued.key().hash());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "tab\there", "line\nbreak", "\u0000"})
        void refusesANameThatIsBlankOrNotOneLine(String name) {
            assertThatThrownBy(() -> new CreateServiceAccountCommand(name, Set.of(Scope.USERS_READ)))
                    .isInstanceOfSatisfying(InvalidServiceAccountException.class, e -> assertThat(e.field()).isEqualTo("name"));
        }

        @Test
        void acceptsANameOfOneHundredCharactersButNotMore() {
            assertThat(new CreateServiceAccountCommand("x".repeat(100), Set.of(Scope.USERS_READ)).name()).hasSize(100);
            assertThatThrownBy(() -> new CreateServiceAccountCommand("x".repeat(101), Set.of(Scope.USERS_READ)))
                    .isInstanceOfSatisfying(InvalidServiceAccountException.class, e -> assertThat(e.field()).isEqualTo("name"));
        }

        @Test
        void refusesAnAccountWithoutScopes() {
            assertThatThrownBy(() -> new CreateServiceAccountCommand("nothing", Set.of()))
                    .isInstanceOfSatisfying(InvalidServiceAccountException.class, e -> assertThat(e.field()).isEqualTo("scopes"));
        }
    }

    @Nested
    class Authenticate {
        @Test
        void findsTheAccountOfItsCurrentKey() {
            IssuedKey issued = service.create(command("feed"));

            assertThat(service.authenticate(issued.key())).hasValueSatisfying(account ->
                    assertThat(account.id()).isEqualTo(issued.account().id()));
        }

        @Test
        void findsNothingForAnUnknownOrMalformedKey() {
            service.create(command("feed"));

            assertThat(service.authenticate(ApiKey.generate(new Random(7)))).isEmpty();
            assertThat(service.authenticate(new ApiKey("rsk_short"))).isEmpty();
            assertThat(service.authenticate(new ApiKey("not a key at all"))).isEmpty();
        }

        @Test
        void findsNothingOnceTheAccountIsRevoked() {
            IssuedKey issued = service.create(command("feed"));
            service.authenticate(issued.key());

            service.revoke(issued.account().id());

            assertThat(service.authenticate(issued.key())).isEmpty();
        }

        @Test
        void recordsTheLastUseAtMostOnceAMinute() {
            IssuedKey issued = service.create(command("feed"));
            UUID id = issued.account().id();

            service.authenticate(issued.key());
            assertThat(service.get(id).lastUsedAt()).contains(NOW);
            long writes = store.modifications();

            clock.advance(Duration.ofSeconds(59));
            service.authenticate(issued.key());
            assertThat(service.get(id).lastUsedAt()).contains(NOW);
            assertThat(store.modifications()).as("no write within the minute").isEqualTo(writes);

            clock.advance(Duration.ofSeconds(2));
            service.authenticate(issued.key());
            assertThat(service.get(id).lastUsedAt()).contains(NOW.plusSeconds(61));
        }

        @Test
        void aUseIsNotAudited() {
            IssuedKey issued = service.create(command("feed"));
            int before = auditLog.events().size();

            service.authenticate(issued.key());

            assertThat(auditLog.events()).hasSize(before);
        }
    }

    @Nested
    class Revoke {
        @Test
        void keepsTheAccountListedAsRevokedAndAuditsOnce() {
            IssuedKey issued = service.create(command("feed"));
            clock.advance(Duration.ofMinutes(5));

            service.revoke(issued.account().id());
            service.revoke(issued.account().id());

            ServiceAccount revoked = service.get(issued.account().id());
            assertThat(revoked.revokedAt()).contains(NOW.plus(Duration.ofMinutes(5)));
            assertThat(revoked.isActive()).isFalse();
            assertThat(service.list()).containsExactly(revoked);
            StoredAuditEvent event = single(AuditAction.SERVICE_ACCOUNT_REVOKED);
            assertThat(event.event().details()).isEqualTo(Map.of("serviceAccountId", issued.account().id().toString()));
        }

        @Test
        void refusesAnUnknownAccount() {
            assertThatThrownBy(() -> service.revoke(UUID.randomUUID())).isInstanceOf(ServiceAccountNotFoundException.class);
            assertThat(auditLog.events()).isEmpty();
        }
    }

    @Nested
    class Rotate {
        @Test
        void theNewKeyWorksAndTheOldOneNoLonger() {
            IssuedKey issued = service.create(command("feed"));
            clock.advance(Duration.ofHours(1));

            IssuedKey rotated = service.rotate(issued.account().id());

            assertThat(rotated.key()).isNotEqualTo(issued.key());
            assertThat(rotated.account().keyIssuedAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
            assertThat(rotated.account().createdAt()).isEqualTo(NOW);
            assertThat(service.authenticate(issued.key())).isEmpty();
            assertThat(service.authenticate(rotated.key())).isPresent();
            assertThat(single(AuditAction.SERVICE_ACCOUNT_KEY_ROTATED).event().details())
                    .isEqualTo(Map.of("serviceAccountId", issued.account().id().toString()));
        }

        @Test
        void refusesARevokedAccountAndKeepsItDead() {
            IssuedKey issued = service.create(command("feed"));
            service.revoke(issued.account().id());

            assertThatThrownBy(() -> service.rotate(issued.account().id())).isInstanceOf(ServiceAccountRevokedException.class);
            assertThat(auditLog.events()).extracting(e -> e.event().action())
                    .doesNotContain(AuditAction.SERVICE_ACCOUNT_KEY_ROTATED);
        }

        @Test
        void refusesAnUnknownAccount() {
            assertThatThrownBy(() -> service.rotate(UUID.randomUUID())).isInstanceOf(ServiceAccountNotFoundException.class);
        }
    }

    @Test
    void getRefusesAnUnknownAccount() {
        assertThatThrownBy(() -> service.get(UUID.randomUUID())).isInstanceOf(ServiceAccountNotFoundException.class);
    }

    private StoredAuditEvent single(AuditAction action) {
        List<StoredAuditEvent> events = auditLog.events().stream().filter(e -> e.event().action() == action).toList();
        assertThat(events).as("events %s", action).hasSize(1);
        return events.get(0);
    }

    private static CreateServiceAccountCommand command(String name) {
        return new CreateServiceAccountCommand(name, Set.of(Scope.USERS_READ));
    }
}
