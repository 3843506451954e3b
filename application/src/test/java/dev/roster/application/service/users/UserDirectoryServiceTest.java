package dev.roster.application.service.users;

import dev.roster.application.fakes.InMemoryTransactionBoundary;
import dev.roster.application.fakes.InMemoryUserQueries;
import dev.roster.application.fakes.InMemoryUserRepository;
import dev.roster.application.fakes.InMemoryUserStore;
import dev.roster.application.model.users.AttributeFilter;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.users.ListUsersQuery;
import dev.roster.application.port.in.users.UserPage;
import dev.roster.application.port.out.users.UserReadCache;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.User;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserNotFoundException;
import dev.roster.domain.user.UserStatus;
import dev.roster.domain.user.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserDirectoryServiceTest {
    // Seven users whose creation order, email order and id order all differ. CAROL and DAVE share a creation instant
    // and BOB's id has its top bit set: ordered as unsigned numbers (as databases do) DAVE comes first, ordered by
    // UUID.compareTo (signed) BOB would.
    private static final UserId CAROL = id("10000000-0000-7000-8000-000000000001");
    private static final UserId ALICE = id("20000000-0000-7000-8000-000000000002");
    private static final UserId DAVE = id("30000000-0000-7000-8000-000000000003");
    private static final UserId EVE = id("40000000-0000-7000-8000-000000000004");
    private static final UserId FRANK = id("50000000-0000-7000-8000-000000000005");
    private static final UserId GRACE = id("60000000-0000-7000-8000-000000000006");
    private static final UserId BOB = id("f0000000-0000-7000-8000-000000000007");

    private static final Map<UserSort, List<UserId>> EXPECTED_ORDER = Map.of(
            UserSort.CREATED_AT_ASC, List.of(CAROL, DAVE, BOB, ALICE, FRANK, EVE, GRACE),
            UserSort.CREATED_AT_DESC, List.of(GRACE, EVE, FRANK, ALICE, BOB, DAVE, CAROL),
            UserSort.EMAIL_ASC, List.of(ALICE, BOB, CAROL, DAVE, EVE, FRANK, GRACE),
            UserSort.EMAIL_DESC, List.of(GRACE, FRANK, EVE, DAVE, CAROL, BOB, ALICE));

    private static final UserFilter EVERY_STATUS = UserFilter.defaults().withStatuses(EnumSet.allOf(UserStatus.class));

    private InMemoryUserStore store;
    private InMemoryUserRepository repository;
    private InMemoryTransactionBoundary transactions;
    private UserDirectoryService service;

    @BeforeEach
    void wireWithFakesAndSevenActiveUsers() {
        store = new InMemoryUserStore();
        repository = new InMemoryUserRepository(store);
        transactions = new InMemoryTransactionBoundary(store);
        service = new UserDirectoryService(new InMemoryUserQueries(store), transactions, UserReadCache.none());

        add(user(CAROL, "carol@example.org", "Carol Danvers", "2026-01-01T00:00:00Z")
                .withAttributes(Map.of("team", "red", "floor", "1")).build());
        add(user(ALICE, "Alice@example.org", "Alice Liddell", "2026-01-03T00:00:00Z")
                .withRoles(Role.ADMIN).withAttributes(Map.of("team", "red", "floor", "2")).build());
        add(user(BOB, "bob@example.org", "Bob Dylan", "2026-01-02T00:00:00Z")
                .withAttributes(Map.of("team", "blue", "floor", "1")).build());
        add(user(DAVE, "dave@example.org", "Dave Grohl", "2026-01-02T00:00:00Z")
                .withAttributes(Map.of("team", "red")).build());
        add(user(EVE, "Eve@example.org", "Eve Moneypenny", "2026-01-05T00:00:00Z")
                .withRoles(Role.ADMIN, Role.AUDITOR).build());
        add(user(FRANK, "frank@example.org", "Frank Ocean", "2026-01-04T00:00:00Z").build());
        add(user(GRACE, "grace@example.org", "Grace Hopper", "2026-01-06T00:00:00Z")
                .withRoles(Role.AUDITOR).build());
    }

    @Nested
    class Get {

        @Test
        void returnsTheUserAsStored() {
            UserView view = service.get(CAROL);

            assertThat(view).isEqualTo(UserView.of(store.findById(CAROL).orElseThrow()));
            assertThat(view.email()).isEqualTo("carol@example.org");
        }

        @Test
        void returnsUsersInEveryStatus() {
            UserId erased = id("019b76da-a800-7000-8000-000000000009");
            add(Users.anActiveUser().withId(erased).withEmail("erased@example.org").anonymized().build());

            assertThat(service.get(erased).status()).isEqualTo(UserStatus.ANONYMIZED);
        }

        @Test
        void refusesAnUnknownId() {
            UserId unknown = id("019b76da-a800-7000-8000-0000000000ff");

            assertThatThrownBy(() -> service.get(unknown))
                    .isInstanceOf(UserNotFoundException.class)
                    .satisfies(e -> assertThat(((UserNotFoundException) e).userId()).isEqualTo(unknown));
        }
    }

    @Nested
    class Paging {

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void pagesThroughEveryUserWithoutDuplicatesOrGaps(UserSort sort) {
            List<UserPage> pages = allPages(EVERY_STATUS, sort, 3);

            assertThat(pages).extracting(page -> page.items().size()).containsExactly(3, 3, 1);
            assertThat(idsOf(pages)).containsExactlyElementsOf(EXPECTED_ORDER.get(sort));
        }

        @ParameterizedTest
        @EnumSource(UserSort.class)
        void nextCursorIsPresentUntilTheLastPage(UserSort sort) {
            List<UserPage> pages = allPages(EVERY_STATUS, sort, 3);

            assertThat(pages.get(0).nextCursor()).isPresent();
            assertThat(pages.get(1).nextCursor()).isPresent();
            assertThat(pages.get(2).nextCursor()).isEmpty();
        }

        @Test
        void nextCursorIsAbsentWhenTheLastPageIsExactlyFull() {
            UserFilter sixUsers = EVERY_STATUS.withCreated(null, Instant.parse("2026-01-06T00:00:00Z"));

            List<UserPage> pages = allPages(sixUsers, UserSort.CREATED_AT_ASC, 3);

            assertThat(pages).extracting(page -> page.items().size()).containsExactly(3, 3);
            assertThat(pages.get(1).nextCursor()).isEmpty();
        }

        @Test
        void aLimitAboveTheNumberOfUsersReturnsOnePageWithoutCursor() {
            UserPage page = service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 500, Optional.empty(), 0));

            assertThat(ids(page)).containsExactlyElementsOf(EXPECTED_ORDER.get(UserSort.CREATED_AT_ASC));
            assertThat(page.nextCursor()).isEmpty();
        }

        @Test
        void breaksCreationTiesByIdComparedAsAnUnsignedNumber() {
            UserPage page = service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 500, Optional.empty(), 0));

            assertThat(ids(page)).containsSubsequence(DAVE, BOB);
            assertThat(DAVE.value().compareTo(BOB.value())).as("UUID.compareTo would order them the other way").isPositive();
        }

        @Test
        void ordersEmailsIgnoringCase() {
            UserPage page = service.list(query(EVERY_STATUS, UserSort.EMAIL_ASC, 500, Optional.empty(), 0));

            assertThat(page.items()).extracting(UserView::email).containsExactly(
                    "Alice@example.org", "bob@example.org", "carol@example.org", "dave@example.org",
                    "Eve@example.org", "frank@example.org", "grace@example.org");
        }

        @Test
        void aCursorAppliesTheFilterToTheFollowingPages() {
            UserFilter red = EVERY_STATUS.withAttributes(List.of(new AttributeFilter("team", "red")));

            List<UserPage> pages = allPages(red, UserSort.EMAIL_ASC, 2);

            assertThat(idsOf(pages)).containsExactly(ALICE, CAROL, DAVE);
            assertThat(pages).extracting(page -> page.items().size()).containsExactly(2, 1);
        }

        @Test
        void aCursorStillWorksAfterItsUserLeftTheFilter() {
            UserPage first = service.list(query(UserFilter.defaults(), UserSort.CREATED_AT_ASC, 3, Optional.empty(), 0));
            assertThat(ids(first)).containsExactly(CAROL, DAVE, BOB);
            softDelete(BOB);

            UserPage second = service.list(query(UserFilter.defaults(), UserSort.CREATED_AT_ASC, 3, first.nextCursor(), 0));

            assertThat(ids(second)).containsExactly(ALICE, FRANK, EVE);
        }

        @Test
        void skipsTheOffsetAndHandsOnACursorForTheRest() {
            UserPage page = service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, Optional.empty(), 2));

            assertThat(ids(page)).containsExactly(BOB, ALICE, FRANK);
            UserPage rest = service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, page.nextCursor(), 0));
            assertThat(ids(rest)).containsExactly(EVE, GRACE);
            assertThat(rest.nextCursor()).isEmpty();
        }

        @Test
        void anOffsetBeyondTheLastUserGivesAnEmptyPage() {
            UserPage page = service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, Optional.empty(), 7));

            assertThat(page.items()).isEmpty();
            assertThat(page.nextCursor()).isEmpty();
        }
    }

    @Nested
    class BadQueries {

        @Test
        void rejectsACursorIssuedForAnotherSort() {
            Optional<String> emailCursor = service.list(
                    query(EVERY_STATUS, UserSort.EMAIL_ASC, 3, Optional.empty(), 0)).nextCursor();
            assertThat(emailCursor).isPresent();

            assertThatThrownBy(() -> service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, emailCursor, 0)))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"garbage!", "", "bm90IGEgY3Vyc29y", "MXxjcmVhdGVkQXQ", "MnxjcmVhdGVkQXR8MTAwMDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAx",
                "MXxjcmVhdGVkQXR8bm90LWEtdXVpZA", "MXxuYW1lfDEwMDAwMDAwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMQ"})
        void rejectsACursorThisServiceDidNotIssue(String cursor) {
            assertThatThrownBy(() -> service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, Optional.of(cursor), 0)))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        @Test
        void theGarbageCursorTestDataDecodesToNearMissesOfTheFormat() {
            // Keeps the encoded test data honest: each is base64url of a near-miss of the cursor format.
            assertThat(decode("bm90IGEgY3Vyc29y")).isEqualTo("not a cursor");
            assertThat(decode("MXxjcmVhdGVkQXQ")).isEqualTo("1|createdAt");
            assertThat(decode("MnxjcmVhdGVkQXR8MTAwMDAwMDAtMDAwMC03MDAwLTgwMDAtMDAwMDAwMDAwMDAx"))
                    .isEqualTo("2|createdAt|" + CAROL.value());
            assertThat(decode("MXxjcmVhdGVkQXR8bm90LWEtdXVpZA")).isEqualTo("1|createdAt|not-a-uuid");
            assertThat(decode("MXxuYW1lfDEwMDAwMDAwLTAwMDAtNzAwMC04MDAwLTAwMDAwMDAwMDAwMQ"))
                    .isEqualTo("1|name|" + CAROL.value());
            assertThat(new PageCursor(UserSort.CREATED_AT_ASC, CAROL).encode())
                    .isEqualTo(Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(("1|createdAt|" + CAROL.value()).getBytes(StandardCharsets.UTF_8)));
        }

        @Test
        void rejectsACursorWhoseUserNoLongerExists() {
            UserPage first = service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, Optional.empty(), 0));
            UserId cursorUser = new UserId(first.items().get(first.items().size() - 1).id());
            transactions.inTransaction(() -> store.remove(cursorUser));

            assertThatThrownBy(() -> service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, first.nextCursor(), 0)))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        @Test
        void rejectsAWellFormedCursorNamingAnUnknownUser() {
            String cursor = new PageCursor(UserSort.EMAIL_ASC, id("019b76da-a800-7000-8000-0000000000ff")).encode();

            assertThatThrownBy(() -> service.list(query(EVERY_STATUS, UserSort.EMAIL_ASC, 3, Optional.of(cursor), 0)))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("cursor"));
        }

        @Test
        void rejectsAnOffsetTogetherWithACursor() {
            Optional<String> cursor = service.list(
                    query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, Optional.empty(), 0)).nextCursor();

            assertThatThrownBy(() -> service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 3, cursor, 1)))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("offset"));
        }

        @ParameterizedTest
        @ValueSource(ints = {0, -1, 501})
        void rejectsALimitOutsideOneToFiveHundred(int limit) {
            assertThatThrownBy(() -> service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, limit, Optional.empty(), 0)))
                    .isInstanceOfSatisfying(InvalidQueryException.class, e -> assertThat(e.parameter()).isEqualTo("limit"));
        }

        @Test
        void acceptsTheLimitsAtTheEdges() {
            assertThat(service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 1, Optional.empty(), 0)).items()).hasSize(1);
            assertThat(service.list(query(EVERY_STATUS, UserSort.CREATED_AT_ASC, 500, Optional.empty(), 0)).items()).hasSize(7);
        }
    }

    @Nested
    class Filters {

        @Test
        void defaultStatusesHideDeletedAndAnonymizedUsers() {
            UserId deactivated = id("019b76da-a800-7000-8000-00000000000a");
            UserId deleted = id("019b76da-a800-7000-8000-00000000000b");
            UserId anonymized = id("019b76da-a800-7000-8000-00000000000c");
            add(Users.anActiveUser().withId(deactivated).withEmail("deactivated@example.org").deactivated().build());
            add(Users.anActiveUser().withId(deleted).withEmail("deleted@example.org").deleted().build());
            add(Users.anActiveUser().withId(anonymized).withEmail("anonymized@example.org").anonymized().build());

            UserPage page = service.list(query(UserFilter.defaults(), UserSort.CREATED_AT_ASC, 500, Optional.empty(), 0));

            assertThat(ids(page)).contains(deactivated).doesNotContain(deleted, anonymized).hasSize(8);
            assertThat(service.count(UserFilter.defaults())).isEqualTo(8);
            assertThat(service.count(EVERY_STATUS)).isEqualTo(10);
            assertThat(service.count(UserFilter.defaults().withStatuses(EnumSet.of(UserStatus.DELETED)))).isEqualTo(1);
            assertThat(service.count(UserFilter.defaults().withStatuses(EnumSet.of(UserStatus.ANONYMIZED)))).isEqualTo(1);
            assertThat(service.count(UserFilter.defaults().withStatuses(EnumSet.of(UserStatus.DEACTIVATED)))).isEqualTo(1);
        }

        @Test
        void textMatchesASubstringOfEmailOrDisplayNameIgnoringCase() {
            UserFilter an = UserFilter.defaults().withText("AN");

            assertThat(service.count(an)).isEqualTo(3);
            assertThat(listAll(an)).containsExactlyInAnyOrder(CAROL, BOB, FRANK);
            assertThat(listAll(UserFilter.defaults().withText("bob@EXAMPLE"))).containsExactly(BOB);
            assertThat(listAll(UserFilter.defaults().withText("alice@"))).containsExactly(ALICE);
        }

        @Test
        void textMatchesNonAsciiLettersIgnoringCase() {
            UserId zoe = id("019b76da-a800-7000-8000-00000000000d");
            add(Users.anActiveUser().withId(zoe).withEmail("zoe@example.org").withDisplayName("Zoë Ångström").build());

            assertThat(listAll(UserFilter.defaults().withText("ÅNGSTRÖM"))).containsExactly(zoe);
        }

        @Test
        void roleMatchesUsersHoldingIt() {
            assertThat(service.count(UserFilter.defaults().withRole(Role.ADMIN))).isEqualTo(2);
            assertThat(listAll(UserFilter.defaults().withRole(Role.AUDITOR))).containsExactlyInAnyOrder(EVE, GRACE);
            assertThat(service.count(UserFilter.defaults().withRole(Role.USER))).isEqualTo(7);
        }

        @Test
        void createdFromIsInclusiveAndCreatedToExclusive() {
            UserFilter window = UserFilter.defaults()
                    .withCreated(Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-04T00:00:00Z"));

            assertThat(service.count(window)).isEqualTo(3);
            assertThat(listAll(window)).containsExactlyInAnyOrder(DAVE, BOB, ALICE);
        }

        @Test
        void attributeFiltersMustAllMatch() {
            AttributeFilter redTeam = new AttributeFilter("team", "red");
            AttributeFilter firstFloor = new AttributeFilter("floor", "1");

            assertThat(service.count(UserFilter.defaults().withAttributes(List.of(redTeam)))).isEqualTo(3);
            assertThat(service.count(UserFilter.defaults().withAttributes(List.of(firstFloor)))).isEqualTo(2);
            assertThat(listAll(UserFilter.defaults().withAttributes(List.of(redTeam, firstFloor)))).containsExactly(CAROL);
            assertThat(service.count(UserFilter.defaults().withAttributes(List.of(new AttributeFilter("team", "RED")))))
                    .as("values match exactly").isZero();
        }

        @Test
        void filtersCombineWithAnd() {
            UserFilter filter = UserFilter.defaults()
                    .withRole(Role.ADMIN)
                    .withAttributes(List.of(new AttributeFilter("team", "red")))
                    .withText("alice");

            assertThat(service.count(filter)).isEqualTo(1);
            assertThat(service.count(filter.withText("carol"))).isZero();
        }
    }

    private List<UserPage> allPages(UserFilter filter, UserSort sort, int limit) {
        List<UserPage> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            UserPage page = service.list(query(filter, sort, limit, cursor, 0));
            pages.add(page);
            cursor = page.nextCursor();
        } while (cursor.isPresent() && pages.size() <= 10);
        return pages;
    }

    private List<UserId> listAll(UserFilter filter) {
        return ids(service.list(query(filter, UserSort.CREATED_AT_ASC, ListUsersQuery.MAX_LIMIT, Optional.empty(), 0)));
    }

    private static ListUsersQuery query(UserFilter filter, UserSort sort, int limit, Optional<String> cursor, long offset) {
        return new ListUsersQuery(filter, sort, limit, cursor, offset);
    }

    private static List<UserId> idsOf(List<UserPage> pages) {
        return pages.stream().flatMap(page -> ids(page).stream()).toList();
    }

    private static List<UserId> ids(UserPage page) {
        return page.items().stream().map(view -> new UserId(view.id())).toList();
    }

    private static Users.Builder user(UserId id, String email, String displayName, String createdAt) {
        return Users.anActiveUser().withId(id).withEmail(email).withDisplayName(displayName)
                .createdAt(Instant.parse(createdAt));
    }

    private static UserId id(String uuid) {
        return new UserId(UUID.fromString(uuid));
    }

    private static String decode(String base64) {
        return new String(Base64.getUrlDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private void add(User user) {
        transactions.inTransaction(() -> repository.add(user));
    }

    private void softDelete(UserId id) {
        transactions.inTransaction(() -> {
            User user = repository.findById(id).orElseThrow();
            user.softDelete(Instant.parse("2026-02-01T00:00:00Z"));
            repository.update(user);
        });
    }
}
