package dev.roster.bootstrap.webhooks;

import com.standardwebhooks.Webhook;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import io.micronaut.json.JsonMapper;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signed webhooks end to end (SPEC §6): subscriptions over HTTP, and deliveries to a real receiver in this JVM whose
 * requests an independent Standard Webhooks verifier (com.standardwebhooks:standardwebhooks) accepts. The test
 * configuration allows loopback targets and retries after 300 ms (three times).
 */
@MicronautTest(transactional = false)
class WebhookApiTest {
    static final String WEBHOOKS = "/api/v1/webhooks";
    static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    JsonMapper json;

    String admin;
    final Receivers receivers = new Receivers();

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
        api.get("/api/v1/events", admin).assertStatus(200); // places the admin's events before any subscription exists
    }

    @AfterEach
    void stopReceivers() {
        receivers.close();
    }

    Receiver receiver() {
        return receivers.start();
    }

    Map<String, Object> subscribe(String body) {
        TestReply reply = api.postJson(WEBHOOKS, body, admin);
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    @SuppressWarnings("unchecked")
    static String id(Map<String, Object> created) {
        return (String) ((Map<String, Object>) created.get("webhook")).get("id");
    }

    String createUser(String email) {
        return api.createUser("{\"email\":\"" + email + "\"}", admin);
    }

    Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> deliveries(String webhookId, String query) {
        return api.get(WEBHOOKS + "/" + webhookId + "/deliveries" + query, admin).assertStatus(200).items();
    }

    static Map<String, List<String>> headers(Receiver.Request request) {
        return request.headers();
    }

    @Nested
    class Subscriptions {
        @Test
        void aCreatedSubscriptionShowsItsSecretOnceAndIsAudited() {
            TestReply reply = api.postJson(WEBHOOKS, "{\"url\":\"https://hooks.example.com/roster?token=abc\",\"eventTypes\":[\"user.deleted\"],"
                    + "\"description\":\"orders\"}", admin).assertStatus(201);
            String secret = (String) reply.json().get("secret");
            assertThat(secret).matches("^whsec_[A-Za-z0-9+/]{43}=$");
            String id = id(reply.json());
            assertThat(reply.location()).isEqualTo(WEBHOOKS + "/" + id);

            TestReply read = api.get(WEBHOOKS + "/" + id, admin).assertStatus(200);
            assertThat(read.json()).containsEntry("url", "https://hooks.example.com/roster?token=abc")
                    .containsEntry("eventTypes", List.of("user.deleted")).containsEntry("active", true)
                    .containsEntry("description", "orders").doesNotContainKey("secret");
            assertThat(read.body()).doesNotContain(secret);
            assertThat(api.get(WEBHOOKS, admin).assertStatus(200).body()).doesNotContain(secret).contains(id);

            TestReply audit = api.get("/api/v1/audit-events?action=webhook.created", admin).assertStatus(200);
            assertThat(audit.body()).contains(id).doesNotContain(secret).doesNotContain("token=abc");
        }

        @Test
        void aMergePatchChangesTheGivenMembersOnly() {
            String id = id(subscribe("{\"url\":\"https://hooks.example.com/a\",\"description\":\"x\"}"));
            TestReply patched = api.patch(WEBHOOKS + "/" + id, "{\"description\":null,\"active\":false,\"eventTypes\":[\"user.created\"]}", admin)
                    .assertStatus(200);
            assertThat(patched.json()).containsEntry("active", false).containsEntry("description", null)
                    .containsEntry("url", "https://hooks.example.com/a").containsEntry("eventTypes", List.of("user.created"));
            assertThat(api.get("/api/v1/audit-events?action=webhook.updated", admin).body()).contains(id);
        }

        @Test
        void rotationAnswersANewSecretAndIsAudited() {
            Map<String, Object> created = subscribe("{\"url\":\"https://hooks.example.com/a\"}");
            String id = id(created);
            TestReply rotated = api.post(WEBHOOKS + "/" + id + "/secret", admin).assertStatus(200);
            assertThat(rotated.json().get("secret")).isNotEqualTo(created.get("secret"));
            assertThat(api.get("/api/v1/audit-events?action=webhook.secret-rotated", admin).body()).contains(id)
                    .doesNotContain((String) rotated.json().get("secret"));
        }

        @Test
        void deletingIsAuditedAndThenTheSubscriptionIsGone() {
            String id = id(subscribe("{\"url\":\"https://hooks.example.com/a\"}"));
            api.delete(WEBHOOKS + "/" + id, admin).assertStatus(204);
            api.get(WEBHOOKS + "/" + id, admin).assertProblem(404, "not-found");
            api.delete(WEBHOOKS + "/" + id, admin).assertProblem(404, "not-found");
            assertThat(api.get("/api/v1/audit-events?action=webhook.deleted", admin).body()).contains(id);
        }

        @Test
        void badInputIsA400NamingTheField() {
            api.postJson(WEBHOOKS, "{\"url\":\"https://h.example.com/\",\"eventTypes\":[\"user.exploded\"]}", admin).assertValidationFailed("eventTypes");
            api.postJson(WEBHOOKS, "{\"url\":\"ftp://h.example.com/\"}", admin).assertValidationFailed("url");
            api.postJson(WEBHOOKS, "{\"url\":\"https://user:pw@h.example.com/\"}", admin).assertValidationFailed("url");
            api.postJson(WEBHOOKS, "{\"url\":\"/relative\"}", admin).assertValidationFailed("url");
            api.postJson(WEBHOOKS, "{\"url\":\"https://h.example.com/" + "a".repeat(2000) + "\"}", admin).assertValidationFailed("url");
            api.postJson(WEBHOOKS, "{}", admin).assertValidationFailed("url");
            api.postJson(WEBHOOKS, "{\"url\":\"https://h.example.com/\",\"secret\":\"whsec_x\"}", admin).assertValidationFailed("secret");
            api.postJson(WEBHOOKS, "{\"url\":\"https://h.example.com/\",\"eventTypes\":\"user.created\"}", admin).assertStatus(400);
            api.postJson(WEBHOOKS, "{\"url\":5}", admin).assertStatus(400);
            api.postJson(WEBHOOKS, "{\"url\":", admin).assertProblem(400, "malformed-json");
            String id = id(subscribe("{\"url\":\"https://hooks.example.com/a\"}"));
            api.patch(WEBHOOKS + "/" + id, "{\"url\":null}", admin).assertValidationFailed("url");
            api.patch(WEBHOOKS + "/" + id, "{\"active\":\"yes\"}", admin).assertValidationFailed("active");
            api.patch(WEBHOOKS + "/" + id, "{\"colour\":\"red\"}", admin).assertValidationFailed("colour");
            api.patch(WEBHOOKS + "/" + id, "[]", admin).assertStatus(400);
            api.get(WEBHOOKS + "/not-a-uuid", admin).assertValidationFailed("id");
            api.get(WEBHOOKS + "/" + id + "/deliveries?status=lost", admin).assertValidationFailed("status");
            api.get(WEBHOOKS + "/" + id + "/deliveries?limit=0", admin).assertValidationFailed("limit");
            api.get(WEBHOOKS + "/" + id + "/deliveries?cursor=zzz", admin).assertValidationFailed("cursor");
            api.post(WEBHOOKS + "/" + id + "/deliveries/nope/retry", admin).assertValidationFailed("deliveryId");
            api.post(WEBHOOKS + "/" + id + "/deliveries/" + id + "/retry", admin).assertProblem(404, "not-found");
            api.get(WEBHOOKS + "/00000000-0000-4000-8000-000000000000", admin).assertProblem(404, "not-found");
            api.post(WEBHOOKS + "/00000000-0000-4000-8000-000000000000/ping", admin).assertProblem(404, "not-found");
        }

        @Test
        void onlyAdministratorsManageWebhooks() {
            String auditor = accounts.tokenFor("auditor@roster.test", dev.roster.domain.user.Role.AUDITOR);
            api.get(WEBHOOKS, auditor).assertForbidden();
            api.postJson(WEBHOOKS, "{\"url\":\"https://hooks.example.com/a\"}", auditor).assertForbidden();
            api.get(WEBHOOKS, null).assertUnauthorized();
        }
    }

    @Nested
    class Delivery {
        @Test
        void aChangeIsPostedAsTheFeedShowsItAndTheStandardWebhooksVerifierAcceptsTheSignature() throws Exception {
            Receiver receiver = receiver();
            Map<String, Object> created = subscribe("{\"url\":\"" + receiver.url("/hook") + "\"}");
            String userId = createUser("signed@roster.test");
            await(WAIT, "a delivery", () -> !receiver.requests().isEmpty());

            Receiver.Request request = receiver.requests().get(0);
            new Webhook((String) created.get("secret")).verify(request.body(), headers(request));
            assertThat(request.header("content-type")).startsWith("application/json");
            assertThat(request.header("webhook-signature")).startsWith("v1,").doesNotContain(" ");
            Map<String, Object> feedItem = api.get("/api/v1/events?type=user.created&userId=" + userId, admin).items().get(0);
            assertThat(parse(request.body())).isEqualTo(feedItem);
            assertThat(request.webhookId()).isEqualTo(feedItem.get("id"));
            assertThat(feedItem).containsEntry("userId", userId);
            long timestamp = Long.parseLong(request.header("webhook-timestamp"));
            assertThat(Math.abs(timestamp - request.at().getEpochSecond())).isLessThanOrEqualTo(2);

            await(WAIT, "the delivery is recorded", () -> "delivered".equals(deliveries(id(created), "").get(0).get("status")));
            Map<String, Object> delivery = deliveries(id(created), "?status=delivered").get(0);
            assertThat(delivery).containsEntry("eventId", feedItem.get("id")).containsEntry("eventType", "user.created")
                    .containsEntry("attempts", 1).containsEntry("lastStatus", 200).containsEntry("userId", userId);
        }

        @Test
        void aWrongSecretIsRefusedByTheVerifier() throws Exception {
            Receiver receiver = receiver();
            subscribe("{\"url\":\"" + receiver.url("/hook") + "\"}");
            createUser("wrong-secret@roster.test");
            await(WAIT, "a delivery", () -> !receiver.requests().isEmpty());
            Receiver.Request request = receiver.requests().get(0);
            String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            assertThatThrownBy(() -> new Webhook(other).verify(request.body(), headers(request)))
                    .isInstanceOf(com.standardwebhooks.exceptions.WebhookVerificationException.class);
        }

        @Test
        void afterARotationBothTheNewAndThePreviousSecretVerify() {
            Receiver receiver = receiver();
            Map<String, Object> created = subscribe("{\"url\":\"" + receiver.url("/hook") + "\"}");
            String id = id(created);
            String newSecret = (String) api.post(WEBHOOKS + "/" + id + "/secret", admin).assertStatus(200).json().get("secret");
            assertThat(api.get(WEBHOOKS + "/" + id, admin).json().get("previousSecretExpiresAt")).isNotNull();
            createUser("rotated@roster.test");
            await(WAIT, "a delivery", () -> !receiver.requests().isEmpty());

            Receiver.Request request = receiver.requests().get(0);
            assertThat(request.header("webhook-signature").split(" ")).hasSize(2).allSatisfy(part -> assertThat(part).startsWith("v1,"));
            assertThatCode(() -> new Webhook(newSecret).verify(request.body(), headers(request))).doesNotThrowAnyException();
            assertThatCode(() -> new Webhook((String) created.get("secret")).verify(request.body(), headers(request))).doesNotThrowAnyException();
        }

        @Test
        void aSubscriptionGetsOnlyTheTypesItAskedFor() {
            Receiver receiver = receiver();
            subscribe("{\"url\":\"" + receiver.url("/deleted") + "\",\"eventTypes\":[\"user.deleted\"]}");
            Receiver all = receiver();
            subscribe("{\"url\":\"" + all.url("/all") + "\",\"eventTypes\":[]}");
            String userId = createUser("filtered@roster.test");
            api.delete("/api/v1/users/" + userId, admin).assertStatus(204);
            await(WAIT, "both events at the catch-all receiver", () -> all.requests().size() == 2);
            await(WAIT, "the deletion", () -> receiver.requests().size() == 1);
            assertThat(parse(receiver.requests().get(0).body())).containsEntry("type", "user.deleted");
            assertThat(all.requests().stream().map(r -> parse(r.body()).get("type")))
                    .containsExactly("user.created", "user.deleted");
        }

        @Test
        void aPingIsSignedAndSentWhateverTheEventTypes() throws Exception {
            Receiver receiver = receiver();
            Map<String, Object> created = subscribe("{\"url\":\"" + receiver.url("/hook") + "\",\"eventTypes\":[\"user.purged\"]}");
            TestReply ping = api.post(WEBHOOKS + "/" + id(created) + "/ping", admin).assertStatus(202);
            assertThat(ping.json()).containsEntry("eventType", "webhook.ping").containsEntry("status", "pending");
            await(WAIT, "the ping", () -> !receiver.requests().isEmpty());
            Receiver.Request request = receiver.requests().get(0);
            new Webhook((String) created.get("secret")).verify(request.body(), headers(request));
            assertThat(parse(request.body())).containsEntry("type", "webhook.ping").containsEntry("id", ping.json().get("eventId"))
                    .containsEntry("data", Map.of("webhookId", id(created)));
        }

        @Test
        void a410AnswerDisablesTheSubscription() {
            Receiver receiver = receiver().answering(request -> 410);
            String id = id(subscribe("{\"url\":\"" + receiver.url("/gone") + "\"}"));
            createUser("gone@roster.test");
            await(WAIT, "the subscription is disabled", () -> Boolean.FALSE.equals(api.get(WEBHOOKS + "/" + id, admin).json().get("active")));
            assertThat(api.get(WEBHOOKS + "/" + id, admin).json()).containsEntry("disabledReason", "gone");
            assertThat(deliveries(id, "?status=failed")).singleElement().satisfies(d -> assertThat(d)
                    .containsEntry("lastStatus", 410).containsEntry("lastError", "gone").containsEntry("attempts", 1));
            createUser("after-gone@roster.test");
            api.get("/api/v1/events?wait=0", admin);
            assertThat(receiver.requests()).hasSize(1);
        }

        @Test
        void aFailingReceiverGetsEveryRetryThenTheDeliveryFailsAndAManualRetrySendsItAgain() {
            AtomicInteger status = new AtomicInteger(500);
            Receiver receiver = receiver().answering(request -> status.get());
            String id = id(subscribe("{\"url\":\"" + receiver.url("/down") + "\"}"));
            createUser("retried@roster.test");
            await(WAIT, "the delivery fails", () -> !deliveries(id, "?status=failed").isEmpty());
            Map<String, Object> failed = deliveries(id, "?status=failed").get(0);
            assertThat(failed).containsEntry("attempts", 4).containsEntry("lastStatus", 500).containsEntry("lastError", "http-status")
                    .containsEntry("nextAttemptAt", null);
            assertThat(receiver.requests()).hasSize(4).extracting(Receiver.Request::webhookId).containsOnly((String) failed.get("eventId"));

            status.set(204);
            TestReply retried = api.post(WEBHOOKS + "/" + id + "/deliveries/" + failed.get("id") + "/retry", admin).assertStatus(200);
            assertThat(retried.json()).containsEntry("status", "pending").containsEntry("attempts", 0);
            await(WAIT, "the delivery is delivered", () -> !deliveries(id, "?status=delivered").isEmpty());
            assertThat(receiver.requests()).hasSize(5);
            api.post(WEBHOOKS + "/" + id + "/deliveries/" + failed.get("id") + "/retry", admin).assertProblem(409, "invalid-state");
        }

        @Test
        void aRedirectIsNotFollowed() {
            Receiver receiver = receiver().answering(request -> 302);
            String id = id(subscribe("{\"url\":\"" + receiver.url("/moved") + "\"}"));
            createUser("redirected@roster.test");
            await(WAIT, "the delivery fails", () -> !deliveries(id, "?status=failed").isEmpty());
            assertThat(deliveries(id, "?status=failed").get(0)).containsEntry("lastStatus", 302).containsEntry("lastError", "redirect-not-followed");
            assertThat(receiver.requests()).hasSize(4); // the original four attempts; /elsewhere never asked
        }

        @Test
        void aUsersEventsAreDeliveredInOrderEvenWhileAnEarlierOneIsRetried() {
            AtomicInteger failuresLeft = new AtomicInteger(2);
            Receiver receiver = receiver().answering(request ->
                    request.body().contains("\"user.created\"") && failuresLeft.getAndDecrement() > 0 ? 503 : 200);
            subscribe("{\"url\":\"" + receiver.url("/ordered") + "\"}");
            String userId = createUser("ordered@roster.test");
            api.patch("/api/v1/users/" + userId, "{\"displayName\":\"One\"}", admin).assertStatus(200);
            api.patch("/api/v1/users/" + userId, "{\"displayName\":\"Two\"}", admin).assertStatus(200);
            await(WAIT, "three deliveries", () -> receiver.requests().stream().filter(r -> true).count() >= 5);

            List<Long> positions = receiver.requests().stream().map(r -> ((Number) parse(r.body()).get("position")).longValue()).toList();
            assertThat(positions).hasSize(5);
            assertThat(positions.subList(0, 3)).containsOnly(positions.get(0)); // the created event, twice refused, then accepted
            assertThat(positions.subList(2, 5)).isSorted().doesNotHaveDuplicates();
        }

        @Test
        void aSlowReceiverDoesNotHoldUpAnotherSubscription() {
            Receiver slow = receiver().slowedBy(Duration.ofSeconds(4));
            subscribe("{\"url\":\"" + slow.url("/slow") + "\"}");
            Receiver fast = receiver();
            subscribe("{\"url\":\"" + fast.url("/fast") + "\"}");
            for (int i = 0; i < 6; i++) {
                createUser("busy" + i + "@roster.test");
            }
            long started = System.nanoTime();
            await(Duration.ofSeconds(3), "every event at the fast receiver", () -> fast.requests().size() == 6);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }

        @Test
        void theMetricsAreAtPrometheus() {
            Receiver receiver = receiver();
            String id = id(subscribe("{\"url\":\"" + receiver.url("/metrics") + "\"}"));
            createUser("metrics@roster.test");
            await(WAIT, "the delivery is recorded", () -> !deliveries(id, "?status=delivered").isEmpty());
            String metrics = api.send(HttpRequest.GET("/prometheus"), admin).assertStatus(200).body();
            assertThat(metrics).contains("roster_webhook_deliveries_total{outcome=\"delivered\"")
                    .contains("roster_webhook_deliveries_total{outcome=\"retried\"")
                    .contains("roster_webhook_deliveries_total{outcome=\"failed\"")
                    .contains("roster_webhook_queue_depth")
                    .contains("roster_webhook_delivery_latency_seconds_count");
        }

        @Test
        void theDeliveriesListIsPagedNewestFirst() {
            Receiver receiver = receiver();
            String id = id(subscribe("{\"url\":\"" + receiver.url("/paged") + "\"}"));
            for (int i = 0; i < 5; i++) {
                api.post(WEBHOOKS + "/" + id + "/ping", admin).assertStatus(202);
            }
            TestReply first = api.get(WEBHOOKS + "/" + id + "/deliveries?limit=3", admin).assertStatus(200);
            assertThat(first.items()).hasSize(3);
            TestReply second = api.get(WEBHOOKS + "/" + id + "/deliveries?limit=3&cursor=" + first.nextCursor(), admin).assertStatus(200);
            assertThat(second.items()).hasSize(2);
            assertThat(second.nextCursor()).isNull();
            List<Object> ids = new ArrayList<>();
            first.items().forEach(d -> ids.add(d.get("id")));
            second.items().forEach(d -> ids.add(d.get("id")));
            assertThat(ids).doesNotHaveDuplicates().hasSize(5);
        }
    }
}
