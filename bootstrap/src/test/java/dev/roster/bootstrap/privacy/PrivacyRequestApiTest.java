package dev.roster.bootstrap.privacy;

import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.domain.user.Role;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Privacy requests over HTTP (SPEC §8): filing, extension, fulfilment by type, refusal, the queue, self-service, restriction. */
@MicronautTest(transactional = false)
class PrivacyRequestApiTest {
    private static final String REQUESTS = "/api/v1/privacy-requests";
    private static final String MINE = "/api/v1/me/privacy-requests";
    private static final String USERS = "/api/v1/users";
    // Distinctive values: a leak into an audit or change event cannot be a coincidence.
    private static final String EMAIL = "ottilie.vandersloot@example.org";
    private static final String NAME = "Ottilie Vandersloot";
    private static final String PHONE = "+4915177788899";
    private static final String NOTE = "letter-from-Zebediah-4471";
    private static final String REASON = "reason-Quimby-Marsh-2290";
    private static final String DONE = "done-Fenella-Oakes-8813";

    @Inject
    TestClient http;
    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    private String admin;
    private String auditor;
    private String userToken;
    private String userId;

    @BeforeEach
    void start() {
        database.clear();
        admin = accounts.adminToken();
        auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
        userId = http.send(HttpRequest.POST(USERS, Map.of("email", EMAIL, "displayName", NAME, "phone", PHONE,
                "password", TestAccounts.PASSWORD)), admin).assertStatus(201).json().get("id").toString();
        userToken = accounts.login(EMAIL, TestAccounts.PASSWORD);
    }

    private TestReply fileReply(Map<String, Object> body) {
        return http.send(HttpRequest.POST(REQUESTS, body), admin);
    }

    private Map<String, Object> file(String type) {
        return fileReply(Map.of("type", type, "userId", userId, "note", NOTE)).assertStatus(201).json();
    }

    private Map<String, Object> fileReceived(String type, Instant receivedAt) {
        return fileReply(Map.of("type", type, "userId", userId, "receivedAt", receivedAt.toString())).assertStatus(201).json();
    }

    private TestReply post(String path, Object body, String token) {
        return http.send(HttpRequest.POST(path, body), token);
    }

    private TestReply complete(Object id) {
        return http.post(REQUESTS + "/" + id + "/complete", admin);
    }

    private Map<String, Object> get(Object id) {
        return http.get(REQUESTS + "/" + id, admin).assertStatus(200).json();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> member(Map<String, Object> json, String name) {
        return (Map<String, Object>) json.get(name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(Map<String, Object> request) {
        return (List<Map<String, Object>>) request.get("history");
    }

    private static String inMonths(Instant instant, int months) {
        return instant.atZone(ZoneOffset.UTC).plusMonths(months).toInstant().toString();
    }

    @Nested
    class Filing {
        @Test
        void aRequestReceivedOnThe31stOfJanuaryIsDueOnTheLastDayOfFebruary() {
            TestReply reply = fileReply(Map.of("type", "ACCESS", "userId", userId, "receivedAt", "2025-01-31T10:00:00Z", "note", NOTE));

            reply.assertStatus(201);
            Map<String, Object> request = reply.json();
            assertThat(reply.location()).isEqualTo(REQUESTS + "/" + request.get("id"));
            assertThat(request).containsEntry("type", "ACCESS").containsEntry("userId", userId).containsEntry("status", "RECEIVED")
                    .containsEntry("receivedAt", "2025-01-31T10:00:00Z").containsEntry("dueAt", "2025-02-28T10:00:00Z")
                    .containsEntry("overdue", true).containsEntry("note", NOTE).containsEntry("extension", null)
                    .containsEntry("outcome", null);
            assertThat(history(request)).singleElement().satisfies(step -> {
                assertThat(step).containsEntry("action", "received").containsEntry("detail", null);
                assertThat(step.get("actorId")).isEqualTo(http.idOf(admin));
            });
            assertThat(get(request.get("id"))).isEqualTo(request);
        }

        @Test
        void inALeapYearTheLastDayOfFebruaryIsThe29th() {
            assertThat(fileReceived("ERASURE", Instant.parse("2024-01-31T23:30:00Z"))).containsEntry("dueAt", "2024-02-29T23:30:00Z");
        }

        @Test
        void receivedDefaultsToNow() {
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Map<String, Object> request = file("PORTABILITY");

            Instant received = Instant.parse(request.get("receivedAt").toString());
            assertThat(received).isBetween(before, Instant.now());
            assertThat(request.get("dueAt")).isEqualTo(inMonths(received, 1));
            assertThat(request).containsEntry("overdue", false);
        }

        @Test
        void everyBadInputIs400AndFilesNothing() {
            fileReply(Map.of("type", "SHOUTING", "userId", userId)).assertValidationFailed("type");
            fileReply(Map.of("userId", userId)).assertValidationFailed("type");
            fileReply(Map.of("type", "ACCESS")).assertValidationFailed("userId");
            fileReply(Map.of("type", "ACCESS", "userId", "not-a-uuid")).assertValidationFailed("userId");
            fileReply(Map.of("type", "ACCESS", "userId", "019b76da-a800-7000-8000-00000000dead")).assertValidationFailed("userId")
                    .errors().forEach(error -> assertThat(error.get("message")).isEqualTo("names no user"));
            fileReply(Map.of("type", "ACCESS", "userId", userId, "receivedAt", Instant.now().plus(Duration.ofHours(1)).toString()))
                    .assertValidationFailed("receivedAt");
            fileReply(Map.of("type", "ACCESS", "userId", userId, "receivedAt", "yesterday")).assertValidationFailed("receivedAt");
            fileReply(Map.of("type", "ACCESS", "userId", userId, "note", "a\u0000b")).assertValidationFailed("note");
            fileReply(Map.of("type", "ACCESS", "userId", userId, "note", "x".repeat(2001))).assertValidationFailed("note");
            fileReply(Map.of("type", "ACCESS", "userId", userId, "status", "COMPLETED")).assertValidationFailed("status");
            fileReply(Map.of("type", 5, "userId", userId)).assertValidationFailed("type");
            http.send(HttpRequest.POST(REQUESTS, "{\"type\":\"ACCESS\",").contentType(MediaType.APPLICATION_JSON_TYPE), admin)
                    .assertProblem(400, "malformed-json");
            http.send(HttpRequest.POST(REQUESTS, "type=ACCESS").contentType(MediaType.TEXT_PLAIN_TYPE), admin)
                    .assertProblem(415, "unsupported-media-type");

            assertThat(http.get(REQUESTS, admin).assertStatus(200).items()).isEmpty();
        }

        @Test
        void isEmittedOnTheChangeFeedWithIdsTypesAndStatusesOnly() {
            Map<String, Object> request = file("ERASURE");

            List<Map<String, Object>> events = http.get("/api/v1/events?type=privacy_request.received&userId=" + userId, admin)
                    .assertStatus(200).items();

            assertThat(events).singleElement().satisfies(event -> assertThat(event.get("data")).isEqualTo(Map.of(
                    "requestId", request.get("id"), "requestType", "ERASURE", "status", "RECEIVED", "dueAt", request.get("dueAt"))));
        }
    }

    @Nested
    class Roles {
        @Test
        void aUserMayNotUseTheStaffEndpoints() {
            Object id = file("ACCESS").get("id");

            http.send(HttpRequest.POST(REQUESTS, Map.of("type", "ACCESS", "userId", userId)), userToken).assertForbidden();
            http.get(REQUESTS, userToken).assertForbidden();
            http.get(REQUESTS + "/" + id, userToken).assertForbidden();
            post(REQUESTS + "/" + id + "/extend", Map.of("reason", REASON, "months", 1), userToken).assertForbidden();
            http.post(REQUESTS + "/" + id + "/complete", userToken).assertForbidden();
            post(REQUESTS + "/" + id + "/refuse", Map.of("reason", REASON), userToken).assertForbidden();
            http.get(REQUESTS + "/" + id + "/package", userToken).assertForbidden();
            http.delete(USERS + "/" + userId + "/restriction", userToken).assertForbidden();
            assertThat(get(id)).containsEntry("status", "RECEIVED");
        }

        @Test
        void anAuditorReadsButChangesNothing() {
            Object id = file("ACCESS").get("id");
            complete(id).assertStatus(200);
            Object open = file("OBJECTION").get("id");

            assertThat(http.get(REQUESTS, auditor).assertStatus(200).items()).hasSize(2);
            assertThat(http.get(REQUESTS + "/" + id, auditor).assertStatus(200).json()).containsEntry("status", "COMPLETED");
            http.get(REQUESTS + "/" + id + "/package", auditor).assertStatus(200);
            http.send(HttpRequest.POST(REQUESTS, Map.of("type", "ACCESS", "userId", userId)), auditor).assertForbidden();
            post(REQUESTS + "/" + open + "/extend", Map.of("reason", REASON, "months", 1), auditor).assertForbidden();
            http.post(REQUESTS + "/" + open + "/complete", auditor).assertForbidden();
            post(REQUESTS + "/" + open + "/refuse", Map.of("reason", REASON), auditor).assertForbidden();
            http.delete(USERS + "/" + userId + "/restriction", auditor).assertForbidden();
            assertThat(get(open)).containsEntry("status", "RECEIVED");
        }

        @Test
        void withoutATokenEverythingIs401() {
            http.get(REQUESTS, null).assertUnauthorized();
            http.send(HttpRequest.POST(REQUESTS, Map.of("type", "ACCESS", "userId", userId)), null).assertUnauthorized();
            http.get(MINE, null).assertUnauthorized();
            http.delete(USERS + "/" + userId + "/restriction", null).assertUnauthorized();
        }
    }

    @Nested
    class Extending {
        @Test
        void byTwoMonthsTheDueDateBecomesReceivedPlusThreeMonths() {
            Instant received = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MICROS);
            Object id = fileReceived("ACCESS", received).get("id");

            Map<String, Object> extended = post(REQUESTS + "/" + id + "/extend", Map.of("reason", REASON, "months", 2), admin)
                    .assertStatus(200).json();

            assertThat(extended).containsEntry("status", "EXTENDED").containsEntry("dueAt", inMonths(received, 3));
            assertThat(member(extended, "extension")).containsEntry("reason", REASON).containsEntry("months", 2)
                    .containsEntry("by", http.idOf(admin));
            assertThat(history(extended)).extracting(step -> step.get("action")).containsExactly("received", "extended");
            assertThat(history(extended).get(1)).containsEntry("detail", "months=2");
        }

        @Test
        void aSecondExtensionIs409() {
            Object id = fileReceived("ERASURE", Instant.now().minus(Duration.ofDays(1))).get("id");
            post(REQUESTS + "/" + id + "/extend", Map.of("reason", REASON, "months", 1), admin).assertStatus(200);

            post(REQUESTS + "/" + id + "/extend", Map.of("reason", REASON, "months", 1), admin).assertProblem(409, "invalid-state");
        }

        @Test
        void afterTheOriginalDueDateIs409() {
            Object id = fileReceived("ACCESS", Instant.parse("2025-01-31T10:00:00Z")).get("id");

            TestReply late = post(REQUESTS + "/" + id + "/extend", Map.of("reason", REASON, "months", 2), admin);

            late.assertProblem(409, "invalid-state");
            assertThat(late.detail()).contains("2025-02-28T10:00:00Z");
            assertThat(get(id)).containsEntry("status", "RECEIVED").containsEntry("dueAt", "2025-02-28T10:00:00Z");
        }

        @Test
        void aBadBodyIs400() {
            Object id = file("ACCESS").get("id");
            String path = REQUESTS + "/" + id + "/extend";

            post(path, Map.of("reason", "   ", "months", 1), admin).assertValidationFailed("reason");
            post(path, Map.of("months", 1), admin).assertValidationFailed("reason");
            post(path, Map.of("reason", REASON, "months", 3), admin).assertValidationFailed("months");
            post(path, Map.of("reason", REASON, "months", 0), admin).assertValidationFailed("months");
            post(path, Map.of("reason", REASON), admin).assertValidationFailed("months");
            post(path, Map.of("reason", REASON, "months", "2"), admin).assertValidationFailed("months");
            post(path, Map.of("reason", "", "months", 9), admin).assertValidationFailed("reason", "months");
            post(path, Map.of("reason", REASON, "months", 1, "dueAt", "2030-01-01T00:00:00Z"), admin).assertValidationFailed("dueAt");
            assertThat(get(id)).containsEntry("extension", null);
        }

        @Test
        void anUnknownOrMalformedIdIs404Or400() {
            post(REQUESTS + "/019b76da-a800-7000-8000-00000000dead/extend", Map.of("reason", REASON, "months", 1), admin)
                    .assertNotFound();
            post(REQUESTS + "/nope/extend", Map.of("reason", REASON, "months", 1), admin).assertValidationFailed("id");
            http.get(REQUESTS + "/019b76da-a800-7000-8000-00000000dead", admin).assertNotFound();
        }
    }

    @Nested
    class Completing {
        @Test
        void anAccessRequestAttachesTheDataPackageWhoseDownloadsAreAudited() {
            Object id = file("ACCESS").get("id");

            Map<String, Object> done = complete(id).assertStatus(200).json();

            assertThat(done).containsEntry("status", "COMPLETED");
            Map<String, Object> dataPackage = member(member(done, "outcome"), "dataPackage");
            assertThat(dataPackage).containsEntry("href", REQUESTS + "/" + id + "/package");
            assertThat(((Number) dataPackage.get("sizeBytes")).longValue()).isPositive();
            TestReply download = http.get(REQUESTS + "/" + id + "/package", admin).assertStatus(200);
            assertThat(download.contentType()).startsWith("application/json");
            assertThat(download.header("Content-Disposition")).isEqualTo("attachment; filename=\"roster-request-" + id + ".json\"");
            assertThat(member(download.json(), "profile")).containsEntry("email", EMAIL).containsEntry("displayName", NAME);
            assertThat(download.json()).containsKeys("files", "auditEvents", "purposes", "retention", "generatedAt");
            assertThat(download.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(((Number) dataPackage.get("sizeBytes")).intValue());
            http.get(REQUESTS + "/" + id + "/package", auditor).assertStatus(200);

            List<Map<String, Object>> downloads = http.get("/api/v1/audit-events?action=privacy-request.package-downloaded&userId="
                    + userId, admin).assertStatus(200).items();
            assertThat(downloads).hasSize(2);
            assertThat(downloads).allSatisfy(event -> assertThat(event.get("details")).isEqualTo(Map.of(
                    "requestId", id, "type", "ACCESS", "status", "COMPLETED")));
            assertThat(http.get("/api/v1/audit-events?action=user.data-exported&userId=" + userId, admin).items()).hasSize(1);
        }

        @Test
        void thePackageIsTheDataAsItWasWhenTheRequestWasCompleted() {
            Object id = file("PORTABILITY").get("id");
            post(REQUESTS + "/" + id + "/complete", Map.of("note", DONE), admin).assertStatus(200);

            http.send(HttpRequest.PATCH(USERS + "/" + userId, Map.of("displayName", "Changed Later")).contentType(TestClient.MERGE_PATCH_JSON),
                    admin).assertStatus(200);

            assertThat(member(http.get(REQUESTS + "/" + id + "/package", admin).json(), "profile")).containsEntry("displayName", NAME);
            assertThat(member(get(id), "outcome")).containsEntry("note", DONE);
        }

        @Test
        void completingTwiceRefusingOrExtendingACompletedRequestIs409() {
            Object id = file("ACCESS").get("id");
            complete(id).assertStatus(200);

            complete(id).assertProblem(409, "invalid-state");
            post(REQUESTS + "/" + id + "/refuse", Map.of("reason", REASON), admin).assertProblem(409, "invalid-state");
            post(REQUESTS + "/" + id + "/extend", Map.of("reason", REASON, "months", 1), admin).assertProblem(409, "invalid-state");
            assertThat(http.get("/api/v1/audit-events?action=user.data-exported&userId=" + userId, admin).items())
                    .as("a refused completion produces no package").hasSize(1);
        }

        @Test
        void anErasureRequestErasesTheUserAndRecordsTheReceiptAndRemovesEarlierPackages() {
            Object access = file("ACCESS").get("id");
            complete(access).assertStatus(200);
            Object id = file("ERASURE").get("id");

            Map<String, Object> done = complete(id).assertStatus(200).json();

            Map<String, Object> user = http.user(userId, admin);
            assertThat(user).containsEntry("status", "ANONYMIZED");
            assertThat(member(done, "outcome")).containsEntry("receiptId", user.get("receiptId"));
            Map<String, Object> receipt = http.get("/api/v1/erasure-receipts/" + user.get("receiptId"), admin).assertStatus(200).json();
            assertThat(receipt.get("removed")).isEqualTo(Map.of("files", 0, "dataPackages", 1));
            http.get(REQUESTS + "/" + access + "/package", admin).assertNotFound();
            assertThat(get(access)).containsEntry("status", "COMPLETED");
        }

        @Test
        void anErasureOnLegalHoldIs409LegalHoldRecordedAndLeftOpen() {
            Object id = file("ERASURE").get("id");
            http.send(HttpRequest.PUT(USERS + "/" + userId + "/legal-hold", Map.of("reason", "litigation")), admin).assertStatus(204);

            complete(id).assertProblem(409, "legal-hold");

            Map<String, Object> request = get(id);
            assertThat(request).containsEntry("status", "RECEIVED").containsEntry("outcome", null);
            assertThat(history(request)).last().satisfies(step -> assertThat(step).containsEntry("action", "erasure_blocked")
                    .containsEntry("detail", "legal-hold"));
            assertThat(http.user(userId, admin)).containsEntry("status", "ACTIVE");
            assertThat(http.get("/api/v1/audit-events?action=privacy-request.erasure-blocked", admin).items()).hasSize(1);

            http.delete(USERS + "/" + userId + "/legal-hold", admin).assertStatus(204);
            complete(id).assertStatus(200);
            assertThat(http.user(userId, admin)).containsEntry("status", "ANONYMIZED");
        }

        @Test
        void aRestrictionShowsOnTheUserKeepsItOutOfExportsUntilLifted() {
            String other = accounts.createUser("someone-else@example.org").id().toString();
            Object id = file("RESTRICTION").get("id");

            Map<String, Object> done = complete(id).assertStatus(200).json();

            assertThat(member(done, "outcome")).containsEntry("restricted", true);
            assertThat(http.user(userId, admin)).containsEntry("restricted", true);
            assertThat(http.user(other, admin)).containsEntry("restricted", false);
            for (String format : List.of("csv", "ndjson", "json")) {
                String export = http.get(USERS + "/export?format=" + format + "&fields=id,email", admin).assertStatus(200).body();
                assertThat(export).as(format).doesNotContain(userId).doesNotContain(EMAIL).contains(other);
            }
            assertThat(http.get(USERS + "?q=vandersloot", admin).emails()).as("lists still show it").containsExactly(EMAIL);

            http.delete(USERS + "/" + userId + "/restriction", admin).assertStatus(204);
            http.delete(USERS + "/" + userId + "/restriction", admin).assertStatus(204);

            assertThat(http.user(userId, admin)).containsEntry("restricted", false);
            assertThat(http.get(USERS + "/export?format=csv&fields=id", admin).body()).contains(userId);
            assertThat(http.get("/api/v1/audit-events?action=user.restricted&userId=" + userId, admin).items()).hasSize(1);
            assertThat(http.get("/api/v1/audit-events?action=user.restriction-lifted&userId=" + userId, admin).items()).hasSize(1);
            assertThat(http.get("/api/v1/events?type=user.restricted,user.restriction_lifted&userId=" + userId, admin).items())
                    .extracting(event -> event.get("type")).containsExactly("user.restricted", "user.restriction_lifted");
            http.delete(USERS + "/019b76da-a800-7000-8000-00000000dead/restriction", admin).assertNotFound();
        }

        @Test
        void aRestrictionOfAnErasedUserIs409AndStaysOpen() {
            Object id = file("RESTRICTION").get("id");
            http.post(USERS + "/" + userId + "/anonymize", admin).assertStatus(200);

            complete(id).assertProblem(409, "invalid-state");

            assertThat(get(id)).containsEntry("status", "RECEIVED");
        }

        @ParameterizedTest
        @ValueSource(strings = {"RECTIFICATION", "OBJECTION"})
        void aRectificationOrObjectionNeedsTheNoteOfWhatWasDone(String type) {
            Object id = file(type).get("id");

            complete(id).assertValidationFailed("note");
            post(REQUESTS + "/" + id + "/complete", Map.of("note", " "), admin).assertValidationFailed("note");
            Map<String, Object> done = post(REQUESTS + "/" + id + "/complete", Map.of("note", DONE), admin).assertStatus(200).json();

            assertThat(member(done, "outcome")).containsEntry("note", DONE).containsEntry("by", http.idOf(admin));
        }

        @Test
        void aBadCompletionBodyIs400() {
            Object id = file("ACCESS").get("id");

            post(REQUESTS + "/" + id + "/complete", Map.of("note", 5), admin).assertValidationFailed("note");
            post(REQUESTS + "/" + id + "/complete", Map.of("outcome", "done"), admin).assertValidationFailed("outcome");
            http.send(HttpRequest.POST(REQUESTS + "/" + id + "/complete", "{").contentType(MediaType.APPLICATION_JSON_TYPE), admin)
                    .assertProblem(400, "malformed-json");
            http.post(REQUESTS + "/019b76da-a800-7000-8000-00000000dead/complete", admin).assertNotFound();
            assertThat(get(id)).containsEntry("status", "RECEIVED");
        }

        @Test
        void aPurgeRemovesThePackagesTheRequestsOutliveItAndCannotBeFulfilledAnyMore() {
            Object access = file("ACCESS").get("id");
            complete(access).assertStatus(200);
            Object erasure = file("ERASURE").get("id");

            http.delete(USERS + "/" + userId + "?hard=true", admin).assertStatus(204);

            http.get(REQUESTS + "/" + access + "/package", admin).assertNotFound();
            assertThat(get(access)).containsEntry("status", "COMPLETED");
            assertThat(complete(erasure).assertProblem(409, "invalid-state").detail()).contains("no longer exists");
            post(REQUESTS + "/" + erasure + "/refuse", Map.of("reason", REASON), admin).assertStatus(200);
            assertThat(http.get("/api/v1/audit-events?action=user.purged&userId=" + userId, admin).items()).singleElement()
                    .satisfies(event -> assertThat(member(event, "details")).containsEntry("dataPackages", "1"));
        }

        @Test
        void aRequestWithoutPackageHasNoneToDownload() {
            Object id = file("OBJECTION").get("id");

            http.get(REQUESTS + "/" + id + "/package", admin).assertNotFound();
            http.get(REQUESTS + "/019b76da-a800-7000-8000-00000000dead/package", admin).assertNotFound();
        }
    }

    @Nested
    class Refusing {
        @Test
        void keepsTheReasonClosesTheRequestAndEmitsTheEvent() {
            Object id = file("OBJECTION").get("id");

            post(REQUESTS + "/" + id + "/refuse", Map.of("reason", "  "), admin).assertValidationFailed("reason");
            post(REQUESTS + "/" + id + "/refuse", Map.of(), admin).assertValidationFailed("reason");
            Map<String, Object> refused = post(REQUESTS + "/" + id + "/refuse", Map.of("reason", REASON), admin).assertStatus(200).json();

            assertThat(refused).containsEntry("status", "REFUSED").containsEntry("overdue", false);
            assertThat(member(refused, "outcome")).containsEntry("reason", REASON).containsEntry("by", http.idOf(admin));
            post(REQUESTS + "/" + id + "/refuse", Map.of("reason", REASON), admin).assertProblem(409, "invalid-state");
            complete(id).assertProblem(409, "invalid-state");
            assertThat(http.get("/api/v1/events?type=privacy_request.refused", admin).items()).singleElement()
                    .satisfies(event -> assertThat(event.get("data")).isEqualTo(Map.of("requestId", id, "requestType", "OBJECTION",
                            "status", "REFUSED")));
        }
    }

    @Nested
    class Listing {
        @Test
        void theQueueRunsByDueDateAPageAtATime() {
            List<Object> expected = new ArrayList<>();
            for (int days = 50; days >= 10; days -= 10) {
                expected.add(fileReceived("ACCESS", Instant.now().minus(Duration.ofDays(days))).get("id"));
            }

            List<Object> seen = new ArrayList<>();
            String cursor = null;
            do {
                TestReply page = http.get(REQUESTS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin).assertStatus(200);
                assertThat(page.items()).hasSizeLessThanOrEqualTo(2);
                page.items().forEach(item -> seen.add(item.get("id")));
                cursor = page.nextCursor();
            } while (cursor != null);

            assertThat(seen).containsExactlyElementsOf(expected);
        }

        @Test
        void filtersByStatusTypeUserOverdueAndDueDate() {
            Object old = fileReceived("ERASURE", Instant.parse("2025-01-31T10:00:00Z")).get("id");
            Object fresh = file("ACCESS").get("id");
            Object refused = file("OBJECTION").get("id");
            post(REQUESTS + "/" + refused + "/refuse", Map.of("reason", REASON), admin).assertStatus(200);
            String other = accounts.createUser("other-person@example.org").id().toString();
            Object others = fileReply(Map.of("type", "ACCESS", "userId", other)).assertStatus(201).json().get("id");

            assertThat(ids("overdue=true")).containsExactly(old);
            assertThat(ids("overdue=false")).hasSize(4);
            assertThat(ids("status=refused")).containsExactly(refused);
            assertThat(ids("status=RECEIVED,EXTENDED&type=ACCESS")).containsExactlyInAnyOrder(fresh, others);
            assertThat(ids("type=ERASURE,OBJECTION")).containsExactly(old, refused);
            assertThat(ids("userId=" + other)).containsExactly(others);
            assertThat(ids("dueBefore=2025-03-01T00:00:00Z")).containsExactly(old);
            assertThat(ids("dueBefore=2025-02-28T10:00:00Z")).as("exclusive").isEmpty();
        }

        @Test
        void badParametersAre400() {
            http.get(REQUESTS + "?status=NOPE", admin).assertValidationFailed("status");
            http.get(REQUESTS + "?type=SHOUTING", admin).assertValidationFailed("type");
            http.get(REQUESTS + "?userId=nope", admin).assertValidationFailed("userId");
            http.get(REQUESTS + "?overdue=maybe", admin).assertValidationFailed("overdue");
            http.get(REQUESTS + "?dueBefore=yesterday", admin).assertValidationFailed("dueBefore");
            http.get(REQUESTS + "?limit=0", admin).assertValidationFailed("limit");
            http.get(REQUESTS + "?limit=501", admin).assertValidationFailed("limit");
            http.get(REQUESTS + "?cursor=garbage", admin).assertValidationFailed("cursor");
            http.get(REQUESTS + "?sort=dueAt", admin).assertValidationFailed("sort");
            http.get(REQUESTS + "?status=NOPE&limit=x", admin).assertValidationFailed("status", "limit");
        }

        private List<Object> ids(String query) {
            return http.get(REQUESTS + "?" + query, admin).assertStatus(200).items().stream().map(item -> item.get("id")).toList();
        }
    }

    @Nested
    class SelfService {
        @Test
        void aUserFilesItsOwnRequestAndSeesOnlyItsOwn() {
            TestReply filed = post(MINE, Map.of("type", "access", "note", NOTE), userToken);

            filed.assertStatus(201);
            Map<String, Object> own = filed.json();
            assertThat(own).containsEntry("userId", userId).containsEntry("type", "ACCESS").containsEntry("note", NOTE);
            assertThat(filed.location()).isEqualTo(MINE + "/" + own.get("id"));
            assertThat(history(own).get(0)).containsEntry("actorId", userId);
            String other = accounts.createUser("other-person@example.org").id().toString();
            fileReply(Map.of("type", "ERASURE", "userId", other)).assertStatus(201);

            assertThat(http.get(MINE, userToken).assertStatus(200).items()).extracting(item -> item.get("id")).containsExactly(own.get("id"));
            assertThat(http.get(REQUESTS + "?userId=" + userId, admin).items()).hasSize(1);
            assertThat(http.get("/api/v1/audit-events?action=privacy-request.received&userId=" + userId, admin).items())
                    .singleElement().satisfies(event -> assertThat(event.get("details")).asString().contains("via=self-service"));
        }

        @Test
        void oneOpenRequestPerTypeAtATime() {
            Object first = post(MINE, Map.of("type", "ERASURE"), userToken).assertStatus(201).json().get("id");

            post(MINE, Map.of("type", "ERASURE"), userToken).assertProblem(409, "invalid-state");
            post(MINE, Map.of("type", "ACCESS"), userToken).assertStatus(201);
            post(REQUESTS + "/" + first + "/refuse", Map.of("reason", REASON), admin).assertStatus(200);
            post(MINE, Map.of("type", "ERASURE"), userToken).assertStatus(201);
        }

        @Test
        void aUserCannotFileForSomeoneElseOrBackdate() {
            post(MINE, Map.of("type", "ACCESS", "userId", "019b76da-a800-7000-8000-00000000dead"), userToken).assertValidationFailed("userId");
            post(MINE, Map.of("type", "ACCESS", "receivedAt", "2020-01-01T00:00:00Z"), userToken).assertValidationFailed("receivedAt");
            post(MINE, Map.of("type", "NOPE"), userToken).assertValidationFailed("type");
            post(MINE, Map.of(), userToken).assertValidationFailed("type");
            assertThat(http.get(MINE, userToken).items()).isEmpty();
        }

        @Test
        void aUserDownloadsThePackageThatAnsweredItsRequestButNoOneElses() {
            Object own = post(MINE, Map.of("type", "ACCESS"), userToken).assertStatus(201).json().get("id");
            complete(own).assertStatus(200);
            String otherToken = accounts.tokenFor("other-person@example.org");

            Map<String, Object> listed = http.get(MINE, userToken).items().get(0);
            assertThat(member(member(listed, "outcome"), "dataPackage")).containsEntry("href", MINE + "/" + own + "/package");
            TestReply download = http.get(MINE + "/" + own + "/package", userToken).assertStatus(200);
            assertThat(member(download.json(), "profile")).containsEntry("email", EMAIL);
            http.get(MINE + "/" + own + "/package", otherToken).assertNotFound();
            http.get(MINE + "/nope/package", userToken).assertValidationFailed("id");
            assertThat(http.get(MINE, otherToken).items()).isEmpty();
        }
    }

    @Test
    void prometheusHasTheOpenAndOverdueFiguresAndTheTimeToAnswer() {
        fileReceived("ERASURE", Instant.parse("2025-01-31T10:00:00Z"));
        Object done = file("ACCESS").get("id");
        complete(done).assertStatus(200);

        String metrics = http.get("/prometheus", admin).assertStatus(200).body();

        assertThat(metrics).contains("roster_privacy_requests_open{type=\"ERASURE\"} 1.0")
                .contains("roster_privacy_requests_overdue{type=\"ERASURE\"} 1.0")
                .contains("roster_privacy_requests_open{type=\"ACCESS\"} 0.0")
                .containsPattern("roster_privacy_request_duration_seconds_count\\{outcome=\"completed\",type=\"ACCESS\"} [1-9]");
    }

    @Test
    void noAuditOrChangeEventHoldsTheTextsPeopleWroteOrTheUsersData() {
        Object access = fileReceived("ACCESS", Instant.now().minus(Duration.ofDays(1))).get("id");
        post(REQUESTS + "/" + access + "/extend", Map.of("reason", REASON, "months", 1), admin).assertStatus(200);
        post(REQUESTS + "/" + access + "/complete", Map.of("note", DONE), admin).assertStatus(200);
        http.get(REQUESTS + "/" + access + "/package", admin).assertStatus(200);
        post(REQUESTS + "/" + file("OBJECTION").get("id") + "/refuse", Map.of("reason", REASON), admin).assertStatus(200);
        post(REQUESTS + "/" + file("RECTIFICATION").get("id") + "/complete", Map.of("note", DONE), admin).assertStatus(200);
        post(REQUESTS + "/" + file("RESTRICTION").get("id") + "/complete", Map.of("note", DONE), admin).assertStatus(200);
        http.delete(USERS + "/" + userId + "/restriction", admin).assertStatus(204);
        post(MINE, Map.of("type", "PORTABILITY", "note", NOTE), userToken).assertStatus(201);
        Object erasure = file("ERASURE").get("id");
        http.send(HttpRequest.PUT(USERS + "/" + userId + "/legal-hold", Map.of("reason", "hold " + REASON)), admin).assertStatus(204);
        post(REQUESTS + "/" + erasure + "/complete", Map.of("note", DONE), admin).assertProblem(409, "legal-hold");

        String audit = http.get("/api/v1/audit-events?limit=500", admin).assertStatus(200).body();
        String feed = http.get("/api/v1/events?limit=1000", admin).assertStatus(200).body();
        String stored = storedText("audit_events", "audit_pending", "change_events", "change_events_pending");

        assertThat(audit).contains("privacy-request.received", "privacy-request.extended", "privacy-request.completed",
                "privacy-request.refused", "privacy-request.package-downloaded", "privacy-request.erasure-blocked", "user.restricted",
                "user.restriction-lifted");
        assertThat(feed).contains("privacy_request.received", "privacy_request.extended", "privacy_request.completed",
                "privacy_request.refused", "user.restricted", "user.restriction_lifted");
        for (String personal : List.of(NOTE, REASON, DONE, EMAIL, "ottilie", "Vandersloot", PHONE)) {
            assertThat(audit).as("audit trail must not contain %s", personal).doesNotContainIgnoringCase(personal);
            assertThat(feed).as("feed must not contain %s", personal).doesNotContainIgnoringCase(personal);
            assertThat(stored).as("stored events must not contain %s", personal).doesNotContainIgnoringCase(personal);
        }
        assertThat(storedText("privacy_requests")).as("the texts are kept with the requests").contains(NOTE, REASON, DONE);
    }

    /** Every column of every row of these tables, as one text. */
    private String storedText(String... tables) {
        StringBuilder all = new StringBuilder();
        for (String table : tables) {
            transactions.executeRead(status -> jdbc.prepareStatement("SELECT * FROM " + table, statement -> {
                try (ResultSet rows = statement.executeQuery()) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int i = 1; i <= columns; i++) {
                            all.append(rows.getString(i)).append('|');
                        }
                        all.append('\n');
                    }
                }
                return null;
            }));
        }
        return all.toString();
    }
}
