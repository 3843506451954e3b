package dev.roster.bootstrap.http;

import static dev.roster.bootstrap.TestClient.USERS;
import static dev.roster.bootstrap.TestRequests.quote;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/v1/users} and {@code GET /api/v1/users/count} over HTTP: every filter, sort and paging mode of SPEC §2. */
@MicronautTest(transactional = false, environments = "unsecured")
class UserListApiTest {
    private static final String COUNT = USERS + "/count";

    @Inject
    TestClient api;

    @Inject
    TestDatabase database;


    @BeforeEach
    void startFromEmptyTables() {
        database.clear();
    }

    private List<String> emailsOf(String... parameters) {
        TestReply reply = api.list(parameters);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.emails();
    }

    private long countOf(String... parameters) {
        TestReply reply = api.count(parameters);
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.countValue();
    }

    private Map<String, Object> user(String email, String displayName) {
        return api.create("{\"email\":" + quote(email) + ",\"displayName\":" + quote(displayName) + "}");
    }

    /** Creates users in the given order and returns them; their creation times strictly increase. */
    private List<Map<String, Object>> users(String... emails) {
        List<Map<String, Object>> created = new ArrayList<>();
        for (String email : emails) {
            created.add(api.createWithEmail(email));
        }
        for (int i = 1; i < created.size(); i++) {
            assertThat(createdAt(created.get(i))).isAfter(createdAt(created.get(i - 1)));
        }
        return created;
    }

    private static Instant createdAt(Map<String, Object> user) {
        return Instant.parse((String) user.get("createdAt"));
    }

    private static String canonical(String email) {
        return email.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    /** Follows nextCursor from the first page to the last, checking page sizes, and returns the emails in order. */
    private List<String> walk(int limit, String... parameters) {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            List<String> query = new ArrayList<>(List.of(parameters));
            query.addAll(List.of("limit", String.valueOf(limit)));
            if (cursor != null) {
                query.addAll(List.of("cursor", cursor));
            }
            TestReply page = api.list(query.toArray(String[]::new));
            assertThat(page.status()).as("%s", page).isEqualTo(200);
            assertThat(page.json()).containsKey("nextCursor");
            cursor = page.nextCursor();
            if (cursor != null) {
                assertThat(page.items()).hasSize(limit);
            } else {
                assertThat(page.items()).hasSizeBetween(0, limit);
            }
            seen.addAll(page.emails());
            assertThat(++pages).as("pages").isLessThan(100);
        } while (cursor != null);
        return seen;
    }

    @Nested
    class Defaults {
        @Test
        void answersAnEmptyPageWithoutNextCursorWhenThereAreNoUsers() {
            TestReply reply = api.list();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.items()).isEmpty();
            assertThat(reply.json()).containsEntry("nextCursor", null);
        }

        @Test
        void listsUsersOldestFirstWithTheirFields() {
            users("charlie@example.org", "alpha@example.org", "bravo@example.org");

            TestReply reply = api.list();

            assertThat(reply.emails()).containsExactly("charlie@example.org", "alpha@example.org", "bravo@example.org");
            assertThat(reply.nextCursor()).isNull();
            assertThat(reply.items()).allSatisfy(item -> assertThat(item)
                    .containsKeys("id", "email", "displayName", "phone", "attributes", "roles", "status", "createdAt", "version")
                    .doesNotContainKey("passwordHash"));
            assertThat(reply.body()).doesNotContainIgnoringCase("passwordHash");
        }

        @Test
        void showsAPageOfFiftyByDefault() {
            for (int i = 0; i < 51; i++) {
                api.createWithEmail(String.format("user%02d@example.org", i));
            }

            TestReply reply = api.list();

            assertThat(reply.items()).hasSize(50);
            assertThat(reply.nextCursor()).isNotNull();
            assertThat(api.list("cursor", reply.nextCursor()).emails()).containsExactly("user50@example.org");
        }
    }

    @Nested
    class TextSearch {
        @BeforeEach
        void createUsers() {
            user("ada.lovelace@example.org", "Ada Lovelace");
            user("grace@navy.example.org", "Grace Hopper");
            api.createWithEmail("linus@kernel.org");
            user("Äda@example.org", "Élodie Durand");
        }

        @Test
        void findsASubstringOfTheEmailInAnyCase() {
            assertThat(emailsOf("q", "KERNEL")).containsExactly("linus@kernel.org");
            assertThat(emailsOf("q", "Navy.Example")).containsExactly("grace@navy.example.org");
        }

        @Test
        void findsASubstringOfTheDisplayNameInAnyCase() {
            assertThat(emailsOf("q", "hOPPER")).containsExactly("grace@navy.example.org");
            assertThat(emailsOf("q", "élodie")).containsExactly("Äda@example.org");
        }

        @Test
        void matchesNonAsciiLettersCaseInsensitively() {
            assertThat(emailsOf("q", "äDA@")).containsExactly("Äda@example.org");
            assertThat(emailsOf("q", "ÉLODIE")).containsExactly("Äda@example.org");
        }

        @Test
        void matchesEitherField() {
            assertThat(emailsOf("q", "a")).containsExactly("ada.lovelace@example.org", "grace@navy.example.org", "Äda@example.org");
            assertThat(emailsOf("q", "example.org")).containsExactly("ada.lovelace@example.org", "grace@navy.example.org", "Äda@example.org");
        }

        @Test
        void findsAnEmailWithSharpSByItsUpperCaseSpelling() {
            api.createWithEmail("straße@example.org");

            assertThat(emailsOf("q", "STRASSE@")).containsExactly("straße@example.org");
        }

        @Test
        void findsAnEmailByTheExactTextItWasGivenWith() {
            api.createWithEmail("straße@example.org");

            assertThat(emailsOf("q", "straße@")).containsExactly("straße@example.org");
            assertThat(countOf("q", "straße@")).isOne();
        }

        @Test
        void findsNothingForTextNoUserHas() {
            assertThat(emailsOf("q", "nobody")).isEmpty();
            assertThat(countOf("q", "nobody")).isZero();
        }

        @Test
        void ignoresABlankQuery() {
            assertThat(emailsOf("q", "   ")).hasSize(4);
        }

        @Test
        void treatsLikeWildcardsAndTheEscapeCharacterLiterally() {
            user("100%sure@example.org", "percent");
            user("1000sure@example.org", "no percent");
            user("under_score@example.org", "underscore");
            user("underXscore@example.org", "no underscore");
            user("back@example.org", "back\\slash");
            user("backx@example.org", "backXslash");

            assertThat(emailsOf("q", "100%")).containsExactly("100%sure@example.org");
            assertThat(emailsOf("q", "%")).containsExactly("100%sure@example.org");
            assertThat(emailsOf("q", "under_")).containsExactly("under_score@example.org");
            assertThat(emailsOf("q", "_")).containsExactly("under_score@example.org");
            assertThat(emailsOf("q", "k\\s")).containsExactly("back@example.org");
            assertThat(emailsOf("q", "\\")).containsExactly("back@example.org");
            assertThat(countOf("q", "%")).isOne();
            assertThat(countOf("q", "_")).isOne();
        }

        @Test
        void rejectsAQueryLongerThanAnEmailCanBe() {
            api.list("q", "x".repeat(255)).assertValidationFailed("q");
        }
    }

    @Nested
    class StatusFilter {
        @BeforeEach
        void createUsers() {
            users("ada@example.org", "grace@example.org");
        }

        @Test
        void showsActiveAndDeactivatedUsersByDefault() {
            TestReply reply = api.list();

            assertThat(reply.emails()).containsExactly("ada@example.org", "grace@example.org");
            assertThat(reply.items()).extracting(item -> item.get("status")).containsOnly("ACTIVE");
        }

        @ParameterizedTest
        @ValueSource(strings = {"ALL", "ACTIVE", "ACTIVE,DEACTIVATED", "active", " ACTIVE , DELETED ", "ACTIVE,DELETED,ANONYMIZED"})
        void includesActiveUsersForEveryStatusListWithActive(String status) {
            assertThat(emailsOf("status", status)).containsExactly("ada@example.org", "grace@example.org");
            assertThat(countOf("status", status)).isEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(strings = {"DEACTIVATED", "DELETED", "ANONYMIZED", "DELETED,ANONYMIZED"})
        void excludesActiveUsersForAStatusListWithoutActive(String status) {
            assertThat(emailsOf("status", status)).isEmpty();
            assertThat(countOf("status", status)).isZero();
        }

        @ParameterizedTest
        @ValueSource(strings = {"GONE", "ACTIVE,GONE", "ACTIVE,", ",", "all,ACTIVE", "AKTİVE"})
        void rejectsAnUnknownStatus(String status) {
            api.list("status", status).assertProblem(400, "validation-failed", USERS);
            assertThat(api.list("status", status).errorFields()).isNotEmpty().containsOnly("status");
            api.count("status", status).assertProblem(400, "validation-failed", COUNT);
        }
    }

    @Nested
    class RoleFilter {
        @BeforeEach
        void createUsers() {
            api.create("{\"email\":\"root@example.org\",\"roles\":[\"ADMIN\"]}");
            api.create("{\"email\":\"audit@example.org\",\"roles\":[\"AUDITOR\"]}");
            api.createWithEmail("plain@example.org");
        }

        @Test
        void showsOnlyUsersWithTheRole() {
            assertThat(emailsOf("role", "ADMIN")).containsExactly("root@example.org");
            assertThat(emailsOf("role", "auditor")).containsExactly("audit@example.org");
            assertThat(countOf("role", "ADMIN")).isOne();
        }

        @Test
        void showsEveryoneForTheUserRole() {
            assertThat(emailsOf("role", "USER")).containsExactly("root@example.org", "audit@example.org", "plain@example.org");
        }

        @ParameterizedTest
        @ValueSource(strings = {"KING", "ADMINS", "ADMIN,AUDITOR"})
        void rejectsAnUnknownRole(String role) {
            api.list("role", role).assertValidationFailed("role");
            api.count("role", role).assertValidationFailed("role");
        }
    }

    @Nested
    class CreatedRange {
        private Instant first;
        private Instant second;
        private Instant third;

        @BeforeEach
        void createUsers() {
            List<Map<String, Object>> created = users("first@example.org", "second@example.org", "third@example.org");
            first = createdAt(created.get(0));
            second = createdAt(created.get(1));
            third = createdAt(created.get(2));
        }

        @Test
        void includesUsersCreatedExactlyAtCreatedFrom() {
            assertThat(emailsOf("createdFrom", second.toString())).containsExactly("second@example.org", "third@example.org");
            assertThat(countOf("createdFrom", second.toString())).isEqualTo(2);
        }

        @Test
        void excludesUsersCreatedExactlyAtCreatedTo() {
            assertThat(emailsOf("createdTo", third.toString())).containsExactly("first@example.org", "second@example.org");
            assertThat(countOf("createdTo", third.toString())).isEqualTo(2);
        }

        @Test
        void combinesBothBounds() {
            assertThat(emailsOf("createdFrom", second.toString(), "createdTo", third.toString())).containsExactly("second@example.org");
            assertThat(emailsOf("createdFrom", first.toString(), "createdTo", second.toString())).containsExactly("first@example.org");
        }

        @Test
        void readsInstantsWithAnOffset() {
            String secondInParis = second.atOffset(ZoneOffset.ofHours(2)).toString();

            assertThat(secondInParis).contains("+02:00");
            assertThat(emailsOf("createdFrom", secondInParis)).containsExactly("second@example.org", "third@example.org");
        }

        @Test
        void findsNothingAfterTheLastUser() {
            assertThat(emailsOf("createdFrom", third.plusNanos(1_000).toString())).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"yesterday", "2026-01-01", "2026-01-01T00:00:00", "1700000000"})
        void rejectsSomethingThatIsNotAnInstant(String value) {
            api.list("createdFrom", value).assertValidationFailed("createdFrom");
            api.list("createdTo", value).assertValidationFailed("createdTo");
            api.count("createdFrom", value).assertValidationFailed("createdFrom");
        }

        @Test
        void reportsBothBadBoundsAtOnce() {
            api.list("createdFrom", "x", "createdTo", "y").assertValidationFailed("createdFrom", "createdTo");
        }

        @Test
        void rejectsAnEmptyOrInvertedRange() {
            api.list("createdFrom", third.toString(), "createdTo", first.toString()).assertValidationFailed("createdTo");
            api.list("createdFrom", second.toString(), "createdTo", second.toString()).assertValidationFailed("createdTo");
        }
    }

    @Nested
    class AttributeFilter {
        @BeforeEach
        void createUsers() {
            api.create("{\"email\":\"one@example.org\",\"attributes\":{\"team\":\"core\",\"floor\":\"3\"}}");
            api.create("{\"email\":\"two@example.org\",\"attributes\":{\"team\":\"core\",\"floor\":\"4\"}}");
            api.create("{\"email\":\"three@example.org\",\"attributes\":{\"team\":\"web\",\"site\":\"https://web.example.org:8443/a\"}}");
            api.createWithEmail("four@example.org");
        }

        @Test
        void showsUsersWithTheAttributeValue() {
            assertThat(emailsOf("attr", "team:core")).containsExactly("one@example.org", "two@example.org");
            assertThat(countOf("attr", "team:core")).isEqualTo(2);
        }

        @Test
        void requiresEveryRepeatedAttributeToMatch() {
            assertThat(emailsOf("attr", "team:core", "attr", "floor:3")).containsExactly("one@example.org");
            assertThat(countOf("attr", "team:core", "attr", "floor:3")).isOne();
            assertThat(emailsOf("attr", "team:web", "attr", "floor:3")).isEmpty();
        }

        @Test
        void comparesValuesExactly() {
            assertThat(emailsOf("attr", "team:Core")).isEmpty();
            assertThat(emailsOf("attr", "team:cor")).isEmpty();
            assertThat(emailsOf("attr", "Team:core")).isEmpty();
        }

        @Test
        void splitsOnlyAtTheFirstColon() {
            assertThat(emailsOf("attr", "site:https://web.example.org:8443/a")).containsExactly("three@example.org");
        }

        @Test
        void matchesAValueContainingAComma() {
            api.create("{\"email\":\"five@example.org\",\"attributes\":{\"city\":\"Paris, France\"}}");

            assertThat(emailsOf("attr", "city:Paris, France")).containsExactly("five@example.org");
            assertThat(countOf("attr", "city:Paris, France")).isOne();
        }

        @Test
        void combinesWithOtherFilters() {
            assertThat(emailsOf("attr", "team:core", "q", "two")).containsExactly("two@example.org");
        }

        @ParameterizedTest
        @ValueSource(strings = {"team", ":core", ""})
        void rejectsAFilterWithoutKeyAndColon(String filter) {
            api.list("attr", filter).assertValidationFailed("attr");
            api.count("attr", filter).assertValidationFailed("attr");
        }

        @Test
        void rejectsAnInvalidKey() {
            TestReply reply = api.list("attr", "bad key:x");

            reply.assertProblem(400, "validation-failed", USERS);
            assertThat(reply.errorFields()).hasSize(1);
        }

        @Test
        void reportsAnInvalidKeyUnderTheAttrParameter() {
            api.list("attr", "bad key:x").assertValidationFailed("attr");
        }

        @Test
        void rejectsMoreThanTenAttributeFilters() {
            List<String> parameters = new ArrayList<>();
            for (int i = 0; i < 11; i++) {
                parameters.addAll(List.of("attr", "k" + i + ":v"));
            }

            api.list(parameters.toArray(String[]::new)).assertValidationFailed("attr");
        }
    }

    @Nested
    class Sorting {
        private static final List<String> CREATION_ORDER =
                List.of("charlie@example.org", "alpha@example.org", "Bravo@example.org", "delta@example.org");

        @BeforeEach
        void createUsers() {
            users(CREATION_ORDER.toArray(String[]::new));
        }

        @Test
        void sortsByCreationTimeAscendingByDefaultAndOnRequest() {
            assertThat(emailsOf()).containsExactlyElementsOf(CREATION_ORDER);
            assertThat(emailsOf("sort", "createdAt")).containsExactlyElementsOf(CREATION_ORDER);
        }

        @Test
        void sortsByCreationTimeDescending() {
            assertThat(emailsOf("sort", "-createdAt"))
                    .containsExactly("delta@example.org", "Bravo@example.org", "alpha@example.org", "charlie@example.org");
        }

        @Test
        void sortsByEmailIgnoringCase() {
            assertThat(emailsOf("sort", "email"))
                    .containsExactly("alpha@example.org", "Bravo@example.org", "charlie@example.org", "delta@example.org");
            assertThat(emailsOf("sort", "-email"))
                    .containsExactly("delta@example.org", "charlie@example.org", "Bravo@example.org", "alpha@example.org");
        }

        @ParameterizedTest
        @ValueSource(strings = {"name", "EMAIL", "+email", "email,createdAt", "--email"})
        void rejectsAnUnknownSort(String sort) {
            api.list("sort", sort).assertValidationFailed("sort");
        }
    }

    @Nested
    class Limit {
        @BeforeEach
        void createUsers() {
            users("a@example.org", "b@example.org", "c@example.org");
        }

        @Test
        void returnsAtMostLimitItemsAndACursorWhenMoreFollow() {
            TestReply reply = api.list("limit", "1");

            assertThat(reply.emails()).containsExactly("a@example.org");
            assertThat(reply.nextCursor()).isNotBlank();
        }

        @Test
        void acceptsTheLargestLimit() {
            TestReply reply = api.list("limit", "500");

            assertThat(reply.emails()).hasSize(3);
            assertThat(reply.nextCursor()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "501", "-1", "abc", "1.5", "99999999999", "99999999999999999999"})
        void rejectsALimitOutsideOneTo500(String limit) {
            api.list("limit", limit).assertValidationFailed("limit");
        }
    }

    @Nested
    class CursorPagination {
        /** Creation order; the emails' case-folded order is a, b, c, d, e, f, g. */
        private static final List<String> CREATION_ORDER = List.of("user-g@example.org", "User-C@example.org", "user-a@example.org",
                "USER-E@example.org", "user-b@example.org", "user-f@example.org", "user-d@example.org");

        @BeforeEach
        void createUsers() {
            users(CREATION_ORDER.toArray(String[]::new));
        }

        private List<String> expected(String sort) {
            List<String> order = new ArrayList<>(CREATION_ORDER);
            switch (sort) {
                case "createdAt" -> {
                }
                case "-createdAt" -> java.util.Collections.reverse(order);
                case "email" -> order.sort(Comparator.comparing(UserListApiTest::canonical));
                case "-email" -> order.sort(Comparator.comparing(UserListApiTest::canonical).reversed());
                default -> throw new IllegalArgumentException(sort);
            }
            return order;
        }

        @ParameterizedTest
        @ValueSource(strings = {"createdAt", "-createdAt", "email", "-email"})
        void visitsEveryUserOnceInOrderWithoutGaps(String sort) {
            List<String> seen = walk(3, "sort", sort);

            assertThat(seen).containsExactlyElementsOf(expected(sort));
            assertThat(new HashSet<>(seen)).hasSize(CREATION_ORDER.size());
            assertThat(emailsOf("sort", sort, "limit", "500")).containsExactlyElementsOf(expected(sort));
        }

        @ParameterizedTest
        @ValueSource(strings = {"createdAt", "-createdAt", "email", "-email"})
        void servesPagesOfThreeThreeAndOne(String sort) {
            TestReply first = api.list("sort", sort, "limit", "3");
            TestReply second = api.list("sort", sort, "limit", "3", "cursor", first.nextCursor());
            TestReply third = api.list("sort", sort, "limit", "3", "cursor", second.nextCursor());

            assertThat(first.emails()).containsExactlyElementsOf(expected(sort).subList(0, 3));
            assertThat(second.emails()).containsExactlyElementsOf(expected(sort).subList(3, 6));
            assertThat(third.emails()).containsExactlyElementsOf(expected(sort).subList(6, 7));
            assertThat(third.nextCursor()).isNull();
            assertThat(third.json()).containsEntry("nextCursor", null);
        }

        @ParameterizedTest
        @ValueSource(strings = {"createdAt", "-createdAt", "email", "-email"})
        void walksWithPagesOfOne(String sort) {
            assertThat(walk(1, "sort", sort)).containsExactlyElementsOf(expected(sort));
        }

        @Test
        void endsWithoutCursorWhenTheLastPageIsExactlyFull() {
            TestReply first = api.list("limit", "6", "q", "user-");
            assertThat(first.emails()).hasSize(6);
            assertThat(first.nextCursor()).isNotNull();

            TestReply exact = api.list("limit", "7");

            assertThat(exact.emails()).hasSize(7);
            assertThat(exact.nextCursor()).isNull();
        }

        @Test
        void keepsTheFilterAcrossPages() {
            api.createWithEmail("other-1@example.org");
            api.createWithEmail("other-2@example.org");

            List<String> seen = walk(2, "q", "USER-", "sort", "-email");

            assertThat(seen).containsExactlyElementsOf(expected("-email"));
        }

        @Test
        void seesAUserCreatedAfterTheFirstPageWhenItSortsLater() {
            TestReply first = api.list("limit", "3");
            api.createWithEmail("user-h@example.org");

            List<String> rest = new ArrayList<>();
            String cursor = first.nextCursor();
            while (cursor != null) {
                TestReply page = api.list("limit", "3", "cursor", cursor);
                rest.addAll(page.emails());
                cursor = page.nextCursor();
            }

            assertThat(rest).containsExactlyElementsOf(
                    java.util.stream.Stream.concat(CREATION_ORDER.subList(3, 7).stream(), java.util.stream.Stream.of("user-h@example.org")).toList());
        }

        @ParameterizedTest
        // garbage; not base64; "1|email|not-a-uuid"; "2|createdAt|<uuid>" (unknown version); "1|name|<uuid>" (unknown sort);
        // {"id":1}; "1|createdAt|" (no id)
        @ValueSource(strings = {"garbage", "%%%", "MXxlbWFpbHxub3QtYS11dWlk", "MnxjcmVhdGVkQXR8MDE5MGExYjItYzNkNC03ZTVmLThhOWItMGMxZDJlM2Y0YTVi",
                "MXxuYW1lfDAxOTBhMWIyLWMzZDQtN2U1Zi04YTliLTBjMWQyZTNmNGE1Yg", "eyJpZCI6MX0", "MXxjcmVhdGVkQXR8"})
        void rejectsACursorThisServiceDidNotIssue(String cursor) {
            api.list("cursor", cursor).assertValidationFailed("cursor");
        }

        @Test
        void rejectsACursorIssuedForAnotherSort() {
            String emailCursor = api.list("sort", "email", "limit", "2").nextCursor();

            api.list("sort", "createdAt", "limit", "2", "cursor", emailCursor).assertValidationFailed("cursor");
            api.list("limit", "2", "cursor", emailCursor).assertValidationFailed("cursor");
            api.list("sort", "-email", "limit", "2", "cursor", emailCursor).assertValidationFailed("cursor");
        }

        @Test
        void rejectsACursorCombinedWithAnOffset() {
            String cursor = api.list("limit", "2").nextCursor();

            api.list("limit", "2", "cursor", cursor, "offset", "2").assertValidationFailed("offset");
        }

        @Test
        void rejectsACursorForAnIdThatNoUserHas() {
            // "1|createdAt|<uuid>" for a well-formed id of no user, encoded as this service encodes cursors
            String cursor = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("1|createdAt|0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b".getBytes(java.nio.charset.StandardCharsets.UTF_8));

            api.list("cursor", cursor).assertValidationFailed("cursor");
        }
    }

    @Nested
    class OffsetPagination {
        private static final List<String> CREATION_ORDER = List.of("a@example.org", "b@example.org", "c@example.org",
                "d@example.org", "e@example.org", "f@example.org", "g@example.org");

        @BeforeEach
        void createUsers() {
            users(CREATION_ORDER.toArray(String[]::new));
        }

        @Test
        void skipsOffsetUsersInTheSortOrder() {
            assertThat(emailsOf("limit", "3", "offset", "0")).containsExactlyElementsOf(CREATION_ORDER.subList(0, 3));
            assertThat(emailsOf("limit", "3", "offset", "3")).containsExactlyElementsOf(CREATION_ORDER.subList(3, 6));
            assertThat(emailsOf("limit", "3", "offset", "2", "sort", "-createdAt")).containsExactly("e@example.org", "d@example.org", "c@example.org");
        }

        @Test
        void endsWithoutCursorOnTheLastPage() {
            TestReply last = api.list("limit", "3", "offset", "6");

            assertThat(last.emails()).containsExactly("g@example.org");
            assertThat(last.nextCursor()).isNull();
            assertThat(emailsOf("limit", "3", "offset", "7")).isEmpty();
            assertThat(emailsOf("limit", "3", "offset", "100")).isEmpty();
        }

        @Test
        void givesACursorThatContinuesAfterTheOffsetPage() {
            TestReply page = api.list("limit", "3", "offset", "2");

            assertThat(page.emails()).containsExactly("c@example.org", "d@example.org", "e@example.org");
            assertThat(emailsOf("limit", "3", "cursor", page.nextCursor())).containsExactly("f@example.org", "g@example.org");
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "abc", "100001", "1e3"})
        void rejectsABadOffset(String offset) {
            api.list("offset", offset).assertValidationFailed("offset");
        }
    }

    @Nested
    class Count {
        @BeforeEach
        void createUsers() {
            api.create("{\"email\":\"root@example.org\",\"displayName\":\"Root\",\"roles\":[\"ADMIN\"],\"attributes\":{\"team\":\"ops\"}}");
            api.create("{\"email\":\"ada@example.org\",\"displayName\":\"Ada\",\"attributes\":{\"team\":\"core\"}}");
            api.create("{\"email\":\"grace@example.org\",\"displayName\":\"Grace\",\"attributes\":{\"team\":\"core\"}}");
        }

        @Test
        void countsEveryListedUserWithoutFilters() {
            TestReply reply = api.count();

            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/json");
            assertThat(reply.json()).containsOnlyKeys("count");
            assertThat(reply.countValue()).isEqualTo(3);
        }

        @Test
        void appliesTheSameFiltersAsTheList() {
            String[][] filters = {
                    {"q", "ADA"}, {"q", "example"}, {"role", "ADMIN"}, {"attr", "team:core"}, {"attr", "team:core", "q", "grace"},
                    {"status", "ALL"}, {"status", "DELETED"}, {"status", "ACTIVE,DEACTIVATED", "role", "USER"}};
            for (String[] filter : filters) {
                assertThat(countOf(filter)).as(String.join(" ", filter)).isEqualTo(emailsOf(filter).size());
            }
            assertThat(countOf("q", "ADA")).isOne();
            assertThat(countOf("attr", "team:core")).isEqualTo(2);
        }

        @Test
        void countsACreationTimeRange() {
            List<Map<String, Object>> all = api.list().items();
            String from = (String) all.get(1).get("createdAt");

            assertThat(countOf("createdFrom", from)).isEqualTo(2);
            assertThat(countOf("createdTo", from)).isOne();
        }

        @Test
        void refusesPagingParametersItDoesNotTake() {
            api.count("limit", "1", "sort", "email").assertValidationFailed("limit", "sort");
        }

        @Test
        void reportsEveryBadFilterAtOnce() {
            api.count("status", "GONE", "role", "KING", "createdFrom", "x", "attr", "nocolon")
                    .assertValidationFailed("status", "role", "createdFrom", "attr");
        }
    }
}
