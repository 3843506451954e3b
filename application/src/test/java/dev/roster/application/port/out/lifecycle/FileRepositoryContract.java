package dev.roster.application.port.out.lifecycle;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.OwnedFile;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link FileRepository} must do, run against the in-memory fake and the JDBC adapter (H2 and PostgreSQL).
 * A subclass starts every test with an empty store and hands over the {@link UserRepository} of the same store: a
 * file belongs to a stored user (the database's foreign key) and its id is its key. Every call runs inside
 * {@link #transactions()}; instants carry at most microseconds.
 */
public abstract class FileRepositoryContract {
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;
    private static final UserId NOBODY = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00.000001Z");
    private static final Instant T1 = Instant.parse("2026-01-10T08:00:00.000002Z");
    private static final Instant T2 = Instant.parse("2026-01-11T00:00:00Z");
    private static final Instant T3 = Instant.parse("2026-02-01T12:30:45.999999Z");

    protected abstract FileRepository files();

    protected abstract UserRepository users();

    protected abstract TransactionBoundary transactions();

    @Nested
    class Add {
        @BeforeEach
        void storeTheOwners() {
            FileRepositoryContract.this.storeTheOwners();
        }

        @Test
        void storesEveryFieldOfTheFile() {
            OwnedFile cv = new OwnedFile(fileId(1), ADA, "Lebenslauf – Ada Lovelace (2026).pdf", 5_000_000_000L,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", T3);
            OwnedFile empty = new OwnedFile(fileId(2), ADA, "empty.txt", 0, "text/plain", T0);

            add(cv);
            add(empty);

            assertThat(findByOwner(ADA)).containsExactly(empty, cv);
        }

        @Test
        void keepsANameOfTheMaximumLengthInCharactersBeyondTheBasicPlane() {
            OwnedFile file = new OwnedFile(fileId(1), ADA, "😀".repeat(OwnedFile.MAX_NAME_LENGTH), 1, "image/png", T0);

            add(file);

            assertThat(findByOwner(ADA)).containsExactly(file);
            assertThat(findByOwner(ADA).get(0).name()).hasSize(2 * OwnedFile.MAX_NAME_LENGTH);
        }

        @Test
        void refusesAFileOfAUserThatIsNotStored() {
            assertThatThrownBy(() -> add(file(1, NOBODY, T0))).isInstanceOf(RuntimeException.class);

            assertThat(findByOwner(NOBODY)).isEmpty();
            assertThat(readOnly(() -> files().countByOwner(NOBODY))).isZero();
        }

        @Test
        void refusesASecondFileWithTheSameIdAndKeepsTheFirst() {
            OwnedFile first = file(1, ADA, T0);
            add(first);

            assertThatThrownBy(() -> add(new OwnedFile(fileId(1), ADA, "other.pdf", 7, "application/pdf", T1)))
                    .isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> add(file(1, GRACE, T2))).isInstanceOf(RuntimeException.class);

            assertThat(findByOwner(ADA)).containsExactly(first);
            assertThat(findByOwner(GRACE)).isEmpty();
        }

        @Test
        void anAddInATransactionThatFailsIsRolledBack() {
            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                files().add(file(1, ADA, T0));
                throw new IllegalStateException("fails after the add");
            })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the add");

            assertThat(findByOwner(ADA)).isEmpty();
        }
    }

    @Nested
    class FindByOwner {
        @BeforeEach
        void storeTheOwners() {
            FileRepositoryContract.this.storeTheOwners();
        }

        @Test
        void listsTheOwnersFilesOldestFirstWhateverTheOrderTheyWereAddedIn() {
            OwnedFile third = file(1, ADA, T3);
            OwnedFile first = file(2, ADA, T0);
            OwnedFile fourth = file(3, ADA, T3.plusSeconds(1));
            OwnedFile second = file(4, ADA, T1);
            for (OwnedFile file : List.of(third, first, fourth, second)) {
                add(file);
            }

            assertThat(findByOwner(ADA)).containsExactly(first, second, third, fourth);
        }

        @Test
        void listsOnlyThatOwnersFiles() {
            OwnedFile adas = file(1, ADA, T0);
            OwnedFile graces = file(2, GRACE, T1);
            OwnedFile adasToo = file(3, ADA, T2);
            add(adas);
            add(graces);
            add(adasToo);

            assertThat(findByOwner(ADA)).containsExactly(adas, adasToo);
            assertThat(findByOwner(GRACE)).containsExactly(graces);
        }

        @Test
        void isEmptyForAnOwnerWithoutFilesAndForAnUnknownOwner() {
            add(file(1, ADA, T0));

            assertThat(findByOwner(GRACE)).isEmpty();
            assertThat(findByOwner(NOBODY)).isEmpty();
        }
    }

    @Nested
    class CountByOwner {
        @BeforeEach
        void storeTheOwners() {
            FileRepositoryContract.this.storeTheOwners();
        }

        @Test
        void countsOnlyThatOwnersFiles() {
            add(file(1, ADA, T0));
            add(file(2, GRACE, T1));
            add(file(3, ADA, T2));
            add(file(4, ADA, T3));

            assertThat(readOnly(() -> files().countByOwner(ADA))).isEqualTo(3);
            assertThat(readOnly(() -> files().countByOwner(GRACE))).isEqualTo(1);
        }

        @Test
        void isZeroForAnOwnerWithoutFilesAndForAnUnknownOwner() {
            add(file(1, ADA, T0));

            assertThat(readOnly(() -> files().countByOwner(GRACE))).isZero();
            assertThat(readOnly(() -> files().countByOwner(NOBODY))).isZero();
        }
    }

    @Nested
    class Delete {
        @BeforeEach
        void storeTheOwners() {
            FileRepositoryContract.this.storeTheOwners();
        }

        @Test
        void removesThatFileOnlyAndSaysItWasThere() {
            OwnedFile kept = file(1, ADA, T0);
            OwnedFile removed = file(2, ADA, T1);
            OwnedFile graces = file(3, GRACE, T2);
            add(kept);
            add(removed);
            add(graces);

            boolean deleted = inTransaction(() -> files().delete(ADA, removed.id()));

            assertThat(deleted).isTrue();
            assertThat(findByOwner(ADA)).containsExactly(kept);
            assertThat(findByOwner(GRACE)).containsExactly(graces);
            assertThat(readOnly(() -> files().countByOwner(ADA))).isEqualTo(1);
        }

        @Test
        void leavesAnotherOwnersFileAndSaysThereWasNone() {
            OwnedFile graces = file(1, GRACE, T0);
            add(graces);

            boolean deleted = inTransaction(() -> files().delete(ADA, graces.id()));

            assertThat(deleted).isFalse();
            assertThat(findByOwner(GRACE)).containsExactly(graces);
        }

        @Test
        void saysThereWasNoneForAnUnknownFileAndForOneAlreadyDeleted() {
            OwnedFile file = file(1, ADA, T0);
            add(file);

            assertThat(inTransaction(() -> files().delete(ADA, fileId(99)))).isFalse();
            assertThat(inTransaction(() -> files().delete(ADA, file.id()))).isTrue();
            assertThat(inTransaction(() -> files().delete(ADA, file.id()))).isFalse();
            assertThat(findByOwner(ADA)).isEmpty();
        }

        @Test
        void aDeleteInATransactionThatFailsIsRolledBack() {
            OwnedFile file = file(1, ADA, T0);
            add(file);

            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                files().delete(ADA, file.id());
                throw new IllegalStateException("fails after the delete");
            })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the delete");

            assertThat(findByOwner(ADA)).containsExactly(file);
        }
    }

    @Nested
    class DeleteAllOf {
        @BeforeEach
        void storeTheOwners() {
            FileRepositoryContract.this.storeTheOwners();
        }

        @Test
        void removesEveryFileOfTheOwnerAndCountsThem() {
            OwnedFile graces = file(4, GRACE, T1);
            add(file(1, ADA, T0));
            add(file(2, ADA, T2));
            add(file(3, ADA, T3));
            add(graces);

            long removed = inTransaction(() -> files().deleteAllOf(ADA));

            assertThat(removed).isEqualTo(3);
            assertThat(findByOwner(ADA)).isEmpty();
            assertThat(readOnly(() -> files().countByOwner(ADA))).isZero();
            assertThat(findByOwner(GRACE)).containsExactly(graces);
        }

        @Test
        void isZeroForAnOwnerWithoutFilesAndForAnUnknownOwner() {
            OwnedFile adas = file(1, ADA, T0);
            add(adas);

            assertThat(inTransaction(() -> files().deleteAllOf(GRACE))).isZero();
            assertThat(inTransaction(() -> files().deleteAllOf(NOBODY))).isZero();
            assertThat(findByOwner(ADA)).containsExactly(adas);
        }

        @Test
        void theOwnerCanAddFilesAgainAfterwards() {
            add(file(1, ADA, T0));
            inTransaction(() -> files().deleteAllOf(ADA));
            OwnedFile again = file(2, ADA, T1);

            add(again);

            assertThat(findByOwner(ADA)).containsExactly(again);
        }
    }

    private void storeTheOwners() {
        for (User owner : List.of(Users.anActiveUser().build(), Users.anAdmin().build())) {
            transactions().inTransaction(() -> users().add(owner));
        }
    }

    private void add(OwnedFile file) {
        transactions().inTransaction(() -> files().add(file));
    }

    private List<OwnedFile> findByOwner(UserId owner) {
        return readOnly(() -> files().findByOwner(owner));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions().inTransaction(work);
    }

    private <T> T readOnly(Supplier<T> work) {
        return transactions().readOnly(work);
    }

    private static OwnedFile file(int n, UserId owner, Instant createdAt) {
        return new OwnedFile(fileId(n), owner, "file-" + n + ".pdf", 1024L * n, "application/pdf", createdAt);
    }

    private static UUID fileId(int n) {
        return UUID.fromString("019b76da-a800-7000-9000-%012d".formatted(n));
    }
}
