package dev.roster.application.port.out.audit;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link AuditLog} must do, run against the in-memory fake and the JDBC adapter (H2 and PostgreSQL).
 * A subclass starts every test with an empty audit log. Every call runs inside {@link #transactions()}, as the
 * services make it; the times are whole microseconds, the precision both databases keep.
 */
public abstract class AuditLogContract {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final Instant T1 = Instant.parse("2026-01-01T00:00:01.000001Z");
    private static final Instant T2 = Instant.parse("2026-01-02T12:30:00.5Z");
    private static final Instant T3 = Instant.parse("2026-01-03T23:59:59.999999Z");

    private static final UserId ADA = id(1);
    private static final UserId GRACE = id(2);
    private static final UserId ADMIN = id(3);
    private static final String CLIENT = "203.0.113.7";

    protected abstract AuditLog auditLog();

    protected abstract TransactionBoundary transactions();

    /**
     * Chains what committed appends left pending, as the sequencer does after commit (ADR 0018); a log that chains at
     * once does nothing here.
     */
    protected abstract void placePending();

    @Test
    void anEmptyLogHasNoEvents() {
        assertThat(readOnly(() -> auditLog().last())).isEmpty();
        assertThat(readOnly(() -> auditLog().chainAfter(0, 100))).isEmpty();
        assertThat(readOnly(() -> auditLog().find(AuditFilter.all(), 0, 100))).isEmpty();
    }

    @Test
    void appendedEventsGetConsecutiveSequencesFromOneAndAChainOfHashes() {
        List<AuditEvent> events = List.of(
                event(T0, by(ADMIN), AuditAction.USER_CREATED, ADA, Map.of("roles", "USER")),
                event(T1, by(ADMIN), AuditAction.ROLE_GRANTED, ADA, Map.of("role", "AUDITOR")),
                event(T2, anonymous(), AuditAction.LOGIN_FAILED, null, Map.of("reason", "unknown-account")));

        List<StoredAuditEvent> appended = events.stream().map(this::append).toList();

        assertThat(appended).extracting(StoredAuditEvent::sequence).containsExactly(1L, 2L, 3L);
        assertThat(appended).extracting(StoredAuditEvent::event).containsExactlyElementsOf(events);
        assertThat(appended.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(appended.get(1).previousHash()).isEqualTo(appended.get(0).hash());
        assertThat(appended.get(2).previousHash()).isEqualTo(appended.get(1).hash());
        assertThat(appended).allSatisfy(stored -> assertThat(stored.hash())
                .isEqualTo(AuditChain.hash(stored, stored.previousHash())));
        assertThat(appended).extracting(StoredAuditEvent::hash).doesNotHaveDuplicates().doesNotContain(AuditChain.GENESIS);
        assertThat(chain()).containsExactlyElementsOf(appended);
    }

    @Test
    void severalAppendsInOneTransactionChainToEachOther() {
        StoredAuditEvent first = append(event(T0, by(ADMIN), AuditAction.USER_CREATED, ADA, Map.of()));

        transactions().inTransaction(() -> {
            auditLog().append(event(T1, by(ADMIN), AuditAction.ROLE_GRANTED, ADA, Map.of("role", "ADMIN")));
            auditLog().append(event(T1, by(ADMIN), AuditAction.PASSWORD_SET, ADA, Map.of()));
        });
        placePending();
        List<StoredAuditEvent> inOne = chain().subList(1, 3);

        assertThat(inOne).extracting(StoredAuditEvent::sequence).containsExactly(2L, 3L);
        assertThat(inOne).extracting(stored -> stored.event().action()).containsExactly(AuditAction.ROLE_GRANTED, AuditAction.PASSWORD_SET);
        assertThat(inOne.get(0).previousHash()).isEqualTo(first.hash());
        assertThat(inOne.get(1).previousHash()).isEqualTo(inOne.get(0).hash());
        assertThat(chain()).containsExactly(first, inOne.get(0), inOne.get(1));
    }

    @Test
    void aStoredEventRoundTripsEqual() {
        List<AuditEvent> events = List.of(
                event(T0, new Actor(Optional.of(ADMIN), Optional.of(CLIENT)), AuditAction.USER_CREATED, ADA,
                        Map.of("roles", "ADMIN,USER", "attributes", "2", "password", "true")),
                event(T1, Actor.system(), AuditAction.USER_UPDATED, GRACE, Map.of("fields", "email,displayName")),
                event(T2, new Actor(Optional.of(ADMIN), Optional.empty()), AuditAction.ROLE_REVOKED, ADA, Map.of()),
                event(T3, new Actor(Optional.empty(), Optional.of("2001:db8::1")), AuditAction.LOGIN_FAILED, null,
                        Map.of("reason", "unknown-account")),
                event(T3, anonymous(), AuditAction.LOGIN_SUCCEEDED, null, Map.of(
                        "key=with=equals", "value=with=equals",
                        "multi\nline", "first\nsecond\r\nthird",
                        "non-ascii", "Grüße, 東京, ☃, \uD83D\uDE00",
                        "delimiters", "a&b;c|d,e%20f+g h?i#j\\k\tl\"m'n",
                        "empty", "")));

        List<StoredAuditEvent> appended = events.stream().map(this::append).toList();

        List<StoredAuditEvent> read = chain();
        assertThat(read).containsExactlyElementsOf(appended);
        assertThat(read).extracting(StoredAuditEvent::event).containsExactlyElementsOf(events);
        assertThat(read).allSatisfy(stored -> assertThat(stored.hash())
                .as("what is read back still verifies")
                .isEqualTo(AuditChain.hash(stored, stored.previousHash())));
    }

    @Test
    void everyActionRoundTrips() {
        for (AuditAction action : AuditAction.values()) {
            append(event(T0, by(ADMIN), action, ADA, Map.of()));
        }

        assertThat(chain()).extracting(stored -> stored.event().action()).containsExactly(AuditAction.values());
    }

    @Test
    void findsByTargetUser() {
        List<StoredAuditEvent> all = appendTheStandardTrail();

        List<StoredAuditEvent> found = find(filter().userId(ADA), 0, 100);

        assertThat(found).isNotEmpty().containsExactlyElementsOf(expected(all, e -> e.target().equals(Optional.of(ADA))));
        assertThat(found).extracting(StoredAuditEvent::sequence).containsExactly(1L, 2L, 4L, 6L, 8L);
    }

    @Test
    void findsByActor() {
        List<StoredAuditEvent> all = appendTheStandardTrail();

        List<StoredAuditEvent> found = find(filter().actorId(ADA), 0, 100);

        assertThat(found).extracting(StoredAuditEvent::sequence).containsExactly(4L, 5L);
        assertThat(found).containsExactlyElementsOf(expected(all, e -> e.actor().userId().equals(Optional.of(ADA))));
    }

    @Test
    void findsByAction() {
        appendTheStandardTrail();

        assertThat(find(filter().action(AuditAction.ROLE_GRANTED), 0, 100))
                .extracting(StoredAuditEvent::sequence).containsExactly(2L, 3L);
        assertThat(find(filter().action(AuditAction.LOGIN_FAILED), 0, 100))
                .extracting(StoredAuditEvent::sequence).containsExactly(7L);
        assertThat(find(filter().action(AuditAction.PASSWORD_CHANGED), 0, 100))
                .extracting(StoredAuditEvent::sequence).containsExactly(8L);
        assertThat(find(filter().action(AuditAction.PASSWORD_SET), 0, 100)).isEmpty();
    }

    @Test
    void fromIsInclusiveAndToIsExclusive() {
        appendTheStandardTrail();

        assertThat(find(filter().from(T1), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(find(filter().to(T1), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(1L, 2L);
        assertThat(find(filter().from(T1).to(T2), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(3L, 4L);
        assertThat(find(filter().from(T1.plusNanos(1000)), 0, 100)).extracting(StoredAuditEvent::sequence)
                .as("one microsecond later excludes the events at T1")
                .containsExactly(5L, 6L, 7L, 8L);
        assertThat(find(filter().to(T1.plusNanos(1000)), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(find(filter().from(T2).to(T2), 0, 100)).isEmpty();
    }

    @Test
    void combinesItsPartsWithAnd() {
        appendTheStandardTrail();

        assertThat(find(filter().userId(ADA).actorId(ADMIN), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(1L, 2L, 6L);
        assertThat(find(filter().userId(ADA).action(AuditAction.ROLE_GRANTED), 0, 100))
                .extracting(StoredAuditEvent::sequence).containsExactly(2L);
        assertThat(find(filter().userId(ADA).from(T1).to(T3), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(4L, 6L);
        assertThat(find(new AuditFilter(Optional.of(ADA), Optional.of(ADMIN), Optional.of(AuditAction.USER_DEACTIVATED),
                Optional.of(T2), Optional.of(T3)), 0, 100)).extracting(StoredAuditEvent::sequence).containsExactly(6L);
        assertThat(find(filter().userId(GRACE).actorId(ADA), 0, 100)).extracting(StoredAuditEvent::sequence)
                .containsExactly(5L);
        assertThat(find(filter().userId(GRACE).action(AuditAction.LOGIN_FAILED), 0, 100)).isEmpty();
    }

    @Test
    void findsInSequenceOrderAfterTheGivenSequenceAndAtMostTheLimit() {
        List<StoredAuditEvent> all = appendTheStandardTrail();

        assertThat(find(filter(), 0, 100)).containsExactlyElementsOf(all);
        assertThat(find(filter(), 3, 100)).containsExactlyElementsOf(all.subList(3, 8));
        assertThat(find(filter(), 3, 2)).containsExactlyElementsOf(all.subList(3, 5));
        assertThat(find(filter(), 0, 1)).containsExactly(all.get(0));
        assertThat(find(filter(), 8, 100)).isEmpty();
        assertThat(find(filter(), 100, 100)).isEmpty();
        assertThat(find(filter().userId(ADA), 2, 2)).extracting(StoredAuditEvent::sequence)
                .as("the limit counts matching events only").containsExactly(4L, 6L);
        assertThat(find(filter().userId(ADA), 6, 100)).extracting(StoredAuditEvent::sequence).containsExactly(8L);
    }

    @Test
    void findsNewestFirstBelowTheGivenSequenceAndAtMostTheLimit() {
        List<StoredAuditEvent> all = appendTheStandardTrail();
        List<StoredAuditEvent> reversed = new java.util.ArrayList<>(all);
        java.util.Collections.reverse(reversed);

        assertThat(newestFirst(filter(), Long.MAX_VALUE, 100)).containsExactlyElementsOf(reversed);
        assertThat(newestFirst(filter(), Long.MAX_VALUE, 2)).containsExactlyElementsOf(reversed.subList(0, 2));
        assertThat(newestFirst(filter(), 4, 100)).extracting(StoredAuditEvent::sequence).containsExactly(3L, 2L, 1L);
        assertThat(newestFirst(filter(), 1, 100)).isEmpty();
        assertThat(newestFirst(filter().userId(ADA), Long.MAX_VALUE, 2)).extracting(StoredAuditEvent::sequence)
                .as("the limit counts matching events only").containsExactly(8L, 6L);
        assertThat(newestFirst(filter().userId(ADA), 6, 100)).extracting(StoredAuditEvent::sequence).containsExactly(4L, 2L, 1L);
    }

    private List<StoredAuditEvent> newestFirst(FilterBuilder filter, long before, int limit) {
        return readOnly(() -> auditLog().findNewestFirst(filter.build(), before, limit));
    }

    @Test
    void chainAfterReturnsEveryEventInOrderWhateverItHolds() {
        List<StoredAuditEvent> all = appendTheStandardTrail();

        assertThat(readOnly(() -> auditLog().chainAfter(0, 100))).containsExactlyElementsOf(all);
        assertThat(readOnly(() -> auditLog().chainAfter(0, 3))).containsExactlyElementsOf(all.subList(0, 3));
        assertThat(readOnly(() -> auditLog().chainAfter(3, 3))).containsExactlyElementsOf(all.subList(3, 6));
        assertThat(readOnly(() -> auditLog().chainAfter(6, 3))).containsExactlyElementsOf(all.subList(6, 8));
        assertThat(readOnly(() -> auditLog().chainAfter(8, 3))).isEmpty();
    }

    @Test
    void lastIsTheNewestEvent() {
        append(event(T0, by(ADMIN), AuditAction.USER_CREATED, ADA, Map.of()));
        StoredAuditEvent newest = append(event(T1, by(ADMIN), AuditAction.USER_CREATED, GRACE, Map.of()));

        assertThat(readOnly(() -> auditLog().last())).contains(newest);

        StoredAuditEvent evenNewer = append(event(T0, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));

        assertThat(readOnly(() -> auditLog().last())).as("newest by sequence, not by time").contains(evenNewer);
    }

    @Test
    void anAppendThatRollsBackLeavesNoEventAndNoGap() {
        StoredAuditEvent first = append(event(T0, by(ADMIN), AuditAction.USER_CREATED, ADA, Map.of()));

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            auditLog().append(event(T1, by(ADMIN), AuditAction.USER_DEACTIVATED, ADA, Map.of()));
            auditLog().append(event(T1, by(ADMIN), AuditAction.ROLE_REVOKED, ADA, Map.of("role", "ADMIN")));
            throw new IllegalStateException("the change failed after it was audited");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(chain()).containsExactly(first);
        assertThat(readOnly(() -> auditLog().last())).contains(first);

        StoredAuditEvent next = append(event(T2, by(ADMIN), AuditAction.USER_UPDATED, ADA, Map.of("fields", "phone")));

        assertThat(next.sequence()).isEqualTo(2);
        assertThat(next.previousHash()).isEqualTo(first.hash());
        assertThat(next.hash()).isEqualTo(AuditChain.hash(next, first.hash()));
        assertThat(chain()).containsExactly(first, next);
    }

    @Test
    void aRolledBackFirstAppendLeavesTheChainAtItsStart() {
        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            auditLog().append(event(T0, by(ADMIN), AuditAction.USER_CREATED, ADA, Map.of()));
            throw new IllegalStateException("rolled back");
        })).isInstanceOf(IllegalStateException.class);

        StoredAuditEvent first = append(event(T1, by(ADMIN), AuditAction.USER_CREATED, GRACE, Map.of()));

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(chain()).containsExactly(first);
    }

    @Test
    void concurrentAppendsInSeparateTransactionsNeitherRepeatASequenceNorForkTheChain() throws Exception {
        int perWriter = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<AuditEvent>>> writers = new ArrayList<>();
            for (UserId writer : List.of(ADA, GRACE)) {
                Callable<List<AuditEvent>> appends = () -> {
                    awaitQuietly(start);
                    List<AuditEvent> mine = new ArrayList<>();
                    for (int i = 0; i < perWriter; i++) {
                        AuditEvent event = event(T0.plusSeconds(i), by(writer), AuditAction.LOGIN_SUCCEEDED, writer,
                                Map.of("n", Integer.toString(i)));
                        transactions().inTransaction(() -> auditLog().append(event));
                        mine.add(event);
                        placePending(); // placements run concurrently with the other writer's appends
                    }
                    return mine;
                };
                writers.add(executor.submit(appends));
            }
            start.countDown();
            List<AuditEvent> returned = new ArrayList<>();
            for (Future<List<AuditEvent>> writer : writers) {
                returned.addAll(writer.get(60, TimeUnit.SECONDS));
            }
            placePending();

            List<StoredAuditEvent> chain = chain();
            assertThat(chain).hasSize(2 * perWriter);
            assertThat(chain).extracting(StoredAuditEvent::sequence)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 2L * perWriter).boxed().toList());
            assertThat(chain.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
            for (int i = 1; i < chain.size(); i++) {
                assertThat(chain.get(i).previousHash()).as("previous hash of event %d", i + 1)
                        .isEqualTo(chain.get(i - 1).hash());
            }
            assertThat(chain).allSatisfy(stored -> assertThat(stored.hash())
                    .isEqualTo(AuditChain.hash(stored, stored.previousHash())));
            assertThat(chain).extracting(StoredAuditEvent::event).containsExactlyInAnyOrderElementsOf(returned);
            for (UserId writer : List.of(ADA, GRACE)) {
                assertThat(chain.stream().filter(stored -> stored.event().target().equals(Optional.of(writer)))
                        .map(stored -> stored.event().details().get("n")).toList())
                        .as("one writer's events are chained in the order it committed them")
                        .containsExactlyElementsOf(IntStream.range(0, perWriter).mapToObj(Integer::toString).toList());
            }
            Map<Optional<UserId>, Long> perActor = chain.stream()
                    .collect(Collectors.groupingBy(stored -> stored.event().actor().userId(), Collectors.counting()));
            assertThat(perActor).containsOnly(Map.entry(Optional.of(ADA), (long) perWriter),
                    Map.entry(Optional.of(GRACE), (long) perWriter));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aClientAddressIsKeptBesideASaltedCommitmentWhichIsWhatTheChainHashes() {
        StoredAuditEvent first = append(event(T0, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));
        StoredAuditEvent second = append(event(T1, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));
        StoredAuditEvent system = append(event(T2, Actor.system(), AuditAction.ROLE_GRANTED, ADA, Map.of("role", "ADMIN")));

        assertThat(first.event().actor().clientAddress()).contains(CLIENT);
        assertThat(first.addressCommitment()).hasValueSatisfying(commitment -> {
            assertThat(commitment.salt()).hasValueSatisfying(salt -> assertThat(salt).matches("[0-9a-f]{32}"));
            assertThat(commitment.digest()).matches("[0-9a-f]{64}").doesNotContain(CLIENT);
            assertThat(commitment.matches(CLIENT)).isTrue();
            assertThat(commitment.matches("203.0.113.8")).isFalse();
        });
        assertThat(second.addressDigest()).as("a fresh salt per event: one address, two commitments")
                .isPresent().isNotEqualTo(first.addressDigest());
        assertThat(system.addressCommitment()).isEmpty();
        assertThat(List.of(first, second, system)).allSatisfy(stored -> assertThat(stored.hash())
                .isEqualTo(AuditChain.hash(stored.sequence(), stored.previousHash(), stored.event(), stored.addressDigest())));
    }

    @Test
    void clearingAUsersAddressesClearsTheEventsItCausedAndTheFailedLoginsAimedAtItAndNothingElse() {
        List<StoredAuditEvent> before = appendTheStandardTrail();
        StoredAuditEvent failedForAda = append(event(T3, anonymous(), AuditAction.LOGIN_FAILED, ADA, Map.of("reason", "wrong-password")));
        StoredAuditEvent succeededForAda = append(event(T3, anonymous(), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));

        int cleared = transactions().inTransaction(() -> auditLog().clearClientAddressesOf(ADA));

        List<StoredAuditEvent> after = chain();
        assertThat(cleared).isEqualTo(3);
        assertThat(after).hasSize(before.size() + 2);
        List<Long> withoutAddress = after.stream().filter(stored -> stored.event().actor().clientAddress().isEmpty())
                .map(StoredAuditEvent::sequence).toList();
        assertThat(withoutAddress).as("events 4 and 5 by Ada, the failed login aimed at Ada, and the system's event 3")
                .containsExactly(3L, 4L, 5L, failedForAda.sequence());
        for (int i = 0; i < after.size(); i++) {
            StoredAuditEvent was = i < before.size() ? before.get(i) : i == before.size() ? failedForAda : succeededForAda;
            StoredAuditEvent is = after.get(i);
            assertThat(is.hash()).as("hash of %d", is.sequence()).isEqualTo(was.hash());
            assertThat(is.previousHash()).isEqualTo(was.previousHash());
            assertThat(is.addressDigest()).as("the commitment stays").isEqualTo(was.addressDigest());
            assertThat(is.hash()).isEqualTo(AuditChain.hash(is, is.previousHash()));
            if (withoutAddress.contains(is.sequence()) && is.sequence() != 3) {
                assertThat(is.addressCommitment()).hasValueSatisfying(commitment -> assertThat(commitment.salt()).isEmpty());
                assertThat(is.event()).isEqualTo(new AuditEvent(was.event().occurredAt(), new Actor(was.event().actor().userId(),
                        Optional.empty()), was.event().action(), was.event().target(), new TreeMap<>(was.event().details())));
            } else {
                assertThat(is).as("event %d is untouched", is.sequence()).isEqualTo(was);
            }
        }
        assertThat(transactions().inTransaction(() -> auditLog().clearClientAddressesOf(ADA))).as("nothing left").isZero();
    }

    /**
     * Committed but maybe not placed yet when the clearing runs; against an adapter whose sequencer places in the
     * background, this is also a race between placing and clearing, which the clearing must win every time.
     */
    @Test
    void aUsersPendingEventsAreClearedWhetherOrNotTheyArePlacedYet() {
        for (int i = 0; i < 20; i++) {
            transactions().inTransaction(() -> auditLog().append(event(T0, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of())));
            transactions().inTransaction(() -> auditLog().clearClientAddressesOf(ADA));
        }
        placePending();

        List<StoredAuditEvent> placed = chain();
        assertThat(placed).hasSize(20);
        assertThat(addressesKept()).isEmpty();
        assertThat(placed).allSatisfy(stored -> {
            assertThat(stored.addressCommitment()).hasValueSatisfying(commitment -> assertThat(commitment.salt()).isEmpty());
            assertThat(stored.hash()).isEqualTo(AuditChain.hash(stored, stored.previousHash()));
        });
    }

    @Test
    void aClearingThatRollsBackLeavesTheAddresses() {
        StoredAuditEvent stored = append(event(T0, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));

        assertThatThrownBy(() -> transactions().inTransaction(() -> {
            auditLog().clearClientAddressesOf(ADA);
            throw new IllegalStateException("the erasure failed after it cleared");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(chain()).containsExactly(stored);
    }

    @Test
    void clearingBeforeACutoffWalksTheTrailInOrderAndGoesOnWhereItStopped() {
        List<StoredAuditEvent> all = appendTheStandardTrail(); // times T0 T0 T1 T1 T2 T2 T3 T3

        assertThat(clearBefore(T2, 100)).isEqualTo(4);
        assertThat(addressesKept()).containsExactly(5L, 6L, 7L, 8L);
        assertThat(clearBefore(T2, 100)).as("nothing more before T2").isZero();
        assertThat(clearBefore(T3, 1)).isEqualTo(1);
        assertThat(addressesKept()).containsExactly(6L, 7L, 8L);
        assertThat(clearBefore(T3, 100)).isEqualTo(1);
        assertThat(clearBefore(T3.plusSeconds(1), 100)).isEqualTo(2);
        assertThat(addressesKept()).isEmpty();
        List<StoredAuditEvent> after = chain();
        assertThat(after).extracting(StoredAuditEvent::hash).containsExactlyElementsOf(all.stream().map(StoredAuditEvent::hash).toList());
        assertThat(after).extracting(StoredAuditEvent::addressDigest)
                .containsExactlyElementsOf(all.stream().map(StoredAuditEvent::addressDigest).toList());
        assertThat(after).allSatisfy(stored -> {
            assertThat(stored.addressCommitment().flatMap(dev.roster.application.model.audit.AddressCommitment::salt)).isEmpty();
            assertThat(stored.hash()).isEqualTo(AuditChain.hash(stored, stored.previousHash()));
        });
    }

    @Test
    void clearingBeforeACutoffStopsAtTheFirstEventNotBeforeIt() {
        append(event(T0, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));
        append(event(T2, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));
        append(event(T1, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of())); // committed after a later event

        assertThat(clearBefore(T2, 100)).isEqualTo(1);
        assertThat(addressesKept()).as("the third waits for the second").containsExactly(2L, 3L);
        assertThat(clearBefore(T3, 100)).isEqualTo(2);
        assertThat(addressesKept()).isEmpty();
    }

    /** Against an adapter whose sequencer places in the background, this is also a race between placing and clearing. */
    @Test
    void clearingBeforeACutoffClearsPendingEventsToo() {
        for (int i = 0; i < 20; i++) {
            transactions().inTransaction(() -> auditLog().append(event(T0, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of())));
            clearBefore(T1, 100);
        }
        placePending();

        assertThat(chain()).hasSize(20);
        assertThat(addressesKept()).isEmpty();
        assertThat(chain()).allSatisfy(stored ->
                assertThat(stored.addressCommitment()).hasValueSatisfying(commitment -> assertThat(commitment.salt()).isEmpty()));
    }

    private int clearBefore(Instant cutoff, int limit) {
        return transactions().inTransaction(() -> auditLog().clearClientAddressesBefore(cutoff, limit));
    }

    /** Sequences of the events that still have a client address. */
    private List<Long> addressesKept() {
        return chain().stream().filter(stored -> stored.event().actor().clientAddress().isPresent())
                .map(StoredAuditEvent::sequence).toList();
    }

    /**
     * Eight events over four instants, three users and the anonymous caller:
     * <pre>
     * seq time actor     action           target
     * 1   T0   ADMIN     USER_CREATED     ADA
     * 2   T0   ADMIN     ROLE_GRANTED     ADA
     * 3   T1   system    ROLE_GRANTED     GRACE
     * 4   T1   ADA       LOGIN_SUCCEEDED  ADA
     * 5   T2   ADA       USER_UPDATED     GRACE
     * 6   T2   ADMIN     USER_DEACTIVATED ADA
     * 7   T3   anonymous LOGIN_FAILED     -
     * 8   T3   GRACE     PASSWORD_CHANGED ADA   (not a real case, but a target that is not the actor)
     * </pre>
     */
    private List<StoredAuditEvent> appendTheStandardTrail() {
        return List.of(
                event(T0, by(ADMIN), AuditAction.USER_CREATED, ADA, Map.of("roles", "USER")),
                event(T0, by(ADMIN), AuditAction.ROLE_GRANTED, ADA, Map.of("role", "AUDITOR")),
                event(T1, Actor.system(), AuditAction.ROLE_GRANTED, GRACE, Map.of("role", "ADMIN")),
                event(T1, by(ADA), AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()),
                event(T2, by(ADA), AuditAction.USER_UPDATED, GRACE, Map.of("fields", "displayName")),
                event(T2, by(ADMIN), AuditAction.USER_DEACTIVATED, ADA, Map.of()),
                event(T3, anonymous(), AuditAction.LOGIN_FAILED, null, Map.of("reason", "wrong-password")),
                event(T3, by(GRACE), AuditAction.PASSWORD_CHANGED, ADA, Map.of())
        ).stream().map(this::append).toList();
    }

    private static List<StoredAuditEvent> expected(List<StoredAuditEvent> all, Predicate<AuditEvent> wanted) {
        return all.stream().filter(stored -> wanted.test(stored.event())).toList();
    }

    /** Appends in a transaction of its own, lets the sequencer chain it and returns it as chained. */
    private StoredAuditEvent append(AuditEvent event) {
        transactions().inTransaction(() -> auditLog().append(event));
        placePending();
        return readOnly(() -> auditLog().last()).orElseThrow();
    }

    private List<StoredAuditEvent> find(FilterBuilder filter, long afterSequence, int limit) {
        return find(filter.build(), afterSequence, limit);
    }

    private List<StoredAuditEvent> find(AuditFilter filter, long afterSequence, int limit) {
        return readOnly(() -> auditLog().find(filter, afterSequence, limit));
    }

    private List<StoredAuditEvent> chain() {
        return readOnly(() -> auditLog().chainAfter(0, 1000));
    }

    private <T> T readOnly(Supplier<T> work) {
        return transactions().readOnly(work);
    }

    private static AuditEvent event(Instant at, Actor actor, AuditAction action, UserId target, Map<String, String> details) {
        return new AuditEvent(at, actor, action, Optional.ofNullable(target), new TreeMap<>(details));
    }

    private static Actor by(UserId user) {
        return new Actor(Optional.of(user), Optional.of(CLIENT));
    }

    private static Actor anonymous() {
        return new Actor(Optional.empty(), Optional.of(CLIENT));
    }

    private static FilterBuilder filter() {
        return new FilterBuilder();
    }

    private static UserId id(int n) {
        return new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n + 200)));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the start signal");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** An {@link AuditFilter} assembled part by part, so that each test names only the parts it sets. */
    private static final class FilterBuilder {
        private Optional<UserId> userId = Optional.empty();
        private Optional<UserId> actorId = Optional.empty();
        private Optional<AuditAction> action = Optional.empty();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();

        FilterBuilder userId(UserId id) {
            userId = Optional.of(id);
            return this;
        }

        FilterBuilder actorId(UserId id) {
            actorId = Optional.of(id);
            return this;
        }

        FilterBuilder action(AuditAction value) {
            action = Optional.of(value);
            return this;
        }

        FilterBuilder from(Instant value) {
            from = Optional.of(value);
            return this;
        }

        FilterBuilder to(Instant value) {
            to = Optional.of(value);
            return this;
        }

        AuditFilter build() {
            return new AuditFilter(userId, actorId, action, from, to);
        }
    }
}
