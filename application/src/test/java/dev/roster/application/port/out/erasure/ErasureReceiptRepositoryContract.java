package dev.roster.application.port.out.erasure;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ErasureReceiptRepository} must do, run against the in-memory fake and the JDBC adapter (H2 and
 * PostgreSQL): one receipt per erased user, found by its id and by its user, equal to what was stored (the erased
 * fields in their order), and kept after the user is purged. A subclass starts every test with an empty store and
 * hands over the {@link UserRepository} of that same store. Every call runs inside {@link #transactions()}; instants
 * carry at most microseconds.
 */
public abstract class ErasureReceiptRepositoryContract {
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;
    private static final UserId ADMIN = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000aa"));
    private static final UserId NOBODY = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));
    private static final Instant ERASED = Instant.parse("2026-04-01T08:30:00.654321Z");
    private static final Instant LATER = Instant.parse("2026-04-02T00:00:00.000001Z");

    protected abstract ErasureReceiptRepository receipts();

    protected abstract UserRepository users();

    protected abstract TransactionBoundary transactions();

    @Nested
    class AddAndFind {

        @Test
        void aStoredReceiptIsFoundEqualByItsIdAndByItsUser() {
            ErasureReceipt receipt = new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED,
                    List.of("email", "displayName", "phone", "attributes", "passwordHash"),
                    Map.of("files", 3L, "sessions", 0L, "events", 5_000_000_000L));

            add(receipt);

            assertThat(findById(receiptId(1))).contains(receipt);
            assertThat(findByUser(ADA)).contains(receipt);
        }

        @Test
        void keepsTheErasedFieldsInTheirOrder() {
            List<String> fields = List.of("passwordHash", "email", "attributes", "displayName");
            add(new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED, fields, Map.of("files", 1L)));

            assertThat(findById(receiptId(1))).hasValueSatisfying(found ->
                    assertThat(found.erasedFields()).containsExactlyElementsOf(fields));
        }

        @Test
        void aReceiptWithoutRequesterErasedFieldsOrRemovedRecordsIsFoundEqual() {
            ErasureReceipt receipt = new ErasureReceipt(receiptId(1), ADA, Optional.empty(), ERASED, List.of(), Map.of());

            add(receipt);

            assertThat(findById(receiptId(1))).contains(receipt);
            assertThat(findByUser(ADA)).hasValueSatisfying(found -> {
                assertThat(found.requestedBy()).isEmpty();
                assertThat(found.erasedFields()).isEmpty();
                assertThat(found.removed()).isEmpty();
            });
        }

        @Test
        void findsEachOfSeveralReceiptsByItsIdAndByItsUser() {
            ErasureReceipt adas = new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED,
                    List.of("email"), Map.of("files", 2L));
            ErasureReceipt graces = new ErasureReceipt(receiptId(2), GRACE, Optional.empty(), LATER,
                    List.of("email", "phone"), Map.of());
            add(adas);
            add(graces);

            assertThat(findById(receiptId(1))).contains(adas);
            assertThat(findById(receiptId(2))).contains(graces);
            assertThat(findByUser(ADA)).contains(adas);
            assertThat(findByUser(GRACE)).contains(graces);
        }

        @Test
        void findsNothingForAnUnknownIdOrAUserWithoutAReceipt() {
            add(new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED, List.of("email"), Map.of()));

            assertThat(findById(receiptId(99))).isEmpty();
            assertThat(findByUser(GRACE)).isEmpty();
            assertThat(findByUser(NOBODY)).isEmpty();
        }
    }

    @Nested
    class OnePerUser {

        @Test
        void refusesASecondReceiptForTheSameUserAndKeepsTheFirst() {
            ErasureReceipt first = new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED, List.of("email"), Map.of());
            add(first);

            assertThatThrownBy(() -> add(new ErasureReceipt(receiptId(2), ADA, Optional.empty(), LATER,
                    List.of("phone"), Map.of("files", 1L)))).isInstanceOf(RuntimeException.class);

            assertThat(findByUser(ADA)).contains(first);
            assertThat(findById(receiptId(2))).isEmpty();
        }

        @Test
        void refusesASecondReceiptWithTheSameIdAndKeepsTheFirst() {
            ErasureReceipt first = new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED, List.of("email"), Map.of());
            add(first);

            assertThatThrownBy(() -> add(new ErasureReceipt(receiptId(1), GRACE, Optional.empty(), LATER,
                    List.of("phone"), Map.of()))).isInstanceOf(RuntimeException.class);

            assertThat(findById(receiptId(1))).contains(first);
            assertThat(findByUser(GRACE)).isEmpty();
        }

        @Test
        void anAddInATransactionThatFailsIsRolledBack() {
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                receipts().add(new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED, List.of("email"), Map.of()));
                throw new IllegalStateException("fails after the add");
            })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the add");

            assertThat(findById(receiptId(1))).isEmpty();
            assertThat(findByUser(ADA)).isEmpty();
        }
    }

    @Nested
    class AfterAPurge {

        @Test
        void theReceiptOutlivesItsUser() {
            transactions().inTransaction(() -> users().add(Users.anActiveUser().anonymized().build()));
            ErasureReceipt receipt = new ErasureReceipt(receiptId(1), ADA, Optional.of(ADMIN), ERASED,
                    List.of("email", "displayName"), Map.of("files", 1L));
            add(receipt);

            boolean purged = transactions().inTransaction(() -> users().delete(ADA));

            assertThat(purged).isTrue();
            assertThat(findById(receiptId(1))).contains(receipt);
            assertThat(findByUser(ADA)).contains(receipt);
        }
    }

    @Nested
    class Paging {

        @Test
        void walksEveryReceiptOnceInTheDatabasesOrderOfIdsWhichIsUnsigned() {
            // ids whose signed and unsigned orders differ: java.util.UUID would put the 8... and f... ones first
            List<UUID> ids = List.of(UUID.fromString("00000000-0000-7000-8000-000000000001"),
                    UUID.fromString("7fffffff-ffff-7000-8000-000000000002"), UUID.fromString("80000000-0000-7000-8000-000000000003"),
                    UUID.fromString("ffffffff-ffff-7000-8000-000000000004"), UUID.fromString("ffffffff-ffff-7000-ffff-ffffffffffff"));
            for (int i = ids.size() - 1; i >= 0; i--) {
                add(new ErasureReceipt(ids.get(i), new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(i))),
                        Optional.empty(), ERASED, List.of("email"), Map.of()));
            }

            List<UUID> walked = new java.util.ArrayList<>();
            Optional<UUID> after = Optional.empty();
            while (true) {
                Optional<UUID> from = after;
                List<ErasureReceipt> page = transactions().readOnly(() -> receipts().page(from, 2));
                page.forEach(receipt -> walked.add(receipt.id()));
                if (page.size() < 2) {
                    break;
                }
                after = Optional.of(page.get(page.size() - 1).id());
            }

            assertThat(walked).containsExactlyElementsOf(ids);
        }

        @Test
        void anEmptyStoreHasAnEmptyFirstPage() {
            assertThat(transactions().readOnly(() -> receipts().page(Optional.empty(), 10))).isEmpty();
        }
    }

    @Nested
    class RemoveOfUser {

        @Test
        void removesOnlyThatUsersReceiptAndSaysWhetherThereWasOne() {
            ErasureReceipt ada = new ErasureReceipt(receiptId(1), ADA, Optional.empty(), ERASED, List.of("email"), Map.of());
            ErasureReceipt grace = new ErasureReceipt(receiptId(2), GRACE, Optional.empty(), ERASED, List.of("email"), Map.of());
            add(ada);
            add(grace);

            assertThat(transactions().inTransaction(() -> receipts().removeOfUser(ADA))).isTrue();
            assertThat(transactions().inTransaction(() -> receipts().removeOfUser(ADA))).isFalse();

            assertThat(findByUser(ADA)).isEmpty();
            assertThat(findById(receiptId(1))).isEmpty();
            assertThat(findByUser(GRACE)).contains(grace);
        }

        @Test
        void aNewReceiptForTheUserCanBeStoredOnceTheOldOneIsRemoved() {
            add(new ErasureReceipt(receiptId(1), ADA, Optional.empty(), ERASED, List.of("email"), Map.of()));
            ErasureReceipt replacement = new ErasureReceipt(receiptId(2), ADA, Optional.of(ADMIN), LATER, List.of("email"), Map.of());

            transactions().inTransaction(() -> {
                receipts().removeOfUser(ADA);
                receipts().add(replacement);
            });

            assertThat(findByUser(ADA)).contains(replacement);
        }
    }

    private void add(ErasureReceipt receipt) {
        transactions().inTransaction(() -> receipts().add(receipt));
    }

    private Optional<ErasureReceipt> findById(UUID id) {
        return transactions().readOnly(() -> receipts().findById(id));
    }

    private Optional<ErasureReceipt> findByUser(UserId id) {
        return transactions().readOnly(() -> receipts().findByUser(id));
    }

    private static UUID receiptId(int n) {
        return UUID.fromString("019b76da-a800-7000-a000-%012d".formatted(n));
    }
}
