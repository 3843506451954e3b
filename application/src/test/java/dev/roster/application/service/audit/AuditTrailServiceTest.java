package dev.roster.application.service.audit;

import dev.roster.application.fakes.InMemoryAuditLog;
import dev.roster.application.fakes.InMemoryChangeEventLog;
import dev.roster.application.fakes.InMemoryEventSequencer;
import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AddressCommitment;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.port.in.audit.AuditEventPage;
import dev.roster.application.port.in.audit.ChainVerification;
import dev.roster.application.port.in.audit.ListAuditEventsQuery;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditTrailServiceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;

    private InMemoryUserStore store;
    private InMemoryAuditLog auditLog;
    private InMemoryTransactionBoundary transactions;
    private AuditTrailService service;

    @BeforeEach
    void wireWithFakes() {
        store = new InMemoryUserStore();
        auditLog = new InMemoryAuditLog(store);
        transactions = new InMemoryTransactionBoundary(store);
        service = new AuditTrailService(auditLog, new InMemoryEventSequencer(new InMemoryChangeEventLog(store)), transactions);
    }

    @Nested
    class Listing {

        @Test
        void anEmptyTrailIsOneEmptyPage() {
            AuditEventPage page = service.list(query(AuditFilter.all(), 10, null));

            assertThat(page.items()).isEmpty();
            assertThat(page.nextCursor()).isEmpty();
        }

        @Test
        void aPageHoldsAtMostTheLimitOldestFirstWithACursorToTheRest() {
            appendEvents(7);

            AuditEventPage page = service.list(query(AuditFilter.all(), 3, null));

            assertThat(page.items()).extracting(StoredAuditEvent::sequence).containsExactly(1L, 2L, 3L);
            assertThat(page.items()).containsExactlyElementsOf(auditLog.events().subList(0, 3));
            assertThat(page.nextCursor()).isPresent();
        }

        @Test
        void followingTheCursorsVisitsEveryEventOnceInOrder() {
            appendEvents(23);

            List<Long> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            do {
                AuditEventPage page = service.list(new ListAuditEventsQuery(AuditFilter.all(), 5, cursor));
                page.items().forEach(stored -> seen.add(stored.sequence()));
                pageSizes.add(page.items().size());
                cursor = page.nextCursor();
            } while (cursor.isPresent() && pageSizes.size() < 100);

            assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 23).boxed().toList());
            assertThat(pageSizes).containsExactly(5, 5, 5, 5, 3);
        }

        @Test
        void newestFirstVisitsEveryEventOnceFromTheNewest() {
            appendEvents(12);

            List<Long> seen = new ArrayList<>();
            Optional<String> cursor = Optional.empty();
            int pages = 0;
            do {
                AuditEventPage page = service.list(new ListAuditEventsQuery(AuditFilter.all(), 5, cursor, true));
                page.items().forEach(stored -> seen.add(stored.sequence()));
                cursor = page.nextCursor();
                pages++;
            } while (cursor.isPresent() && pages < 100);

            assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 12).map(n -> 13 - n).boxed().toList());
            assertThat(pages).isEqualTo(3);
        }

        @Test
        void aCursorOfOneOrderIsRefusedForTheOther() {
            appendEvents(6);
            String oldestFirst = service.list(query(AuditFilter.all(), 2, null)).nextCursor().orElseThrow();
            String newestFirst = service.list(new ListAuditEventsQuery(AuditFilter.all(), 2, Optional.empty(), true))
                    .nextCursor().orElseThrow();

            assertThatThrownBy(() -> service.list(new ListAuditEventsQuery(AuditFilter.all(), 2, Optional.of(oldestFirst), true)))
                    .isInstanceOf(InvalidQueryException.class);
            assertThatThrownBy(() -> service.list(query(AuditFilter.all(), 2, newestFirst)))
                    .isInstanceOf(InvalidQueryException.class);
        }

        @Test
        void aPageThatEndsExactlyAtTheLastEventHasNoCursor() {
            appendEvents(6);

            AuditEventPage first = service.list(query(AuditFilter.all(), 3, null));
            AuditEventPage second = service.list(query(AuditFilter.all(), 3, first.nextCursor().orElseThrow()));

            assertThat(second.items()).extracting(StoredAuditEvent::sequence).containsExactly(4L, 5L, 6L);
            assertThat(second.nextCursor()).as("no empty page to fetch").isEmpty();
        }

        @Test
        void aFilteredListPagesOverTheMatchingEventsOnly() {
            for (int i = 0; i < 10; i++) {
                append(event(i % 3 == 0 ? GRACE : ADA, AuditAction.USER_UPDATED));
            }
            AuditFilter graceOnly = new AuditFilter(Optional.of(GRACE), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());

            AuditEventPage first = service.list(query(graceOnly, 2, null));
            AuditEventPage second = service.list(query(graceOnly, 2, first.nextCursor().orElseThrow()));

            assertThat(first.items()).extracting(StoredAuditEvent::sequence).containsExactly(1L, 4L);
            assertThat(second.items()).extracting(StoredAuditEvent::sequence).containsExactly(7L, 10L);
            assertThat(second.nextCursor()).isEmpty();
        }

        @Test
        void eventsAppendedAfterAPageWasReadFollowOnTheNextPage() {
            appendEvents(3);
            AuditEventPage first = service.list(query(AuditFilter.all(), 2, null));

            appendEvents(2);
            AuditEventPage second = service.list(query(AuditFilter.all(), 2, first.nextCursor().orElseThrow()));
            AuditEventPage third = service.list(query(AuditFilter.all(), 2, second.nextCursor().orElseThrow()));

            assertThat(second.items()).extracting(StoredAuditEvent::sequence).containsExactly(3L, 4L);
            assertThat(third.items()).extracting(StoredAuditEvent::sequence).containsExactly(5L);
            assertThat(third.nextCursor()).isEmpty();
        }

        @Test
        void theCursorNamesNoEventContent() {
            append(AuditEvent.of(NOW, new Actor(Optional.of(GRACE), Optional.of("203.0.113.7")),
                    AuditAction.ROLE_GRANTED, ADA, Map.of("role", "ADMIN")));
            append(event(ADA, AuditAction.USER_UPDATED));

            String cursor = service.list(query(AuditFilter.all(), 1, null)).nextCursor().orElseThrow();

            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            assertThat(decoded).doesNotContain(ADA.toString()).doesNotContain(GRACE.toString())
                    .doesNotContain("203.0.113.7").doesNotContain("ADMIN");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "not a cursor!", "%%%", "YTF8", "YTF8eA", "YjF8Mw", "MXxpZHwxMjM"})
        void aCursorThisServiceDidNotIssueIsAnInvalidQuery(String cursor) {
            // YTF8 = "a1|", YTF8eA = "a1|x", YjF8Mw = "b1|3", MXxpZHwxMjM = "1|id|123"
            appendEvents(3);

            assertThatThrownBy(() -> service.list(query(AuditFilter.all(), 2, cursor)))
                    .isInstanceOf(InvalidQueryException.class)
                    .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("cursor"));
        }

        @Test
        void aUserListCursorIsAnInvalidQuery() {
            String userCursor = new PageCursor(UserSort.CREATED_AT_ASC, ADA).encode();

            assertThatThrownBy(() -> service.list(query(AuditFilter.all(), 2, userCursor)))
                    .isInstanceOf(InvalidQueryException.class)
                    .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("cursor"));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, ListAuditEventsQuery.MAX_LIMIT + 1, Integer.MIN_VALUE, Integer.MAX_VALUE})
        void aLimitOutsideOneToTheMaximumIsAnInvalidQuery(int limit) {
            assertThatThrownBy(() -> new ListAuditEventsQuery(AuditFilter.all(), limit, Optional.empty()))
                    .isInstanceOf(InvalidQueryException.class)
                    .satisfies(e -> assertThat(((InvalidQueryException) e).parameter()).isEqualTo("limit"));
        }

        @Test
        void theLimitsAtBothEndsAreAccepted() {
            appendEvents(ListAuditEventsQuery.MAX_LIMIT + 1);

            AuditEventPage one = service.list(query(AuditFilter.all(), 1, null));
            AuditEventPage most = service.list(query(AuditFilter.all(), ListAuditEventsQuery.MAX_LIMIT, null));

            assertThat(one.items()).hasSize(1);
            assertThat(one.nextCursor()).isPresent();
            assertThat(most.items()).hasSize(ListAuditEventsQuery.MAX_LIMIT);
            AuditEventPage rest = service.list(query(AuditFilter.all(), ListAuditEventsQuery.MAX_LIMIT,
                    most.nextCursor().orElseThrow()));
            assertThat(rest.items()).extracting(StoredAuditEvent::sequence)
                    .containsExactly((long) ListAuditEventsQuery.MAX_LIMIT + 1);
            assertThat(rest.nextCursor()).isEmpty();
        }

        @Test
        void listingWritesNothing() {
            appendEvents(3);
            List<StoredAuditEvent> before = auditLog.events();

            service.list(query(AuditFilter.all(), 2, null));

            assertThat(auditLog.events()).isEqualTo(before);
        }
    }

    @Nested
    class Verification {

        @Test
        void anEmptyChainIsValidWithNothingChecked() {
            assertThat(service.verify()).isEqualTo(new ChainVerification(true, 0, Optional.empty(), Optional.empty()));
        }

        @Test
        void anIntactChainIsValidAndEveryEventIsChecked() {
            appendEvents(5);

            assertThat(service.verify()).isEqualTo(new ChainVerification(true, 5, Optional.empty(), Optional.empty()));
        }

        @Test
        void aChainLongerThanOneBatchIsCheckedToTheEnd() {
            appendEventsInOneTransaction(2345);

            assertThat(service.verify()).isEqualTo(new ChainVerification(true, 2345, Optional.empty(), Optional.empty()));
        }

        @Test
        void changedDetailsBreakTheChainAtThatEvent() {
            appendEvents(5);

            auditLog.tamper(3, event -> new AuditEvent(event.occurredAt(), event.actor(), event.action(), event.target(),
                    new TreeMap<>(Map.of("fields", "nothing to see"))));

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(3L);
            assertThat(result.checked()).isEqualTo(2);
            assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("hash"));
        }

        @Test
        void aChangedActionBreaksTheChainAtThatEvent() {
            appendEvents(5);

            auditLog.tamper(1, event -> new AuditEvent(event.occurredAt(), event.actor(), AuditAction.LOGIN_SUCCEEDED,
                    event.target(), event.details()));

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(1L);
            assertThat(result.checked()).isZero();
        }

        @Test
        void aChangedActorIsNoticed() {
            appendEvents(3);

            auditLog.tamper(2, event -> new AuditEvent(event.occurredAt(), Actor.system(), event.action(),
                    event.target(), event.details()));

            assertThat(service.verify().firstBrokenSequence()).contains(2L);
        }

        @Test
        void aRemovedTargetIsNoticed() {
            appendEvents(3);

            auditLog.tamper(2, event -> new AuditEvent(event.occurredAt(), event.actor(), event.action(),
                    Optional.empty(), event.details()));

            assertThat(service.verify().firstBrokenSequence()).contains(2L);
        }

        @Test
        void aShiftedTimeIsNoticed() {
            appendEvents(3);

            auditLog.tamper(2, event -> new AuditEvent(event.occurredAt().plusNanos(1000), event.actor(), event.action(),
                    event.target(), event.details()));

            assertThat(service.verify().firstBrokenSequence()).contains(2L);
        }

        @Test
        void tamperingInALaterBatchIsFoundThere() {
            appendEventsInOneTransaction(1500);

            auditLog.tamper(1234, event -> new AuditEvent(event.occurredAt(), event.actor(), event.action(),
                    event.target(), new TreeMap<>()));

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(1234L);
            assertThat(result.checked()).isEqualTo(1233);
        }

        @Test
        void anEventRehashedByAForgerBreaksTheLinkToTheNextOne() {
            appendEvents(4);

            auditLog.replace(2, stored -> {
                AuditEvent forged = new AuditEvent(stored.event().occurredAt(), stored.event().actor(),
                        AuditAction.USER_UPDATED, stored.event().target(), new TreeMap<>(Map.of("fields", "phone")));
                return new StoredAuditEvent(2, forged, stored.previousHash(),
                        AuditChain.hash(2, stored.previousHash(), forged, stored.addressDigest()), stored.addressCommitment());
            });

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(3L);
            assertThat(result.checked()).isEqualTo(2);
            assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("previous hash"));
        }

        @Test
        void aRemovedEventIsReportedMissing() {
            appendEvents(5);

            auditLog.remove(3);

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(3L);
            assertThat(result.checked()).isEqualTo(2);
            assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("missing"));
        }

        @Test
        void removingTheNewestEventsIsNoticedThroughTheChainHead() {
            appendEvents(3);

            auditLog.remove(3);

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.checked()).isEqualTo(2);
            assertThat(result.firstBrokenSequence()).contains(3L);
            assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("chain head"));
        }

        @Test
        void aRemovedFirstEventIsReportedMissing() {
            appendEvents(3);

            auditLog.remove(1);

            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(1L);
            assertThat(result.checked()).isZero();
            assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("missing"));
        }

        @Test
        void aChainStaysValidAfterAddressesAreClearedForAnErasureAndForRetention() {
            appendEvents(4);
            append(AuditEvent.of(NOW.plusSeconds(10), new Actor(Optional.of(ADA), Optional.of("198.51.100.77")),
                    AuditAction.LOGIN_SUCCEEDED, ADA, Map.of()));
            append(AuditEvent.of(NOW.plusSeconds(20), new Actor(Optional.of(GRACE), Optional.of("2001:db8::7")),
                    AuditAction.USER_UPDATED, ADA, Map.of()));

            transactions.inTransaction(() -> auditLog.clearClientAddressesOf(ADA));
            assertThat(service.verify()).isEqualTo(new ChainVerification(true, 6, Optional.empty(), Optional.empty()));

            transactions.inTransaction(() -> auditLog.clearClientAddressesBefore(NOW.plusSeconds(15), 100));
            assertThat(service.verify()).isEqualTo(new ChainVerification(true, 6, Optional.empty(), Optional.empty()));
            assertThat(auditLog.events()).extracting(stored -> stored.event().actor().clientAddress())
                    .containsExactly(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                            Optional.of("2001:db8::7"));
        }

        @Test
        void anEditedClientAddressIsFound() {
            appendEvents(3);

            auditLog.tamper(2, event -> new AuditEvent(event.occurredAt(), new Actor(event.actor().userId(), Optional.of("192.0.2.1")),
                    event.action(), event.target(), event.details()));

            assertBrokenAt(2, "does not match its commitment");
        }

        @Test
        void anAddressGivenToAnEventThatHadNoneIsFound() {
            appendEvents(1);
            append(AuditEvent.of(NOW, Actor.system(), AuditAction.USER_UPDATED, ADA, Map.of()));
            appendEvents(1);

            auditLog.tamper(2, event -> new AuditEvent(event.occurredAt(), new Actor(Optional.empty(), Optional.of("192.0.2.1")),
                    event.action(), event.target(), event.details()));

            assertBrokenAt(2, "has no commitment");
        }

        @Test
        void aChangedCommitmentIsFoundAsChangedContent() {
            appendEvents(3);

            auditLog.replace(2, stored -> new StoredAuditEvent(stored.sequence(), stored.event(), stored.previousHash(), stored.hash(),
                    Optional.of(AddressCommitment.of("203.0.113.7", "0".repeat(32)))));

            assertBrokenAt(2, "content does not match its hash");
        }

        @Test
        void aCommitmentRemovedTogetherWithItsAddressIsFoundAsChangedContent() {
            appendEvents(3);

            auditLog.replace(2, stored -> new StoredAuditEvent(stored.sequence(), new AuditEvent(stored.event().occurredAt(),
                    new Actor(stored.event().actor().userId(), Optional.empty()), stored.event().action(), stored.event().target(),
                    stored.event().details()), stored.previousHash(), stored.hash(), Optional.empty()));

            assertBrokenAt(2, "content does not match its hash");
        }

        @Test
        void anAddressWhoseSaltWasRemovedIsFound() {
            appendEvents(3);

            auditLog.replace(2, stored -> new StoredAuditEvent(stored.sequence(), stored.event(), stored.previousHash(), stored.hash(),
                    stored.addressCommitment().map(AddressCommitment::withoutSalt)));

            assertBrokenAt(2, "salt of its commitment is missing");
        }

        @Test
        void aSaltLeftBehindByAHalfClearingIsFound() {
            appendEvents(3);

            auditLog.tamper(2, event -> new AuditEvent(event.occurredAt(), new Actor(event.actor().userId(), Optional.empty()),
                    event.action(), event.target(), event.details()));

            assertBrokenAt(2, "cleared but not the salt");
        }

        private void assertBrokenAt(long sequence, String problem) {
            ChainVerification result = service.verify();
            assertThat(result.valid()).isFalse();
            assertThat(result.firstBrokenSequence()).contains(sequence);
            assertThat(result.checked()).isEqualTo(sequence - 1);
            assertThat(result.problem()).hasValueSatisfying(text -> assertThat(text).contains(problem));
        }

        @Test
        void verifyingWritesNothing() {
            appendEvents(3);
            List<StoredAuditEvent> before = auditLog.events();

            service.verify();

            assertThat(auditLog.events()).isEqualTo(before);
        }
    }

    private static ListAuditEventsQuery query(AuditFilter filter, int limit, String cursor) {
        return new ListAuditEventsQuery(filter, limit, Optional.ofNullable(cursor));
    }

    private void appendEvents(int count) {
        for (int i = 0; i < count; i++) {
            append(event(i % 2 == 0 ? ADA : GRACE, AuditAction.USER_UPDATED));
        }
    }

    private void appendEventsInOneTransaction(int count) {
        transactions.inTransaction(() -> {
            for (int i = 0; i < count; i++) {
                auditLog.append(event(i % 2 == 0 ? ADA : GRACE, AuditAction.LOGIN_SUCCEEDED));
            }
        });
    }

    private void append(AuditEvent event) {
        transactions.inTransaction(() -> auditLog.append(event));
    }

    private static AuditEvent event(UserId target, AuditAction action) {
        return AuditEvent.of(NOW, new Actor(Optional.of(GRACE), Optional.of("203.0.113.7")), action, target,
                Map.of("fields", "displayName"));
    }
}
