package dev.roster.application.port.out.privacy;

import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StepAction;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link PrivacyRequests} (and {@link StoredDataPackages}) must do, run against the in-memory fake and the
 * JDBC adapter (H2 and PostgreSQL): a request is found equal to what was stored, every field and step of its history
 * included; an update appends the new steps; lists run in (dueAt, id) order, ids compared unsigned as the databases
 * do, with a cursor strictly after its pair; a request outlives its user; packages are kept per request and removed per
 * user. A subclass starts every test with an empty store. Every call runs inside {@link #transactions()}; instants
 * carry at most microseconds.
 */
public abstract class PrivacyRequestsContract {
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;
    private static final Optional<UserId> STAFF = Optional.of(new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ad")));
    private static final Instant RECEIVED = Instant.parse("2025-01-31T10:00:00.123456Z");
    private static final Instant LATER = Instant.parse("2025-02-03T08:00:00.000001Z");
    // ids whose first bit differs: a signed comparison would put the second before the first
    private static final UUID LOW = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID HIGH = UUID.fromString("f0000000-0000-7000-8000-000000000001");

    protected abstract PrivacyRequests requests();

    protected abstract StoredDataPackages packages();

    protected abstract UserRepository users();

    protected abstract TransactionBoundary transactions();

    private static PrivacyRequest received(UUID id, PrivacyRequestType type, UserId user, Instant receivedAt) {
        return PrivacyRequest.received(id, type, user, receivedAt, Optional.empty(), ZoneOffset.UTC, receivedAt, STAFF);
    }

    private static UUID id(int n) {
        return UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n));
    }

    @Nested
    class AddAndFind {
        @Test
        void aNewRequestIsFoundEqual() {
            PrivacyRequest request = PrivacyRequest.received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED,
                    Optional.of("by letter, Zoë asked for\n\tall of it"), ZoneOffset.UTC, LATER, STAFF);

            add(request);

            assertThat(find(id(1))).contains(request);
            assertThat(inTransaction(() -> requests().lock(id(1)))).contains(request);
            assertThat(find(id(2))).isEmpty();
        }

        @Test
        void everyFieldOfAnExtendedAndCompletedRequestAndItsHistoryRoundTrip() {
            PrivacyRequest request = received(id(1), PrivacyRequestType.ERASURE, ADA, RECEIVED);
            add(request);
            PrivacyRequest blocked = request.erasureBlocked("legal-hold", LATER, Optional.empty());
            PrivacyRequest extended = blocked.extended("volume 😀", 2, ZoneOffset.UTC, LATER.plusSeconds(1), STAFF);
            UUID receipt = id(99);
            PrivacyRequest waiting = extended.awaitingConfirmations(receipt, Optional.of("erased here"), LATER.plusSeconds(2), STAFF);
            PrivacyRequest done = waiting.completedErasure(receipt, Optional.empty(), LATER.plusSeconds(3), Optional.empty());

            for (PrivacyRequest step : List.of(blocked, extended, waiting, done)) {
                inTransaction(() -> {
                    requests().update(step);
                    return null;
                });
                assertThat(find(id(1))).contains(step);
            }
            assertThat(find(id(1)).orElseThrow().history()).extracting(PrivacyRequest.Step::action).containsExactly(StepAction.RECEIVED,
                    StepAction.ERASURE_BLOCKED, StepAction.EXTENDED, StepAction.IN_PROGRESS, StepAction.COMPLETED);
        }

        @Test
        void theOutcomesOfEachKindRoundTrip() {
            List<PrivacyRequest> closed = List.of(
                    received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED).completedWithPackage(LATER, 123_456_789_012L,
                            Optional.of("sent"), LATER, STAFF),
                    received(id(2), PrivacyRequestType.RESTRICTION, ADA, RECEIVED).completedRestriction(Optional.empty(), LATER, STAFF),
                    received(id(3), PrivacyRequestType.OBJECTION, ADA, RECEIVED).completedWithNote("stopped", LATER, STAFF),
                    received(id(4), PrivacyRequestType.PORTABILITY, ADA, RECEIVED).refused("identity not proven", LATER, Optional.empty()));
            for (PrivacyRequest request : closed) {
                add(received(request.id(), request.type(), ADA, RECEIVED));
                inTransaction(() -> {
                    requests().update(request);
                    return null;
                });
            }

            for (PrivacyRequest request : closed) {
                assertThat(find(request.id())).contains(request);
            }
        }

        @Test
        void updatingARequestThatWasNeverStoredFails() {
            assertThatThrownBy(() -> inTransaction(() -> {
                requests().update(received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED));
                return null;
            })).isInstanceOf(IllegalStateException.class);
        }

        @Test
        void aRequestNeedsNoStoredUserAndOutlivesItsUsersPurge() {
            inTransaction(() -> {
                users().add(Users.anActiveUser().build());
                return null;
            });
            add(received(id(1), PrivacyRequestType.ERASURE, ADA, RECEIVED));
            add(received(id(2), PrivacyRequestType.ACCESS, GRACE, RECEIVED));

            inTransaction(() -> users().delete(ADA));

            assertThat(find(id(1))).isPresent();
            assertThat(find(id(2))).isPresent();
        }
    }

    @Nested
    class Lists {
        @Test
        void runByDueDateThenByIdComparedAsTheDatabasesDo() {
            add(received(HIGH, PrivacyRequestType.ACCESS, ADA, RECEIVED));
            add(received(LOW, PrivacyRequestType.ACCESS, ADA, RECEIVED));
            add(received(id(3), PrivacyRequestType.ACCESS, ADA, RECEIVED.minusSeconds(1)));

            assertThat(ids(PrivacyRequestFilter.all(), Optional.empty(), 10)).containsExactly(id(3), LOW, HIGH);
            PrivacyRequest low = find(LOW).orElseThrow();
            assertThat(ids(PrivacyRequestFilter.all(), Optional.of(PrivacyRequestCursor.after(low)), 10)).containsExactly(HIGH);
            assertThat(ids(PrivacyRequestFilter.all(), Optional.of(new PrivacyRequestCursor(low.dueAt(), HIGH)), 10)).isEmpty();
            assertThat(ids(PrivacyRequestFilter.all(), Optional.of(new PrivacyRequestCursor(low.dueAt().minusNanos(1000), HIGH)), 10))
                    .containsExactly(LOW, HIGH);
            assertThat(ids(PrivacyRequestFilter.all(), Optional.empty(), 2)).containsExactly(id(3), LOW);
        }

        @Test
        void filterByStatusTypeUserOverdueAndDueDate() {
            add(received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED));
            add(received(id(2), PrivacyRequestType.ERASURE, GRACE, RECEIVED.plusSeconds(10)));
            PrivacyRequest refused = received(id(3), PrivacyRequestType.OBJECTION, ADA, RECEIVED.minusSeconds(10));
            add(refused);
            inTransaction(() -> {
                requests().update(refused.refused("no", LATER, STAFF));
                return null;
            });
            Instant due = find(id(1)).orElseThrow().dueAt();

            assertThat(ids(filter(Set.of(PrivacyRequestStatus.RECEIVED), Set.of(), null, null, null))).containsExactly(id(1), id(2));
            assertThat(ids(filter(Set.of(PrivacyRequestStatus.REFUSED, PrivacyRequestStatus.COMPLETED), Set.of(), null, null, null)))
                    .containsExactly(id(3));
            assertThat(ids(filter(Set.of(), Set.of(PrivacyRequestType.ERASURE, PrivacyRequestType.OBJECTION), null, null, null)))
                    .containsExactly(id(3), id(2));
            assertThat(ids(filter(Set.of(), Set.of(), ADA, null, null))).containsExactly(id(3), id(1));
            assertThat(ids(filter(Set.of(), Set.of(), null, due.plusSeconds(1), null))).as("overdue: open and past due")
                    .containsExactly(id(1));
            assertThat(ids(filter(Set.of(), Set.of(), null, due, null))).as("not overdue at its due date itself").isEmpty();
            assertThat(ids(filter(Set.of(), Set.of(), null, null, due))).as("due before, exclusive").containsExactly(id(3));
            assertThat(ids(filter(Set.of(PrivacyRequestStatus.RECEIVED), Set.of(PrivacyRequestType.ERASURE), GRACE,
                    due.plusSeconds(11), due.plusSeconds(11)))).containsExactly(id(2));
        }

        @Test
        void findOpenNamesAnOpenRequestOfTheUserAndTypeOnly() {
            PrivacyRequest closed = received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED);
            add(closed);
            inTransaction(() -> {
                requests().update(closed.refused("no", LATER, STAFF));
                return null;
            });
            add(received(id(2), PrivacyRequestType.ACCESS, GRACE, RECEIVED));
            add(received(id(3), PrivacyRequestType.ERASURE, ADA, RECEIVED));

            assertThat(inTransaction(() -> requests().findOpen(ADA, PrivacyRequestType.ACCESS))).isEmpty();
            assertThat(inTransaction(() -> requests().findOpen(GRACE, PrivacyRequestType.ACCESS))).contains(id(2));
            assertThat(inTransaction(() -> requests().findOpen(ADA, PrivacyRequestType.ERASURE))).contains(id(3));
        }

        @Test
        void countsOpenAndOverdueByType() {
            add(received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED));
            add(received(id(2), PrivacyRequestType.ACCESS, ADA, RECEIVED.plusSeconds(3600)));
            add(received(id(3), PrivacyRequestType.ERASURE, GRACE, RECEIVED));
            PrivacyRequest done = received(id(4), PrivacyRequestType.ERASURE, GRACE, RECEIVED);
            add(done);
            inTransaction(() -> {
                requests().update(done.completedErasure(id(99), Optional.empty(), LATER, STAFF));
                return null;
            });
            Instant afterFirstDue = find(id(1)).orElseThrow().dueAt().plusSeconds(1);

            PrivacyRequestCounts counts = inTransaction(() -> requests().count(afterFirstDue));

            assertThat(counts.open()).containsEntry(PrivacyRequestType.ACCESS, 2L).containsEntry(PrivacyRequestType.ERASURE, 1L)
                    .containsEntry(PrivacyRequestType.OBJECTION, 0L);
            assertThat(counts.overdue()).containsEntry(PrivacyRequestType.ACCESS, 1L).containsEntry(PrivacyRequestType.ERASURE, 1L)
                    .containsEntry(PrivacyRequestType.RESTRICTION, 0L);
        }
    }

    @Nested
    class Packages {
        @Test
        void aPackageIsKeptWithItsRequestExactlyAsGiven() {
            add(received(id(1), PrivacyRequestType.ACCESS, ADA, RECEIVED));
            String json = "{\"profile\":{\"displayName\":\"Zoë 😀 \\u2028\"},\"x\":\"" + "y".repeat(300_000) + "\"}";
            StoredDataPackage stored = new StoredDataPackage(id(1), ADA, LATER, json);

            inTransaction(() -> {
                requests().attachPackage(stored);
                return null;
            });

            assertThat(inTransaction(() -> requests().findPackage(id(1)))).contains(stored);
            assertThat(inTransaction(() -> requests().findPackage(id(2)))).isEmpty();
        }

        @Test
        void packagesAreCountedAndRemovedPerUserAndTheRequestsStay() {
            for (int n = 1; n <= 3; n++) {
                UserId owner = n < 3 ? ADA : GRACE;
                add(received(id(n), PrivacyRequestType.PORTABILITY, owner, RECEIVED));
                StoredDataPackage stored = new StoredDataPackage(id(n), owner, LATER, "{}");
                inTransaction(() -> {
                    requests().attachPackage(stored);
                    return null;
                });
            }

            assertThat(inTransaction(() -> packages().countOf(ADA))).isEqualTo(2);
            assertThat(inTransaction(() -> packages().deleteAllOf(ADA))).isEqualTo(2);
            assertThat(inTransaction(() -> packages().deleteAllOf(ADA))).isZero();
            assertThat(inTransaction(() -> packages().countOf(ADA))).isZero();
            assertThat(inTransaction(() -> requests().findPackage(id(1)))).isEmpty();
            assertThat(inTransaction(() -> requests().findPackage(id(3)))).isPresent();
            assertThat(find(id(1))).isPresent();
        }
    }

    private static PrivacyRequestFilter filter(Set<PrivacyRequestStatus> statuses, Set<PrivacyRequestType> types, UserId user,
                                               Instant overdueAt, Instant dueBefore) {
        return new PrivacyRequestFilter(statuses, types, Optional.ofNullable(user), Optional.ofNullable(overdueAt),
                Optional.ofNullable(dueBefore));
    }

    private List<UUID> ids(PrivacyRequestFilter filter) {
        return ids(filter, Optional.empty(), 100);
    }

    private List<UUID> ids(PrivacyRequestFilter filter, Optional<PrivacyRequestCursor> after, int limit) {
        List<UUID> ids = new ArrayList<>();
        inTransaction(() -> requests().list(filter, after, limit)).forEach(request -> ids.add(request.id()));
        return ids;
    }

    private void add(PrivacyRequest request) {
        inTransaction(() -> {
            requests().add(request);
            return null;
        });
    }

    private Optional<PrivacyRequest> find(UUID id) {
        return inTransaction(() -> requests().find(id));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions().inTransaction(work);
    }
}
