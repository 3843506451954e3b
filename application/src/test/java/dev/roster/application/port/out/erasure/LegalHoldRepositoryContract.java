package dev.roster.application.port.out.erasure;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link LegalHoldRepository} must do, run against the in-memory fake and the JDBC adapter (H2 and
 * PostgreSQL): at most one hold per user, placed or replaced by {@code put}, lifted by {@code remove}. A hold names a
 * stored user, who cannot be purged while held (the database's foreign key, a backstop to the services' rule); a
 * subclass starts every test with an empty store and hands over the {@link UserRepository} of that same store. Every
 * call runs inside {@link #transactions()}; instants carry at most microseconds.
 */
public abstract class LegalHoldRepositoryContract {
    private static final UserId ADA = Users.DEFAULT_ID;
    private static final UserId GRACE = Users.ADMIN_ID;
    private static final UserId NOBODY = new UserId(UUID.fromString("019b76da-a800-7000-8000-0000000000ff"));
    private static final Instant PLACED = Instant.parse("2026-03-01T09:15:00.123456Z");
    private static final Instant LATER = Instant.parse("2026-03-02T17:45:30.000001Z");

    protected abstract LegalHoldRepository holds();

    protected abstract UserRepository users();

    protected abstract TransactionBoundary transactions();

    @Nested
    class Put {
        @BeforeEach
        void storeTheUsers() {
            LegalHoldRepositoryContract.this.storeTheUsers();
        }

        @Test
        void placesAHoldThatIsFoundWithItsReasonTimeAndPlacer() {
            LegalHold hold = new LegalHold(ADA, "Rechtsstreit 2026/17 – Akten aufbewahren\nbis zum Urteil; \"Ü\" & 100%",
                    PLACED, Optional.of(GRACE));

            put(hold);

            assertThat(find(ADA)).contains(hold);
        }

        @Test
        void placesAHoldWithoutAPlacer() {
            LegalHold hold = new LegalHold(ADA, "regulator's request", PLACED, Optional.empty());

            put(hold);

            assertThat(find(ADA)).contains(hold);
            assertThat(find(ADA).orElseThrow().placedBy()).isEmpty();
        }

        @Test
        void keepsAReasonOfTheMaximumLength() {
            LegalHold hold = new LegalHold(ADA, "ä".repeat(LegalHold.MAX_REASON_LENGTH), PLACED, Optional.of(GRACE));

            put(hold);

            assertThat(find(ADA)).contains(hold);
            assertThat(find(ADA).orElseThrow().reason()).hasSize(LegalHold.MAX_REASON_LENGTH);
        }

        @Test
        void replacesTheHoldTheUserHad() {
            put(new LegalHold(ADA, "first reason", PLACED, Optional.of(GRACE)));
            LegalHold replacement = new LegalHold(ADA, "second reason", LATER, Optional.empty());

            put(replacement);

            assertThat(find(ADA)).contains(replacement);
            assertThat(inTransaction(() -> holds().remove(ADA))).isTrue();
            assertThat(find(ADA)).as("one hold per user: nothing is left once it is lifted").isEmpty();
        }

        @Test
        void keepsTheHoldsOfDifferentUsersApart() {
            LegalHold adas = new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE));
            LegalHold graces = new LegalHold(GRACE, "audit", LATER, Optional.empty());

            put(adas);
            put(graces);

            assertThat(find(ADA)).contains(adas);
            assertThat(find(GRACE)).contains(graces);
        }

        @Test
        void refusesAHoldOnAUserThatIsNotStored() {
            assertThatThrownBy(() -> put(new LegalHold(NOBODY, "litigation", PLACED, Optional.of(GRACE))))
                    .isInstanceOf(RuntimeException.class);

            assertThat(find(NOBODY)).isEmpty();
        }

        @Test
        void aPutInATransactionThatFailsIsRolledBack() {
            LegalHold original = new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE));
            put(original);

            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                holds().put(new LegalHold(ADA, "replaced", LATER, Optional.empty()));
                holds().put(new LegalHold(GRACE, "new", LATER, Optional.empty()));
                throw new IllegalStateException("fails after the puts");
            })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the puts");

            assertThat(find(ADA)).contains(original);
            assertThat(find(GRACE)).isEmpty();
        }
    }

    @Nested
    class Find {
        @BeforeEach
        void storeTheUsers() {
            LegalHoldRepositoryContract.this.storeTheUsers();
        }

        @Test
        void isEmptyForAUserWithoutAHoldAndForAnUnknownUser() {
            put(new LegalHold(ADA, "litigation", PLACED, Optional.empty()));

            assertThat(find(GRACE)).isEmpty();
            assertThat(find(NOBODY)).isEmpty();
        }
    }

    @Nested
    class Remove {
        @BeforeEach
        void storeTheUsers() {
            LegalHoldRepositoryContract.this.storeTheUsers();
        }

        @Test
        void liftsTheHoldAndSaysThereWasOne() {
            put(new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE)));

            boolean removed = inTransaction(() -> holds().remove(ADA));

            assertThat(removed).isTrue();
            assertThat(find(ADA)).isEmpty();
        }

        @Test
        void saysThereWasNoneForAUserWithoutAHoldForAnUnknownUserAndForAHoldAlreadyLifted() {
            put(new LegalHold(ADA, "litigation", PLACED, Optional.empty()));

            assertThat(inTransaction(() -> holds().remove(GRACE))).isFalse();
            assertThat(inTransaction(() -> holds().remove(NOBODY))).isFalse();
            assertThat(inTransaction(() -> holds().remove(ADA))).isTrue();
            assertThat(inTransaction(() -> holds().remove(ADA))).isFalse();
        }

        @Test
        void touchesNoOtherUsersHold() {
            LegalHold graces = new LegalHold(GRACE, "audit", LATER, Optional.of(ADA));
            put(new LegalHold(ADA, "litigation", PLACED, Optional.empty()));
            put(graces);

            inTransaction(() -> holds().remove(ADA));

            assertThat(find(GRACE)).contains(graces);
        }

        @Test
        void aLiftedHoldCanBePlacedAgain() {
            put(new LegalHold(ADA, "litigation", PLACED, Optional.empty()));
            inTransaction(() -> holds().remove(ADA));
            LegalHold again = new LegalHold(ADA, "new litigation", LATER, Optional.of(GRACE));

            put(again);

            assertThat(find(ADA)).contains(again);
        }

        @Test
        void aRemoveInATransactionThatFailsIsRolledBack() {
            LegalHold hold = new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE));
            put(hold);

            assertThatThrownBy(() -> transactions().inTransaction(() -> {
                holds().remove(ADA);
                throw new IllegalStateException("fails after the remove");
            })).isInstanceOf(IllegalStateException.class).hasMessage("fails after the remove");

            assertThat(find(ADA)).contains(hold);
        }
    }

    @Nested
    class HeldUser {
        @BeforeEach
        void storeTheUsers() {
            LegalHoldRepositoryContract.this.storeTheUsers();
        }

        @Test
        void cannotBePurgedWhileHeld() {
            LegalHold hold = new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE));
            put(hold);

            assertThatThrownBy(() -> inTransaction(() -> users().delete(ADA))).isInstanceOf(RuntimeException.class);

            assertThat(inTransaction(() -> users().findById(ADA))).isPresent();
            assertThat(find(ADA)).contains(hold);
        }

        @Test
        void canBePurgedOnceTheHoldIsLifted() {
            put(new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE)));

            boolean purged = inTransaction(() -> {
                holds().remove(ADA);
                return users().delete(ADA);
            });

            assertThat(purged).isTrue();
            assertThat(inTransaction(() -> users().findById(ADA))).isEmpty();
            assertThat(find(ADA)).isEmpty();
        }

        @Test
        void keepsItsHoldThroughAChangeOfStatus() {
            LegalHold hold = new LegalHold(ADA, "litigation", PLACED, Optional.of(GRACE));
            put(hold);
            User ada = inTransaction(() -> users().findById(ADA)).orElseThrow();
            ada.softDelete(LATER);
            inTransaction(() -> users().update(ada));

            assertThat(find(ADA)).contains(hold);
        }
    }

    private void storeTheUsers() {
        for (User user : List.of(Users.anActiveUser().build(), Users.anAdmin().build())) {
            transactions().inTransaction(() -> users().add(user));
        }
    }

    private void put(LegalHold hold) {
        transactions().inTransaction(() -> holds().put(hold));
    }

    private Optional<LegalHold> find(UserId id) {
        return transactions().readOnly(() -> holds().find(id));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions().inTransaction(work);
    }
}
