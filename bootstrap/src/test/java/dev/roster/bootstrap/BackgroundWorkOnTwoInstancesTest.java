package dev.roster.bootstrap;

import dev.roster.adapters.out.privacy.FileErasureLedger;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.webhooks.DeliveryEndpoint;
import dev.roster.application.model.webhooks.WebhookDelivery;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.audit.ChainVerification;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.lifecycle.DeactivateUserUseCase;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.port.in.privacy.LedgerReplayReport;
import dev.roster.application.port.in.privacy.ReplayErasureLedgerUseCase;
import dev.roster.application.port.in.recipients.CreateRecipientCommand;
import dev.roster.application.port.in.recipients.ManageErasureRecipientsUseCase;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.application.port.in.webhooks.CreateWebhookCommand;
import dev.roster.application.port.in.webhooks.DispatchWebhooksUseCase;
import dev.roster.application.port.in.webhooks.ManageWebhooksUseCase;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.privacy.LedgerEntry;
import dev.roster.application.service.privacy.ErasureLedgerRecorder;
import dev.roster.bootstrap.webhooks.Receiver;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.UserId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Background work on two instances at once (SPEC §7, issue 14 point 3): two application contexts on one PostgreSQL
 * database, as two Roster processes behind a load balancer would be, each with its own erasure ledger (two hosts).
 * Each job is driven directly from both instances at the same moment (threads released by one latch), for several
 * rounds; nothing is done twice and nothing is missed. PostgreSQL only: H2 is single-instance (STACK P8).
 */
class BackgroundWorkOnTwoInstancesTest {
    private static final int ROUNDS = 3;

    private static ApplicationContext a;
    private static ApplicationContext b;

    @BeforeAll
    static void startTwoInstances() {
        a = start(aLedger());
        String product = a.getBean(TestDatabase.class).productName();
        if (!"PostgreSQL".equals(product)) {
            a.close();
            a = null;
        }
        assumeThat(product).as("several instances share PostgreSQL only").isEqualTo("PostgreSQL");
        b = start(aLedger());
    }

    @AfterAll
    static void stopThem() {
        for (ApplicationContext context : new ApplicationContext[] {a, b}) {
            if (context != null) {
                context.close();
            }
        }
    }

    @BeforeEach
    void startEmpty() {
        a.getBean(TestDatabase.class).clear();
    }

    @Nested
    class Retention {
        @Test
        void eachExpiredUserIsErasedOnceWithOneReceiptOneChangeEventAndOneAuditEvent() {
            List<UserId> expired = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < 9; i++) {
                    expired.add(softDeleted(a, "retired-" + round + "-a" + i + "@example.org"));
                    expired.add(softDeleted(b, "retired-" + round + "-b" + i + "@example.org"));
                }
                onBoth(instance -> {
                    instance.getBean(RetentionJob.class).eraseExpiredAccounts(); // batches of 4: the runs interleave
                    return null;
                });
                assertThat(count("SELECT COUNT(*) FROM users WHERE status = 'DELETED'")).as("round %d", round).isZero();
            }
            linkOnBoth();

            for (UserId user : expired) {
                assertThat(count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'ANONYMIZED'", user.value())).isOne();
                assertThat(count("SELECT COUNT(*) FROM erasure_receipts WHERE user_id = ?", user.value())).isOne();
                assertThat(count("SELECT COUNT(*) FROM change_events WHERE user_id = ? AND event_type = 'user.anonymized'",
                        user.value())).isOne();
                assertThat(count("SELECT COUNT(*) FROM audit_events WHERE target_user_id = ? AND action = ?", user.value(),
                        AuditAction.USER_ANONYMIZED.wireName())).isOne();
            }
            assertChainVerifies();
        }

        @Test
        void eachInstancesLedgerListsEveryErasureOnceWhicheverInstanceMadeIt() {
            List<UserId> expired = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                for (int i = 0; i < 6; i++) {
                    expired.add(softDeleted(i % 2 == 0 ? a : b, "ledgered-" + round + "-" + i + "@example.org"));
                }
                onBoth(instance -> {
                    instance.getBean(RetentionJob.class).eraseExpiredAccounts();
                    return null;
                });
            }
            onBoth(instance -> instance.getBean(ErasureLedgerRecorder.class).catchUp()); // what the follower does each second

            Map<UUID, UUID> receipts = receiptsOf(expired);
            for (ApplicationContext instance : List.of(a, b)) {
                List<LedgerEntry> entries = ledgerOf(instance, expired);
                assertThat(entries).hasSize(expired.size());
                assertThat(entries.stream().collect(Collectors.toMap(entry -> entry.userId().value(), LedgerEntry::receiptId)))
                        .isEqualTo(receipts);
            }
        }
    }

    @Nested
    class ErasureLedger {
        @Test
        void replayingOnBothInstancesAtOnceErasesEachRestoredUserOnce() {
            List<UserId> users = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                users.add(new UserId(createUser(i % 2 == 0 ? a : b, "restored-" + i + "@example.org")));
            }
            RowBackup backup = backupOf(users); // the nightly backup
            for (int i = 0; i < users.size(); i++) {
                (i % 2 == 0 ? a : b).getBean(AnonymizeUserUseCase.class).anonymize(users.get(i));
            }
            onBoth(instance -> instance.getBean(ErasureLedgerRecorder.class).catchUp());
            Map<UUID, UUID> first = receiptsOf(users);
            backup.restore(); // the database is restored from it under both running instances

            List<LedgerReplayReport> reports = onBoth(instance -> instance.getBean(ReplayErasureLedgerUseCase.class).replay());

            assertThat(reports.stream().mapToInt(LedgerReplayReport::reErased).sum()).isEqualTo(users.size());
            linkOnBoth();
            onBoth(instance -> instance.getBean(ErasureLedgerRecorder.class).catchUp());
            Map<UUID, UUID> second = receiptsOf(users);
            for (UserId user : users) {
                assertThat(count("SELECT COUNT(*) FROM users WHERE id = ? AND status = 'ANONYMIZED'", user.value())).isOne();
                assertThat(count("SELECT COUNT(*) FROM audit_events WHERE target_user_id = ? AND action = ?", user.value(),
                        AuditAction.USER_ERASURE_REPLAYED.wireName())).isOne();
                assertThat(count("SELECT COUNT(*) FROM change_events WHERE user_id = ? AND event_type = 'user.anonymized'",
                        user.value())).isEqualTo(2);
                assertThat(second.get(user.value())).isNotEqualTo(first.get(user.value()));
            }
            for (ApplicationContext instance : List.of(a, b)) {
                Map<UUID, List<UUID>> listed = ledgerOf(instance, users).stream().collect(Collectors.groupingBy(
                        entry -> entry.userId().value(), Collectors.mapping(LedgerEntry::receiptId, Collectors.toList())));
                for (UserId user : users) {
                    assertThat(listed.get(user.value())).containsExactly(first.get(user.value()), second.get(user.value()));
                }
            }
            assertChainVerifies();
        }

        @Test
        void twoInstancesSharingOneLedgerFileWriteEachErasureOnce() {
            Path shared = aLedger();
            try (ApplicationContext c = start(shared); ApplicationContext d = start(shared)) {
                List<UserId> users = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    users.add(new UserId(createUser(i % 2 == 0 ? c : d, "shared-ledger-" + i + "@example.org")));
                }
                onBoth(c, d, instance -> {
                    // each instance erases half, and its follower appends the other half too
                    for (int i = instance == c ? 0 : 1; i < users.size(); i += 2) {
                        instance.getBean(AnonymizeUserUseCase.class).anonymize(users.get(i));
                    }
                    return null;
                });
                onBoth(c, d, instance -> instance.getBean(ErasureLedgerRecorder.class).catchUp());

                List<LedgerEntry> entries = ledgerOf(c, users);
                assertThat(entries).hasSize(users.size());
                assertThat(entries.stream().collect(Collectors.toMap(entry -> entry.userId().value(), LedgerEntry::receiptId)))
                        .isEqualTo(receiptsOf(users));
            }
        }
    }

    @Nested
    class WebhookDeliveries {
        @Test
        void everyDeliveryReachesItsReceiverOnceWhenBothInstancesDispatchTheSameQueue() throws Exception {
            try (Receiver hooks = new Receiver(); Receiver erasures = new Receiver()) {
                UUID webhook = a.getBean(ManageWebhooksUseCase.class).create(new CreateWebhookCommand(
                        new WebhookUrl(hooks.url("/hook")), Set.of(), Optional.empty())).id();
                UUID recipient = a.getBean(ManageErasureRecipientsUseCase.class).create(new CreateRecipientCommand(
                        "Billing", new WebhookUrl(erasures.url("/erasures")))).id();
                for (int round = 0; round < ROUNDS; round++) {
                    // the receivers hold every request until the queue is full: each dispatcher holds its share of slots
                    CountDownLatch gate = new CountDownLatch(1);
                    hooks.answering(request -> held(gate));
                    erasures.answering(request -> held(gate));
                    int r = round;
                    onBoth(instance -> {
                        String name = instance == a ? "a" : "b";
                        for (int i = 0; i < 20; i++) {
                            UUID user = createUser(instance, "hooked-" + r + "-" + name + i + "@example.org");
                            if (i % 4 == 0) {
                                instance.getBean(AnonymizeUserUseCase.class).anonymize(new UserId(user));
                            }
                        }
                        return null;
                    });
                    linkOnBoth();
                    // then the gate opens while both dispatchers, and a claiming thread on each instance, compete
                    onBoth(instance -> {
                        if (instance == a) {
                            gate.countDown();
                        }
                        return claimAndSendAll(instance, List.of(webhook, recipient));
                    });
                    await(Duration.ofSeconds(60), "every delivery of round " + round,
                            () -> count("SELECT COUNT(*) FROM webhook_deliveries WHERE status <> 'DELIVERED'") == 0);
                }
                Thread.sleep(500); // a duplicate would arrive now

                assertDeliveredOnce(hooks, "SELECT event_id FROM change_events");
                assertThat(count("SELECT COUNT(*) FROM change_events")).isEqualTo(ROUNDS * 2 * (20 + 5));
                assertDeliveredOnce(erasures, "SELECT event_id FROM webhook_deliveries WHERE subscription_id = '" + recipient + "'");
                assertThat(count("SELECT COUNT(*) FROM erasure_requests")).isEqualTo(ROUNDS * 2 * 5);
                assertThat(count("SELECT COUNT(*) FROM webhook_deliveries WHERE attempts <> 1")).isZero();
                for (ApplicationContext instance : List.of(a, b)) {
                    assertThat(delivered(instance)).as("both instances sent some").isPositive();
                }
            }
        }

        private static int held(CountDownLatch gate) {
            try {
                return gate.await(20, TimeUnit.SECONDS) ? 200 : 503;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 503;
            }
        }

        private static int claimAndSendAll(ApplicationContext instance, List<UUID> endpoints) {
            DispatchWebhooksUseCase dispatch = instance.getBean(DispatchWebhooksUseCase.class);
            int sent = 0;
            for (UUID id : endpoints) {
                DeliveryEndpoint endpoint = dispatch.activeEndpoints().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
                List<WebhookDelivery> claimed;
                while (!(claimed = dispatch.claim(id, 3)).isEmpty()) {
                    for (WebhookDelivery delivery : claimed) {
                        dispatch.attempt(endpoint, delivery);
                        sent++;
                    }
                }
            }
            return sent;
        }

        private static void assertDeliveredOnce(Receiver receiver, String expectedIds) {
            Map<String, Long> perId = receiver.requests().stream()
                    .collect(Collectors.groupingBy(Receiver.Request::webhookId, Collectors.counting()));
            assertThat(perId.values()).as("no message twice").containsOnly(1L);
            assertThat(perId.keySet()).as("every message").isEqualTo(Set.copyOf(strings(expectedIds)));
        }

        private static double delivered(ApplicationContext instance) {
            Counter counter = instance.getBean(MeterRegistry.class).find("roster.webhook.deliveries").tag("outcome", "delivered").counter();
            return counter == null ? 0 : counter.count();
        }
    }

    @Nested
    class FeedPruning {
        @Test
        void bothInstancesPruningAtOnceRemoveTheExpiredPrefixAndNothingElse() {
            for (int round = 0; round < ROUNDS; round++) {
                long before = count("SELECT last_position FROM change_feed_head WHERE id = 1");
                // everything so far, and 7,000 more (two batches of 5,000 between them), is past the 30 days
                place(7_000, Duration.ofDays(40));
                execute("UPDATE change_events SET occurred_at = occurred_at - INTERVAL '40 days' WHERE position <= ?", before);
                long expiredThrough = before + 7_000;
                place(300, Duration.ZERO);
                int r = round;
                onBoth(instance -> {
                    for (int i = 0; i < 5; i++) { // the sequencer places writes at the end meanwhile
                        createUser(instance, "pruned-" + r + "-" + (instance == a ? "a" : "b") + i + "@example.org");
                    }
                    instance.getBean(ChangeFeedPruningJob.class).pruneExpiredEvents();
                    return null;
                });
                linkOnBoth();

                long last = count("SELECT last_position FROM change_feed_head WHERE id = 1");
                assertThat(last).isEqualTo(expiredThrough + 300 + 10);
                assertThat(count("SELECT pruned_through FROM change_feed_head WHERE id = 1")).isEqualTo(expiredThrough);
                assertThat(count("SELECT MIN(position) FROM change_events")).isEqualTo(expiredThrough + 1);
                assertThat(count("SELECT COUNT(*) FROM change_events")).isEqualTo(last - expiredThrough);
            }
        }

        /** Places {@code events} change events as the sequencer would, {@code age} old. */
        private static void place(int events, Duration age) {
            TransactionOperations<Connection> transactions = transactionsOf(a);
            transactions.executeWrite(status -> {
                execute("SELECT id FROM event_sequencer_lock WHERE id = 1 FOR UPDATE");
                execute("INSERT INTO change_events (position, event_id, event_type, occurred_at, user_id, event_data) "
                        + "SELECT h.last_position + g, gen_random_uuid(), 'user.updated', CURRENT_TIMESTAMP - make_interval(secs => ?), "
                        + "gen_random_uuid(), '{\"fields\":[\"displayName\"]}' FROM change_feed_head h, generate_series(1, ?) g WHERE h.id = 1",
                        (double) age.toSeconds(), events);
                execute("UPDATE change_feed_head SET last_position = last_position + ? WHERE id = 1", events);
                return null;
            });
        }
    }

    @Nested
    class ClientAddressRetention {
        @Test
        void bothInstancesClearingAtOnceClearEveryExpiredAddressAndTheChainStillVerifies() {
            for (int round = 0; round < ROUNDS; round++) {
                UUID actor = createUser(a, "actor-" + round + "@example.org");
                onBoth(instance -> {
                    // 1,500 events from each instance's requests: the runs share three batches of 1,000
                    for (int chunk = 0; chunk < 15; chunk++) {
                        instance.getBean(TransactionBoundary.class).inTransaction(() -> {
                            for (int i = 0; i < 100; i++) {
                                instance.getBean(AuditLog.class).append(AuditEvent.of(Instant.now(),
                                        new Actor(Optional.of(new UserId(actor)), Optional.of("198.51.100." + (i + 1))),
                                        AuditAction.USER_UPDATED, new UserId(actor), Map.of("fields", "displayName")));
                            }
                            return null;
                        });
                    }
                    return null;
                });
                linkOnBoth();
                assertThat(count("SELECT COUNT(*) FROM audit_events WHERE client_address IS NOT NULL")).isGreaterThanOrEqualTo(3_000);

                onBoth(instance -> {
                    instance.getBean(ClientAddressRetentionJob.class).clearExpiredClientAddresses();
                    return null;
                });

                assertThat(count("SELECT COUNT(*) FROM audit_events WHERE client_address IS NOT NULL")).isZero();
                assertThat(count("SELECT cleared_through FROM audit_address_retention WHERE id = 1"))
                        .isEqualTo(count("SELECT MAX(sequence) FROM audit_events"));
            }
            assertChainVerifies();
        }
    }

    @Nested
    class Linking {
        @Test
        void bothSequencersPlaceWhileBothInstancesWriteAndEveryEventGetsOnePlace() {
            int writersPerInstance = 4;
            int usersPerWriter = 15;
            List<UUID> users = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                int r = round;
                List<Callable<Object>> work = new ArrayList<>();
                for (ApplicationContext instance : List.of(a, b)) {
                    for (int w = 0; w < writersPerInstance; w++) {
                        String writer = (instance == a ? "a" : "b") + w;
                        work.add(() -> {
                            for (int i = 0; i < usersPerWriter; i++) {
                                UUID user = createUser(instance, "linked-" + r + "-" + writer + "-" + i + "@example.org");
                                users.add(user);
                                if (i % 3 == 0) {
                                    instance.getBean(DeactivateUserUseCase.class).deactivate(new UserId(user));
                                }
                                instance.getBean(EventSequencer.class).linkPending(); // as an erasure or a read does
                            }
                            return null;
                        });
                    }
                }
                atOnce(work);
            }
            linkOnBoth();

            long expected = (long) ROUNDS * 2 * writersPerInstance * (usersPerWriter + usersPerWriter / 3);
            assertThat(count("SELECT COUNT(*) FROM change_events")).isEqualTo(expected);
            assertThat(count("SELECT COUNT(DISTINCT event_id) FROM change_events")).isEqualTo(expected);
            assertThat(count("SELECT MIN(position) FROM change_events")).isOne();
            assertThat(count("SELECT MAX(position) FROM change_events")).isEqualTo(expected);
            assertThat(count("SELECT last_position FROM change_feed_head WHERE id = 1")).isEqualTo(expected);
            assertThat(count("SELECT COUNT(*) FROM audit_events")).isEqualTo(expected);
            assertThat(count("SELECT MIN(sequence) FROM audit_events")).isOne();
            assertThat(count("SELECT MAX(sequence) FROM audit_events")).isEqualTo(expected);
            assertThat(count("SELECT COUNT(*) FROM change_events_pending")).isZero();
            assertThat(count("SELECT COUNT(*) FROM audit_pending")).isZero();
            for (UUID user : users) {
                assertThat(count("SELECT COUNT(*) FROM change_events WHERE user_id = ? AND event_type = 'user.created'", user)).isOne();
            }
            ChainVerification verification = assertChainVerifies();
            assertThat(verification.checked()).isEqualTo(expected);
        }
    }

    // --- two instances

    private static Path aLedger() {
        return Path.of("target", "erasure-ledgers", "two-instances-" + UUID.randomUUID() + ".ndjson");
    }

    /** An instance whose timers never fire by themselves: the tests drive each job. */
    private static ApplicationContext start(Path ledger) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("roster.erasure.ledger-path", ledger.toString());
        properties.put("roster.retention.enabled", true);
        properties.put("roster.retention.soft-deleted-days", 0);
        properties.put("roster.retention.batch-size", 4);
        properties.put("roster.retention.initial-delay", "10000h");
        properties.put("roster.events.prune-initial-delay", "10000h");
        properties.put("roster.audit.client-address-retention", "0s");
        properties.put("roster.audit.client-address-clearing-initial-delay", "10000h");
        return ApplicationContext.run(properties, "test");
    }

    private static <T> List<T> onBoth(Function<ApplicationContext, T> work) {
        return onBoth(a, b, work);
    }

    private static <T> List<T> onBoth(ApplicationContext first, ApplicationContext second, Function<ApplicationContext, T> work) {
        return atOnce(List.of(() -> work.apply(first), () -> work.apply(second)));
    }

    /** Runs every task on its own thread, all released at once; fails with the first task's failure. */
    private static <T> List<T> atOnce(List<Callable<T>> tasks) {
        ExecutorService threads = Executors.newFixedThreadPool(tasks.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(120, TimeUnit.SECONDS));
            }
            return results;
        } catch (ExecutionException e) {
            throw new AssertionError("a run failed: " + e.getCause(), e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void linkOnBoth() {
        onBoth(instance -> {
            instance.getBean(EventSequencer.class).linkPending();
            return null;
        });
    }

    private static UUID createUser(ApplicationContext instance, String email) {
        return instance.getBean(CreateUserUseCase.class).create(new CreateUserCommand(new Email(email), Optional.empty(),
                Optional.empty(), Attributes.none(), Set.of(), Optional.empty())).id();
    }

    private static UserId softDeleted(ApplicationContext instance, String email) {
        UserId id = new UserId(createUser(instance, email));
        instance.getBean(SoftDeleteUserUseCase.class).softDelete(id);
        return id;
    }

    private static ChainVerification assertChainVerifies() {
        ChainVerification verification = b.getBean(VerifyAuditChainUseCase.class).verify();
        assertThat(verification.valid()).isTrue();
        return verification;
    }

    /** The user's receipt id, by user id, as the database holds them. */
    private static Map<UUID, UUID> receiptsOf(Collection<UserId> users) {
        Map<UUID, UUID> receipts = new HashMap<>();
        for (UserId user : users) {
            List<String> ids = strings("SELECT id FROM erasure_receipts WHERE user_id = '" + user.value() + "'");
            assertThat(ids).hasSize(1);
            receipts.put(user.value(), UUID.fromString(ids.get(0)));
        }
        return receipts;
    }

    /** The entries of the instance's ledger that name these users (the ledger also holds earlier tests' erasures). */
    private static List<LedgerEntry> ledgerOf(ApplicationContext instance, Collection<UserId> users) {
        Set<UserId> wanted = Set.copyOf(users);
        return instance.getBean(FileErasureLedger.class).read().entries().stream()
                .filter(entry -> wanted.contains(entry.userId())).toList();
    }

    @SuppressWarnings("unchecked")
    private static RowBackup backupOf(List<UserId> users) {
        return RowBackup.of(a.getBean(JdbcOperations.class), a.getBean(TransactionOperations.class),
                users.stream().map(UserId::value).toList());
    }

    // --- SQL on the shared database

    @SuppressWarnings("unchecked")
    private static TransactionOperations<Connection> transactionsOf(ApplicationContext instance) {
        return instance.getBean(TransactionOperations.class);
    }

    private static long count(String sql, Object... parameters) {
        return transactionsOf(a).executeRead(status -> a.getBean(JdbcOperations.class).prepareStatement(sql, statement -> {
            bind(statement, parameters);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }));
    }

    private static List<String> strings(String sql) {
        return transactionsOf(a).executeRead(status -> a.getBean(JdbcOperations.class).prepareStatement(sql, statement -> {
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }));
    }

    /** Runs a statement in the caller's transaction, or in one of its own. */
    private static void execute(String sql, Object... parameters) {
        TransactionOperations<Connection> transactions = transactionsOf(a);
        JdbcOperations jdbc = a.getBean(JdbcOperations.class);
        if (transactions.findTransactionStatus().isPresent()) {
            jdbc.prepareStatement(sql, statement -> {
                bind(statement, parameters);
                return statement.execute();
            });
            return;
        }
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> {
            bind(statement, parameters);
            return statement.execute();
        }));
    }

    private static void bind(java.sql.PreparedStatement statement, Object... parameters) throws java.sql.SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
