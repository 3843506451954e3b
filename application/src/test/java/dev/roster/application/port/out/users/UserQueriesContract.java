package dev.roster.application.port.out.users;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.users.AttributeFilter;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.ProfileChange;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UserQueries} must do: its Javadoc and the list semantics of ADR 0006 (text folded like the stored
 * keys and matched literally, {@code createdFrom} inclusive and {@code createdTo} exclusive, every attribute filter
 * matching whole values, orders ending with the id compared as an unsigned number, a descending sort reversing the
 * whole order, a cursor starting strictly after its user's current position whether or not it still matches).
 * Subclassed for the in-memory fake and for JDBC on H2 and PostgreSQL; each subclass starts every test with an empty
 * store and hands over the {@link UserRepository} of that same store to fill it. Reads run read-only, writes in
 * {@link #transactions()}; instants carry at most microseconds.
 */
public abstract class UserQueriesContract {
    private static final Instant LATER = Instant.parse("2026-02-01T10:20:30.654321Z");
    private static final Set<UserStatus> ALL = EnumSet.allOf(UserStatus.class);
    private static final String PASSWORD_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA";

    protected abstract UserQueries queries();

    protected abstract UserRepository users();

    protected abstract TransactionBoundary transactions();

    @Nested
    class FindById {

        @Test
        void returnsEveryFieldButThePasswordHashOfAUserInAnyStatus() {
            List<User> stored = List.of(
                    Users.anActiveUser().withId(id(1)).withEmail("Ada.Lovelace@Example.org").withDisplayName("Ada Lovelace")
                            .withPhone("+441234567890").withAttributes(Map.of("team", "engines", "city", "Zürich"))
                            .withRoles(Role.ADMIN, Role.AUDITOR).withPasswordHash(PASSWORD_HASH)
                            .createdAt(Instant.parse("2026-01-02T03:04:05.123456Z")).build(),
                    Users.anActiveUser().withId(id(2)).withEmail("ken@example.org").withDisplayName(null).deactivated().build(),
                    Users.anActiveUser().withId(id(3)).withEmail("linus@example.org").withPasswordHash(PASSWORD_HASH)
                            .deactivated().deleted().build(),
                    Users.anActiveUser().withId(id(4)).withEmail("margaret@example.org").withPhone("+15551234567")
                            .withAttributes(Map.of("team", "apollo")).anonymized().build());
            stored.forEach(UserQueriesContract.this::store);

            for (User user : stored) {
                assertThat(readOnly(() -> queries().findById(user.id())))
                        .as("user %s (%s)", user.id(), user.status())
                        .contains(UserView.of(user.snapshot()));
            }
            assertThat(view(id(1)).hasPassword()).isTrue();
            assertThat(view(id(2)).hasPassword()).isFalse();
            assertThat(view(id(3)).status()).isEqualTo(UserStatus.DELETED);
            assertThat(view(id(3)).active()).isFalse();
            assertThat(view(id(4)).email()).isEqualTo(Email.placeholderFor(id(4)).value());
            assertThat(view(id(4)).attributes()).isEmpty();
        }

        @Test
        void showsTheLatestStoredChangeAndVersion() {
            User user = Users.anActiveUser().withId(id(1)).build();
            store(user);
            User loaded = load(id(1));
            loaded.changeProfile(ProfileChange.none().withEmail(new Email("ada.king@example.org")), LATER);
            loaded.grantRole(Role.AUDITOR, LATER);
            inTransaction(() -> users().update(loaded));

            UserView view = view(id(1));

            assertThat(view).isEqualTo(UserView.of(loaded.snapshot().withVersion(1)));
            assertThat(view.email()).isEqualTo("ada.king@example.org");
            assertThat(view.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(view.version()).isEqualTo(1);
        }

        @Test
        void isEmptyForAnIdNoUserHas() {
            store(Users.anActiveUser().withId(id(1)).build());

            assertThat(readOnly(() -> queries().findById(id(99)))).isEmpty();
        }

        @Test
        void isEmptyOnceTheUserIsPurged() {
            store(Users.anActiveUser().withId(id(1)).build());
            inTransaction(() -> users().delete(id(1)));

            assertThat(readOnly(() -> queries().findById(id(1)))).isEmpty();
        }
    }

    @Nested
    class FindByEmail {
        @Test
        void findsTheUserInAnyStatusWhateverTheCaseOfTheAddress() {
            store(Users.anActiveUser().withId(id(1)).withEmail("Ada@Example.org").deleted().build());
            store(Users.anActiveUser().withId(id(2)).withEmail("grace@example.org").build());

            assertThat(readOnly(() -> queries().findByEmail(new dev.roster.domain.user.Email("ada@EXAMPLE.org"))))
                    .hasValueSatisfying(user -> {
                        assertThat(user.id()).isEqualTo(id(1).value());
                        assertThat(user.email()).isEqualTo("Ada@Example.org");
                    });
        }

        @Test
        void isEmptyForAnAddressNobodyHas() {
            store(Users.anActiveUser().withId(id(1)).withEmail("ada@example.org").build());

            assertThat(readOnly(() -> queries().findByEmail(new dev.roster.domain.user.Email("ada.lovelace@example.org")))).isEmpty();
        }
    }

    @Nested
    class FindActivePrincipal {

        @Test
        void isTheIdAndTheCurrentRolesOfAnActiveUser() {
            store(Users.anActiveUser().withId(id(1)).withEmail("ada@example.org").withRoles(Role.ADMIN, Role.AUDITOR).build());
            store(Users.anActiveUser().withId(id(2)).withEmail("grace@example.org").build());

            assertThat(readOnly(() -> queries().findActivePrincipal(id(1))))
                    .contains(new Principal(id(1), Set.of(Role.USER, Role.ADMIN, Role.AUDITOR), 0));
            assertThat(readOnly(() -> queries().findActivePrincipal(id(2))))
                    .contains(new Principal(id(2), Set.of(Role.USER), 0));
        }

        @Test
        void isEmptyForADeactivatedADeletedAnAnonymizedAndAnUnknownUser() {
            store(Users.anActiveUser().withId(id(1)).withEmail("ken@example.org").withRoles(Role.ADMIN).deactivated().build());
            store(Users.anActiveUser().withId(id(2)).withEmail("linus@example.org").withRoles(Role.ADMIN).deleted().build());
            store(Users.anActiveUser().withId(id(3)).withEmail("margaret@example.org").anonymized().build());

            for (UserId id : List.of(id(1), id(2), id(3), id(99))) {
                assertThat(readOnly(() -> queries().findActivePrincipal(id))).as("user %s", id).isEmpty();
            }
        }

        @Test
        void followsRoleAndStatusChangesAtOnce() {
            store(Users.anActiveUser().withId(id(1)).withRoles(Role.ADMIN).build());
            User demoted = load(id(1));
            demoted.revokeRole(Role.ADMIN, LATER);
            inTransaction(() -> users().update(demoted));
            assertThat(readOnly(() -> queries().findActivePrincipal(id(1))))
                    .contains(new Principal(id(1), Set.of(Role.USER), 1));

            User deactivated = load(id(1));
            deactivated.deactivate(LATER);
            inTransaction(() -> users().update(deactivated));
            assertThat(readOnly(() -> queries().findActivePrincipal(id(1)))).isEmpty();

            User reactivated = load(id(1));
            reactivated.reactivate(LATER.plusSeconds(1));
            inTransaction(() -> users().update(reactivated));
            assertThat(readOnly(() -> queries().findActivePrincipal(id(1))))
                    .as("reactivation does not revive the generation the deactivation ended")
                    .contains(new Principal(id(1), Set.of(Role.USER), 2));
        }
    }

    /**
     * Six users, one of each kind, listed by creation:
     * <pre>
     * user     status               roles          attributes                       created
     * ADA      ACTIVE               ADMIN          team=engines, city=London        C1
     * GRACE    ACTIVE               AUDITOR        team=compilers                   C2
     * KEN      DEACTIVATED          -              team=engines, city=Murray Hill   C3 = C2 + 1 µs
     * LINUS    DELETED              ADMIN          team=kernel                      C4
     * MARGARET ANONYMIZED           -              (erased: was team=apollo)        C5
     * BARBARA  DELETED (was DEACT.) AUDITOR        team=engines                     C6
     * </pre>
     */
    @Nested
    class Filters {
        private static final Instant C1 = Instant.parse("2026-01-01T00:00:00.000001Z");
        private static final Instant C2 = Instant.parse("2026-01-02T00:00:00Z");
        private static final Instant C3 = Instant.parse("2026-01-02T00:00:00.000001Z");
        private static final Instant C4 = Instant.parse("2026-01-03T12:00:00Z");
        private static final Instant C5 = Instant.parse("2026-01-04T00:00:00Z");
        private static final Instant C6 = Instant.parse("2026-01-05T00:00:00Z");

        private User ada;
        private User grace;
        private User ken;
        private User linus;
        private User margaret;
        private User barbara;

        @BeforeEach
        void storeTheDirectory() {
            ada = Users.anActiveUser().withId(id(11)).withEmail("ada@example.org").withDisplayName("Ada Lovelace")
                    .withPhone("+441234567890").withAttributes(Map.of("team", "engines", "city", "London"))
                    .withRoles(Role.ADMIN).withPasswordHash(PASSWORD_HASH).createdAt(C1).build();
            grace = Users.anActiveUser().withId(id(12)).withEmail("Grace.Hopper@Navy.example").withDisplayName("Grace Hopper")
                    .withAttributes(Map.of("team", "compilers")).withRoles(Role.AUDITOR).createdAt(C2).build();
            ken = Users.anActiveUser().withId(id(13)).withEmail("ken@bell-labs.example").withDisplayName("Ken Thompson")
                    .withAttributes(Map.of("team", "engines", "city", "Murray Hill")).createdAt(C3).deactivated().build();
            linus = Users.anActiveUser().withId(id(14)).withEmail("linus@example.org").withDisplayName(null)
                    .withAttributes(Map.of("team", "kernel")).withRoles(Role.ADMIN).createdAt(C4).deleted().build();
            margaret = Users.anActiveUser().withId(id(15)).withEmail("margaret@example.org").withDisplayName("Margaret Hamilton")
                    .withAttributes(Map.of("team", "apollo")).createdAt(C5).anonymized().build();
            barbara = Users.anActiveUser().withId(id(16)).withEmail("barbara@example.org").withDisplayName("Barbara Liskov")
                    .withAttributes(Map.of("team", "engines")).withRoles(Role.AUDITOR).createdAt(C6).deactivated().deleted().build();
            for (User user : List.of(ada, grace, ken, linus, margaret, barbara)) {
                store(user);
            }
        }

        @Test
        void anEmptyStoreListsAndCountsNoUser() {
            transactions().inTransaction(() -> {
                for (User user : List.of(ada, grace, ken, linus, margaret, barbara)) {
                    users().delete(user.id());
                }
                return null;
            });

            assertMatches(UserFilter.defaults());
            assertMatches(all());
        }

        @Test
        void listsTheSameViewsAsFindById() {
            List<UserView> listed = list(all(), UserSort.CREATED_AT_ASC, Optional.empty(), 0, 100);

            assertThat(listed).containsExactly(
                    UserView.of(ada.snapshot()), UserView.of(grace.snapshot()), UserView.of(ken.snapshot()),
                    UserView.of(linus.snapshot()), UserView.of(margaret.snapshot()), UserView.of(barbara.snapshot()));
        }

        @Test
        void theDefaultFilterWantsActiveAndDeactivatedUsers() {
            assertMatches(UserFilter.defaults(), ada, grace, ken);
        }

        @Test
        void restrictedUsersAreLeftOutOnlyWhenTheFilterSaysSo() {
            for (User user : List.of(grace, linus)) {
                User loaded = load(user.id());
                loaded.changeRestriction(true, LATER);
                inTransaction(() -> users().update(loaded));
            }

            assertMatches(all(), ada, grace, ken, linus, margaret, barbara);
            assertMatches(all().withoutRestricted(), ada, ken, margaret, barbara);
            assertMatches(UserFilter.defaults().withoutRestricted(), ada, ken);
            assertMatches(all().withText("example.org").withoutRestricted(), ada, barbara);
            assertThat(readOnly(() -> queries().findById(grace.id()))).hasValueSatisfying(view -> assertThat(view.restricted()).isTrue());
        }

        @Test
        void statusesSelectExactlyTheUsersInThem() {
            assertMatches(statuses(UserStatus.ACTIVE), ada, grace);
            assertMatches(statuses(UserStatus.DEACTIVATED), ken);
            assertMatches(statuses(UserStatus.DELETED), linus, barbara);
            assertMatches(statuses(UserStatus.ANONYMIZED), margaret);
            assertMatches(statuses(UserStatus.ACTIVE, UserStatus.DELETED), ada, grace, linus, barbara);
            assertMatches(all(), ada, grace, ken, linus, margaret, barbara);
        }

        @Test
        void textIsACaseInsensitiveSubstringOfTheEmail() {
            assertMatches(all().withText("ADA@EXAMPLE.ORG"), ada);
            assertMatches(all().withText("navy"), grace);
            assertMatches(all().withText("Example.Org"), ada, linus, barbara);
            assertMatches(UserFilter.defaults().withText("example.org"), ada);
        }

        @Test
        void textIsACaseInsensitiveSubstringOfTheDisplayName() {
            assertMatches(all().withText("LOVELACE"), ada);
            assertMatches(all().withText("ken thompson"), ken);
            assertMatches(all().withText("hopper"), grace);
            assertMatches(all().withText("Liskov"), barbara);
        }

        @Test
        void textFindsAnAnonymizedUserOnlyByItsPlaceholder() {
            assertMatches(all().withText("margaret"));
            assertMatches(all().withText("Hamilton"));
            assertMatches(all().withText("@ERASED.roster.invalid"), margaret);
        }

        @Test
        void textSearchesNeitherThePhoneNorTheAttributes() {
            assertMatches(all().withText("+4412"));
            assertMatches(all().withText("engines"));
            assertMatches(all().withText("London"));
        }

        @Test
        void roleSelectsTheUsersHoldingIt() {
            assertMatches(all().withRole(Role.ADMIN), ada, linus);
            assertMatches(all().withRole(Role.AUDITOR), grace, barbara);
            assertMatches(all().withRole(Role.USER), ada, grace, ken, linus, margaret, barbara);
            assertMatches(UserFilter.defaults().withRole(Role.ADMIN), ada);
        }

        @Test
        void createdFromIsInclusiveAndCreatedToIsExclusiveToTheMicrosecond() {
            assertMatches(all().withCreated(C2, null), grace, ken, linus, margaret, barbara);
            assertMatches(all().withCreated(C3, null), ken, linus, margaret, barbara);
            assertMatches(all().withCreated(null, C3), ada, grace);
            assertMatches(all().withCreated(null, C2), ada);
            assertMatches(all().withCreated(C2, C3), grace);
            assertMatches(all().withCreated(C1, C6), ada, grace, ken, linus, margaret);
            assertMatches(all().withCreated(C6, null), barbara);
            assertMatches(all().withCreated(C6.plusNanos(1_000), null));
            assertMatches(all().withCreated(null, C1));
        }

        @Test
        void anAttributeFilterMatchesTheWholeValueExactly() {
            assertMatches(all().withAttributes(List.of(attribute("team", "engines"))), ada, ken, barbara);
            assertMatches(all().withAttributes(List.of(attribute("city", "London"))), ada);
            assertMatches(all().withAttributes(List.of(attribute("team", "Engines"))));
            assertMatches(all().withAttributes(List.of(attribute("team", "engine"))));
            assertMatches(all().withAttributes(List.of(attribute("team", "engines "))));
            assertMatches(all().withAttributes(List.of(attribute("Team", "engines"))));
            assertMatches(all().withAttributes(List.of(attribute("floor", "3"))));
            assertMatches(all().withAttributes(List.of(attribute("team", "apollo"))));
        }

        @Test
        void everyAttributeFilterMustMatch() {
            assertMatches(all().withAttributes(List.of(attribute("team", "engines"), attribute("city", "Murray Hill"))), ken);
            assertMatches(all().withAttributes(List.of(attribute("city", "London"), attribute("team", "engines"))), ada);
            assertMatches(all().withAttributes(List.of(attribute("team", "engines"), attribute("team", "kernel"))));
            assertMatches(all().withAttributes(List.of(attribute("team", "engines"), attribute("floor", "3"))));
        }

        @Test
        void thePartsCombineWithAnd() {
            assertMatches(all().withText("example.org").withRole(Role.ADMIN), ada, linus);
            assertMatches(all().withText("example.org").withRole(Role.ADMIN).withCreated(C2, null), linus);
            assertMatches(statuses(UserStatus.ACTIVE).withAttributes(List.of(attribute("team", "engines"))), ada);
            assertMatches(statuses(UserStatus.DELETED).withRole(Role.AUDITOR)
                    .withAttributes(List.of(attribute("team", "engines"))), barbara);
            assertMatches(UserFilter.defaults().withText("e").withCreated(C2, C4)
                    .withAttributes(List.of(attribute("team", "engines"))), ken);
            assertMatches(all().withText("hopper").withRole(Role.ADMIN));
        }
    }

    @Nested
    class TextSearch {

        @Test
        void theTermIsFoldedLikeTheStoredKeys() {
            User fussganger = Users.anActiveUser().withId(id(21)).withEmail("Fußgänger@example.de")
                    .withDisplayName("Οδυσσεύς").build();
            User other = Users.anActiveUser().withId(id(22)).withEmail("fusgaenger@example.de").withDisplayName("Odysseus").build();
            store(fussganger);
            store(other);

            assertMatches(UserFilter.defaults().withText("FUSSGÄNGER"), fussganger);
            assertMatches(UserFilter.defaults().withText("fußgänger@"), fussganger);
            assertMatches(UserFilter.defaults().withText("ΟΔΥΣΣΕΎΣ"), fussganger);
            assertMatches(UserFilter.defaults().withText("σεύς"), fussganger);
            assertMatches(UserFilter.defaults().withText("SEUS"), other);
        }

        @Test
        void theTermFindsAnAddressByItsUnicodeDomainAndByACompatibleSpelling() {
            User jose = Users.anActiveUser().withId(id(23)).withEmail("Jos\u00e9@B\u00fccher.example").build();
            User other = Users.anActiveUser().withId(id(24)).withEmail("jose@bucher.example").build();
            store(jose);
            store(other);

            assertMatches(UserFilter.defaults().withText("b\u00fccher"), jose);
            assertMatches(UserFilter.defaults().withText("B\u00dcCHER.example"), jose);
            assertMatches(UserFilter.defaults().withText("jos\u00e9@b\u00fccher.example"), jose);
            assertMatches(UserFilter.defaults().withText("xn--bcher"), jose);
            assertMatches(UserFilter.defaults().withText("\uff4a\uff4f\uff53\u00e9@"), jose);
            assertMatches(UserFilter.defaults().withText("jose\u0301"), jose);
        }

        @Test
        void percentUnderscoreAndBackslashMatchThemselves() {
            User literal = Users.anActiveUser().withId(id(31)).withEmail("a_b@example.org").withDisplayName("100% sure").build();
            User lookalike = Users.anActiveUser().withId(id(32)).withEmail("axb@example.org").withDisplayName("1000 books").build();
            User backslash = Users.anActiveUser().withId(id(33)).withEmail("c@example.org").withDisplayName("back\\slash").build();
            store(literal);
            store(lookalike);
            store(backslash);

            assertMatches(UserFilter.defaults().withText("a_b"), literal);
            assertMatches(UserFilter.defaults().withText("_"), literal);
            assertMatches(UserFilter.defaults().withText("100%"), literal);
            assertMatches(UserFilter.defaults().withText("%"), literal);
            assertMatches(UserFilter.defaults().withText("k\\s"), backslash);
            assertMatches(UserFilter.defaults().withText("\\"), backslash);
        }
    }

    /**
     * Nine ACTIVE users whose orders differ in every sort. Ties on the creation instant are broken by the id as an
     * unsigned number, which differs from {@link UUID#compareTo} for ids with the top bit of either half set; the
     * emails order by code point (after folding), which differs from a locale's collation.
     * <pre>
     * user id                                    created  email
     * P1   00000000-0000-7000-8000-000000000001  T1       bob@
     * P2   80000000-0000-7000-8000-000000000002  T1       Alice@
     * P3   7fffffff-ffff-7fff-8fff-ffffffffffff  T1       äb@
     * P4   019b76da-a800-7000-8000-000000000304  T0       Zed@
     * P5   019b76da-a800-7000-8000-000000000305  T2       a.c@
     * P6   019b76da-a800-7000-8000-000000000306  T2       ab@
     * P7   ffffffff-ffff-7fff-bfff-ffffffffffff  T3       ALAN@
     * P8   019b76da-a800-7000-0000-000000000009  T4       carol@
     * P9   019b76da-a800-7000-8000-000000000009  T4       Dave@
     * </pre>
     */
    @Nested
    class SortingAndPaging {
        private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
        private static final Instant T1 = Instant.parse("2026-01-02T00:00:00.000001Z");
        private static final Instant T2 = Instant.parse("2026-01-03T00:00:00Z");
        private static final Instant T3 = Instant.parse("2026-01-04T00:00:00Z");
        private static final Instant T4 = Instant.parse("2026-01-05T00:00:00Z");

        private final UserId p1 = uuid("00000000-0000-7000-8000-000000000001");
        private final UserId p2 = uuid("80000000-0000-7000-8000-000000000002");
        private final UserId p3 = uuid("7fffffff-ffff-7fff-8fff-ffffffffffff");
        private final UserId p4 = id(4);
        private final UserId p5 = id(5);
        private final UserId p6 = id(6);
        private final UserId p7 = uuid("ffffffff-ffff-7fff-bfff-ffffffffffff");
        private final UserId p8 = uuid("019b76da-a800-7000-0000-000000000009");
        private final UserId p9 = uuid("019b76da-a800-7000-8000-000000000009");

        @BeforeEach
        void storeNineUsers() {
            store(user(p1, "bob@example.org", T1));
            store(user(p2, "Alice@example.org", T1));
            store(user(p3, "äb@example.org", T1));
            store(user(p4, "Zed@example.org", T0));
            store(user(p5, "a.c@example.org", T2));
            store(user(p6, "ab@example.org", T2));
            store(user(p7, "ALAN@example.org", T3));
            store(user(p8, "carol@example.org", T4));
            store(user(p9, "Dave@example.org", T4));
        }

        @Test
        void createdAtAscendingBreaksTiesByTheIdAsAnUnsignedNumber() {
            assertThat(ids(UserSort.CREATED_AT_ASC, Optional.empty(), 0, 100))
                    .containsExactly(p4, p1, p3, p2, p5, p6, p7, p8, p9);
        }

        @Test
        void emailAscendingIsByTheFoldedEmailInCodePointOrder() {
            assertThat(ids(UserSort.EMAIL_ASC, Optional.empty(), 0, 100))
                    .containsExactly(p5, p6, p7, p2, p1, p8, p9, p4, p3);
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void everySortListsInItsOrderAndADescendingOneReversesItIdIncluded(UserSort sort) {
            assertThat(ids(sort, Optional.empty(), 0, 100)).containsExactlyElementsOf(expected(sort));
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void theLimitCapsThePageAtTheFirstMatchesInOrder(UserSort sort) {
            assertThat(ids(sort, Optional.empty(), 0, 1)).containsExactlyElementsOf(expected(sort).subList(0, 1));
            assertThat(ids(sort, Optional.empty(), 0, 4)).containsExactlyElementsOf(expected(sort).subList(0, 4));
            assertThat(ids(sort, Optional.empty(), 0, 9)).containsExactlyElementsOf(expected(sort));
            assertThat(ids(sort, Optional.empty(), 0, 10)).containsExactlyElementsOf(expected(sort));
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void anOffsetSkipsThatManyMatchesInOrder(UserSort sort) {
            List<UserId> all = expected(sort);
            for (int offset = 0; offset <= all.size(); offset++) {
                assertThat(ids(sort, Optional.empty(), offset, 3)).as("offset %d", offset)
                        .containsExactlyElementsOf(all.subList(offset, Math.min(all.size(), offset + 3)));
            }
            assertThat(ids(sort, Optional.empty(), 100, 3)).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void aCursorStartsStrictlyAfterItsUser(UserSort sort) {
            List<UserId> all = expected(sort);
            for (int i = 0; i < all.size(); i++) {
                assertThat(ids(sort, after(sort, all.get(i)), 0, 100)).as("after %s", all.get(i))
                        .containsExactlyElementsOf(all.subList(i + 1, all.size()));
            }
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void followingTheCursorsPageByPageVisitsEveryUserOnceInOrder(UserSort sort) {
            for (int pageSize = 1; pageSize <= 4; pageSize++) {
                List<UserId> visited = new ArrayList<>();
                Optional<PageCursor> cursor = Optional.empty();
                for (int pages = 0; pages < 20; pages++) {
                    List<UserId> page = ids(sort, cursor, 0, pageSize);
                    assertThat(page.size()).isLessThanOrEqualTo(pageSize);
                    if (page.isEmpty()) {
                        break;
                    }
                    visited.addAll(page);
                    cursor = after(sort, page.get(page.size() - 1));
                }
                assertThat(visited).as("pages of %d", pageSize).containsExactlyElementsOf(expected(sort));
            }
        }

        @Test
        void aCursorOnATiedInstantContinuesWithTheNextIdInUnsignedOrder() {
            assertThat(ids(UserSort.CREATED_AT_ASC, after(UserSort.CREATED_AT_ASC, p1), 0, 2)).containsExactly(p3, p2);
            assertThat(ids(UserSort.CREATED_AT_ASC, after(UserSort.CREATED_AT_ASC, p8), 0, 2)).containsExactly(p9);
            assertThat(ids(UserSort.CREATED_AT_DESC, after(UserSort.CREATED_AT_DESC, p2), 0, 2)).containsExactly(p3, p1);
            assertThat(ids(UserSort.CREATED_AT_DESC, after(UserSort.CREATED_AT_DESC, p9), 0, 2)).containsExactly(p8, p7);
        }

        @Test
        void aCursorCombinesWithTheFilter() {
            UserFilter emailsWithB = UserFilter.defaults().withText("b");

            assertThat(ids(emailsWithB, UserSort.EMAIL_ASC, Optional.empty(), 0, 100)).containsExactly(p6, p1, p3);
            assertThat(ids(emailsWithB, UserSort.EMAIL_ASC, after(UserSort.EMAIL_ASC, p6), 0, 100)).containsExactly(p1, p3);
            assertThat(ids(emailsWithB, UserSort.EMAIL_ASC, after(UserSort.EMAIL_ASC, p2), 0, 100))
                    .as("a cursor on a user the filter does not match").containsExactly(p1, p3);
        }

        @Test
        void aCursorWhoseUserNoLongerMatchesTheFilterStillStartsAfterThatUsersPosition() {
            User deleted = load(p3);
            deleted.softDelete(LATER);
            inTransaction(() -> users().update(deleted));

            assertThat(ids(UserSort.CREATED_AT_ASC, Optional.empty(), 0, 100)).containsExactly(p4, p1, p2, p5, p6, p7, p8, p9);
            assertThat(ids(UserSort.CREATED_AT_ASC, after(UserSort.CREATED_AT_ASC, p3), 0, 3)).containsExactly(p2, p5, p6);
        }

        @Test
        void aCursorContinuesFromWhereItsUserIsNowInTheOrder() {
            assertThat(ids(UserSort.EMAIL_ASC, after(UserSort.EMAIL_ASC, p1), 0, 100)).containsExactly(p8, p9, p4, p3);
            User renamed = load(p1);
            renamed.changeProfile(ProfileChange.none().withEmail(new Email("Zoe@example.org")), LATER);
            inTransaction(() -> users().update(renamed));

            assertThat(ids(UserSort.EMAIL_ASC, after(UserSort.EMAIL_ASC, p1), 0, 100)).containsExactly(p3);
            assertThat(ids(UserSort.EMAIL_DESC, after(UserSort.EMAIL_DESC, p1), 0, 3)).containsExactly(p4, p9, p8);
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void aCursorNamingAUserThatNoLongerExistsIsAnInvalidQueryOnTheCursor(UserSort sort) {
            inTransaction(() -> users().delete(p2));

            assertThatThrownBy(() -> ids(sort, after(sort, p2), 0, 10))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        @Test
        void aCursorNamingAnIdNoUserEverHadIsAnInvalidQueryOnTheCursor() {
            assertThatThrownBy(() -> ids(UserSort.CREATED_AT_ASC, after(UserSort.CREATED_AT_ASC, id(99)), 0, 10))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        @Test
        void aCursorIssuedForAnotherSortOrderIsAnInvalidQueryOnTheCursor() {
            assertThatThrownBy(() -> ids(UserSort.CREATED_AT_ASC, after(UserSort.EMAIL_ASC, p1), 0, 10))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
            assertThatThrownBy(() -> ids(UserSort.EMAIL_DESC, after(UserSort.EMAIL_ASC, p1), 0, 10))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        private List<UserId> expected(UserSort sort) {
            return switch (sort) {
                case CREATED_AT_ASC -> List.of(p4, p1, p3, p2, p5, p6, p7, p8, p9);
                case CREATED_AT_DESC -> reversed(expected(UserSort.CREATED_AT_ASC));
                case EMAIL_ASC -> List.of(p5, p6, p7, p2, p1, p8, p9, p4, p3);
                case EMAIL_DESC -> reversed(expected(UserSort.EMAIL_ASC));
            };
        }

        private List<UserId> ids(UserSort sort, Optional<PageCursor> after, long offset, int limit) {
            return ids(UserFilter.defaults(), sort, after, offset, limit);
        }

        private List<UserId> ids(UserFilter filter, UserSort sort, Optional<PageCursor> after, long offset, int limit) {
            return list(filter, sort, after, offset, limit).stream().map(view -> new UserId(view.id())).toList();
        }

        private static User user(UserId id, String email, Instant createdAt) {
            return Users.anActiveUser().withId(id).withEmail(email).withDisplayName(null).createdAt(createdAt).build();
        }

        private static Optional<PageCursor> after(UserSort sort, UserId id) {
            return Optional.of(new PageCursor(sort, id));
        }

        private static List<UserId> reversed(List<UserId> ids) {
            List<UserId> copy = new ArrayList<>(ids);
            java.util.Collections.reverse(copy);
            return List.copyOf(copy);
        }
    }

    /** Lists (in creation order) and counts {@code filter}: both must give exactly {@code expected}. */
    private void assertMatches(UserFilter filter, User... expected) {
        List<UUID> wanted = Arrays.stream(expected).map(user -> user.id().value()).toList();
        assertThat(list(filter, UserSort.CREATED_AT_ASC, Optional.empty(), 0, 100)).extracting(UserView::id)
                .as("list %s", filter).containsExactlyElementsOf(wanted);
        assertThat(readOnly(() -> queries().count(filter))).as("count %s", filter).isEqualTo(expected.length);
    }

    private List<UserView> list(UserFilter filter, UserSort sort, Optional<PageCursor> after, long offset, int limit) {
        return readOnly(() -> queries().list(filter, sort, after, offset, limit));
    }

    private UserView view(UserId id) {
        return readOnly(() -> queries().findById(id)).orElseThrow(() -> new AssertionError("expected a view of " + id));
    }

    private void store(User user) {
        transactions().inTransaction(() -> users().add(user));
    }

    private User load(UserId id) {
        return inTransaction(() -> users().findById(id)).orElseThrow(() -> new AssertionError("expected a stored user " + id));
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions().inTransaction(work);
    }

    private <T> T readOnly(Supplier<T> work) {
        return transactions().readOnly(work);
    }

    private static UserFilter all() {
        return UserFilter.defaults().withStatuses(ALL);
    }

    private static UserFilter statuses(UserStatus... statuses) {
        return UserFilter.defaults().withStatuses(Set.of(statuses));
    }

    private static AttributeFilter attribute(String key, String value) {
        return new AttributeFilter(key, value);
    }

    private static UserId id(int n) {
        return new UserId(UUID.fromString("019b76da-a800-7000-8000-%012d".formatted(n + 300)));
    }

    private static UserId uuid(String text) {
        return new UserId(UUID.fromString(text));
    }
}
