package dev.roster.application.service.accounts;

import dev.roster.application.model.accounts.ApiKey;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.port.in.accounts.AuthenticateServiceAccountUseCase;
import dev.roster.application.port.in.accounts.CreateServiceAccountCommand;
import dev.roster.application.port.in.accounts.CreateServiceAccountUseCase;
import dev.roster.application.port.in.accounts.GetServiceAccountUseCase;
import dev.roster.application.port.in.accounts.IssuedKey;
import dev.roster.application.port.in.accounts.ListServiceAccountsUseCase;
import dev.roster.application.port.in.accounts.RevokeServiceAccountUseCase;
import dev.roster.application.port.in.accounts.RotateServiceAccountKeyUseCase;
import dev.roster.application.port.in.accounts.ServiceAccountNotFoundException;
import dev.roster.application.port.in.accounts.ServiceAccountRevokedException;
import dev.roster.application.port.out.accounts.ServiceAccountRepository;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.service.audit.Auditor;
import dev.roster.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Service accounts: created, listed, revoked and given new keys by administrators (each change audited in its
 * transaction, with the administrator as actor), and the per-request lookup of a presented key. Keys are generated
 * here and only their hashes reach the store (docs/adr/0017-service-accounts.md).
 */
public final class ServiceAccountService implements CreateServiceAccountUseCase, ListServiceAccountsUseCase,
        GetServiceAccountUseCase, RevokeServiceAccountUseCase, RotateServiceAccountKeyUseCase,
        AuthenticateServiceAccountUseCase {
    /** {@code lastUsedAt} is written at most once per this interval and account, not on every request. */
    public static final Duration LAST_USE_GRANULARITY = Duration.ofMinutes(1);

    private final ServiceAccountRepository accounts;
    private final TransactionBoundary transactions;
    private final Clock clock;
    private final RandomGenerator random;
    private final Auditor auditor;

    public ServiceAccountService(ServiceAccountRepository accounts, TransactionBoundary transactions, Clock clock,
                                 RandomGenerator random, Auditor auditor) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    @Override
    public IssuedKey create(CreateServiceAccountCommand command) {
        Instant now = now();
        ApiKey key = ApiKey.generate(random);
        ServiceAccount account = new ServiceAccount(UserId.newTimeOrdered(now, random).value(), command.name(),
                command.scopes(), now, now, Optional.empty(), Optional.empty());
        transactions.inTransaction(() -> {
            accounts.add(account, key.hash());
            auditor.record(AuditAction.SERVICE_ACCOUNT_CREATED, null,
                    Map.of("serviceAccountId", account.id().toString(), "scopes", scopeList(account)));
        });
        return new IssuedKey(account, key);
    }

    @Override
    public List<ServiceAccount> list() {
        return transactions.readOnly(accounts::list);
    }

    @Override
    public ServiceAccount get(UUID id) {
        return transactions.readOnly(() -> accounts.findById(id)).orElseThrow(ServiceAccountNotFoundException::new);
    }

    @Override
    public void revoke(UUID id) {
        transactions.inTransaction(() -> {
            ServiceAccount account = accounts.findById(id).orElseThrow(ServiceAccountNotFoundException::new);
            if (accounts.revoke(id, now())) {
                auditor.record(AuditAction.SERVICE_ACCOUNT_REVOKED, null,
                        Map.of("serviceAccountId", account.id().toString()));
            }
        });
    }

    @Override
    public IssuedKey rotate(UUID id) {
        ApiKey key = ApiKey.generate(random);
        return transactions.inTransaction(() -> {
            ServiceAccount account = accounts.findById(id).orElseThrow(ServiceAccountNotFoundException::new);
            Instant now = now();
            if (!accounts.replaceKey(id, key.hash(), now)) {
                throw new ServiceAccountRevokedException();
            }
            auditor.record(AuditAction.SERVICE_ACCOUNT_KEY_ROTATED, null,
                    Map.of("serviceAccountId", account.id().toString()));
            return new IssuedKey(account.withKeyIssuedAt(now), key);
        });
    }

    @Override
    public Optional<ServiceAccount> authenticate(ApiKey key) {
        if (!key.isWellFormed()) {
            return Optional.empty(); // never issued here: no lookup
        }
        Optional<ServiceAccount> found = transactions.readOnly(() -> accounts.findByKeyHash(key.hash()))
                .filter(ServiceAccount::isActive);
        if (found.isEmpty()) {
            return found;
        }
        ServiceAccount account = found.get();
        Instant now = now();
        Instant recentEnough = now.minus(LAST_USE_GRANULARITY);
        if (account.lastUsedAt().filter(used -> used.isAfter(recentEnough)).isPresent()) {
            return found;
        }
        // a read is not audited; its time is kept, at most once a minute per account
        transactions.inTransaction(() -> accounts.recordUse(account.id(), now, recentEnough));
        return Optional.of(account.usedAt(now));
    }

    private static String scopeList(ServiceAccount account) {
        return account.scopes().stream().map(Scope::wireName).sorted().collect(Collectors.joining(","));
    }

    /** Microseconds: what the databases store, so a returned account equals a re-read one. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
