package dev.roster.bootstrap.recipients;

import com.standardwebhooks.Webhook;
import dev.roster.application.port.in.lifecycle.SoftDeleteUserUseCase;
import dev.roster.application.service.erasure.ErasureService;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.recipients.Recipients.Registered;
import dev.roster.bootstrap.webhooks.Receiver;
import dev.roster.bootstrap.webhooks.Receivers;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.roster.bootstrap.recipients.Recipients.RECIPIENTS;
import static dev.roster.bootstrap.recipients.Recipients.confirmation;
import static dev.roster.bootstrap.recipients.Recipients.entry;
import static dev.roster.bootstrap.recipients.Recipients.recipientsOf;
import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Erasure recipients end to end (SPEC §8): registration over HTTP; erasure requests delivered to real receivers in
 * this JVM, whose requests the independent Standard Webhooks library verifies and which post signed confirmations back
 * (signed with that library too); receipts that show each recipient's status. The test configuration allows loopback
 * targets and retries three times after 300 ms.
 */
@MicronautTest(transactional = false)
class ErasureRecipientApiTest {
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String ORDERS = "{\"orders\":3,\"invoices\":1}";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    Recipients recipients;
    @Inject
    RecordingConfirmationListener listener;
    @Inject
    SoftDeleteUserUseCase softDelete;
    @Inject
    ErasureService erasure;

    String admin;
    final Receivers receivers = new Receivers();

    @BeforeEach
    void startEmpty() {
        database.clear();
        listener.clear();
        admin = accounts.adminToken();
        api.get("/api/v1/events", admin).assertStatus(200); // places the admin's events before any recipient exists
    }

    @AfterEach
    void stopReceivers() {
        receivers.close();
        listener.clear();
    }

    Receiver receiver() {
        return receivers.start();
    }

    Registered register(String name, Receiver receiver) {
        return recipients.register(name, receiver.url("/erasures"), admin);
    }

    String userOf(String receiptId) {
        return (String) recipients.receipt(receiptId, admin).get("userId");
    }

    /** Waits until the receipt lists the recipient, asked (not only about to be), with the status. */
    Map<String, Object> awaitStatus(String receiptId, String recipientId, String status) {
        await(WAIT, recipientId + " " + status + " on " + receiptId, () -> {
            Map<String, Object> entry = entry(recipients.receipt(receiptId, admin), recipientId);
            return entry != null && status.equals(entry.get("status")) && entry.get("requestedAt") != null;
        });
        return entry(recipients.receipt(receiptId, admin), recipientId);
    }

    @Nested
    class Management {
        @Test
        void aRegisteredRecipientShowsItsSecretOnceAndIsAuditedWithoutSecretOrUrl() {
            TestReply reply = api.postJson(RECIPIENTS, "{\"name\":\"orders\",\"url\":\"https://orders.example.com/erasures?token=abc\"}", admin)
                    .assertStatus(201);
            String secret = (String) reply.json().get("secret");
            assertThat(secret).matches("^whsec_[A-Za-z0-9+/]{43}=$");
            @SuppressWarnings("unchecked")
            String id = (String) ((Map<String, Object>) reply.json().get("recipient")).get("id");
            assertThat(reply.location()).isEqualTo(RECIPIENTS + "/" + id);

            TestReply read = api.get(RECIPIENTS + "/" + id, admin).assertStatus(200);
            assertThat(read.json()).containsEntry("name", "orders").containsEntry("url", "https://orders.example.com/erasures?token=abc")
                    .containsEntry("active", true).containsEntry("disabledReason", null).doesNotContainKey("secret");
            assertThat(api.get(RECIPIENTS, admin).assertStatus(200).body()).contains(id).doesNotContain(secret);
            TestReply audit = api.get("/api/v1/audit-events?action=erasure-recipient.created", admin).assertStatus(200);
            assertThat(audit.body()).contains(id).doesNotContain(secret).doesNotContain("token=abc").doesNotContain("orders.example.com");
        }

        @Test
        void recipientsAndWebhooksAreListedApartThoughTheyShareATable() {
            String recipient = recipients.register("orders", "https://orders.example.com/erasures", admin).id();
            TestReply webhook = api.postJson("/api/v1/webhooks", "{\"url\":\"https://hooks.example.com/a\"}", admin).assertStatus(201);
            assertThat(api.get("/api/v1/webhooks", admin).body()).doesNotContain(recipient);
            api.get("/api/v1/webhooks/" + recipient, admin).assertProblem(404, "not-found");
            api.delete("/api/v1/webhooks/" + recipient, admin).assertProblem(404, "not-found");
            assertThat(api.get(RECIPIENTS, admin).items()).extracting(r -> r.get("id")).containsExactly(recipient);
            @SuppressWarnings("unchecked")
            String webhookId = (String) ((Map<String, Object>) webhook.json().get("webhook")).get("id");
            api.get(RECIPIENTS + "/" + webhookId, admin).assertProblem(404, "not-found");
        }

        @Test
        void rotationAnswersANewSecretKeepsThePreviousOneFor24HoursAndIsAudited() {
            Registered created = recipients.register("orders", "https://orders.example.com/erasures", admin);
            TestReply rotated = api.post(RECIPIENTS + "/" + created.id() + "/secret", admin).assertStatus(200);
            assertThat(rotated.json().get("secret")).isNotEqualTo(created.secret());
            assertThat(api.get(RECIPIENTS + "/" + created.id(), admin).json().get("previousSecretExpiresAt")).isNotNull();
            assertThat(api.get("/api/v1/audit-events?action=erasure-recipient.secret-rotated", admin).body()).contains(created.id())
                    .doesNotContain((String) rotated.json().get("secret"));
        }

        @Test
        void deletingIsAuditedAndThenTheRecipientIsGone() {
            String id = recipients.register("orders", "https://orders.example.com/erasures", admin).id();
            api.delete(RECIPIENTS + "/" + id, admin).assertStatus(204);
            api.get(RECIPIENTS + "/" + id, admin).assertProblem(404, "not-found");
            api.delete(RECIPIENTS + "/" + id, admin).assertProblem(404, "not-found");
            api.post(RECIPIENTS + "/" + id + "/secret", admin).assertProblem(404, "not-found");
            assertThat(api.get("/api/v1/audit-events?action=erasure-recipient.deleted", admin).body()).contains(id);
        }

        @Test
        void badInputIsA400NamingTheField() {
            api.postJson(RECIPIENTS, "{\"url\":\"https://h.example.com/\"}", admin).assertValidationFailed("name");
            api.postJson(RECIPIENTS, "{\"name\":\"  \",\"url\":\"https://h.example.com/\"}", admin).assertValidationFailed("name");
            api.postJson(RECIPIENTS, "{\"name\":\"" + "n".repeat(201) + "\",\"url\":\"https://h.example.com/\"}", admin).assertValidationFailed("name");
            api.postJson(RECIPIENTS, "{\"name\":\"a\\u0007b\",\"url\":\"https://h.example.com/\"}", admin).assertValidationFailed("name");
            api.postJson(RECIPIENTS, "{\"name\":\"orders\"}", admin).assertValidationFailed("url");
            api.postJson(RECIPIENTS, "{\"name\":\"orders\",\"url\":\"ftp://h.example.com/\"}", admin).assertValidationFailed("url");
            api.postJson(RECIPIENTS, "{\"name\":\"orders\",\"url\":\"/relative\"}", admin).assertValidationFailed("url");
            api.postJson(RECIPIENTS, "{}", admin).assertValidationFailed("name", "url");
            api.postJson(RECIPIENTS, "{\"name\":\"orders\",\"url\":\"https://h.example.com/\",\"secret\":\"whsec_x\"}", admin)
                    .assertValidationFailed("secret");
            api.postJson(RECIPIENTS, "{\"name\":5,\"url\":\"https://h.example.com/\"}", admin).assertStatus(400);
            api.postJson(RECIPIENTS, "{\"name\":", admin).assertProblem(400, "malformed-json");
            api.get(RECIPIENTS + "/not-a-uuid", admin).assertValidationFailed("id");
            api.get(RECIPIENTS + "/00000000-0000-4000-8000-000000000000", admin).assertProblem(404, "not-found");
            String id = recipients.register("orders", "https://orders.example.com/erasures", admin).id();
            api.postJson(RECIPIENTS + "/" + id + "/backfill", "{}", admin).assertValidationFailed("since");
            api.postJson(RECIPIENTS + "/" + id + "/backfill", "{\"since\":\"yesterday\"}", admin).assertValidationFailed("since");
            api.postJson(RECIPIENTS + "/" + id + "/backfill", "{\"since\":\"2026-01-01T00:00:00Z\",\"until\":\"x\"}", admin)
                    .assertValidationFailed("until");
            api.postJson(RECIPIENTS + "/00000000-0000-4000-8000-000000000000/backfill", "{\"since\":\"2026-01-01T00:00:00Z\"}", admin)
                    .assertProblem(404, "not-found");
        }

        @Test
        void administratorsManageAuditorsReadOthersNothing() {
            String id = recipients.register("orders", "https://orders.example.com/erasures", admin).id();
            String auditor = accounts.tokenFor("auditor@roster.test", Role.AUDITOR);
            String user = accounts.tokenFor("plain@roster.test");
            api.get(RECIPIENTS, auditor).assertStatus(200);
            api.get(RECIPIENTS + "/" + id, auditor).assertStatus(200);
            api.postJson(RECIPIENTS, "{\"name\":\"x\",\"url\":\"https://x.example.com/\"}", auditor).assertForbidden();
            api.delete(RECIPIENTS + "/" + id, auditor).assertForbidden();
            api.post(RECIPIENTS + "/" + id + "/secret", auditor).assertForbidden();
            api.postJson(RECIPIENTS + "/" + id + "/backfill", "{\"since\":\"2026-01-01T00:00:00Z\"}", auditor).assertForbidden();
            api.get(RECIPIENTS, user).assertForbidden();
            api.get(RECIPIENTS, null).assertUnauthorized();
            api.postJson(RECIPIENTS, "{\"name\":\"x\",\"url\":\"https://x.example.com/\"}", null).assertUnauthorized();
            assertThat(api.get("/api/v1", admin).json().toString()).contains("/api/v1/erasure-recipients");
        }
    }

    @Nested
    class Requests {
        @Test
        void anErasureIsPostedSignedWithTheUsersIdAloneAndTheVerifierAcceptsIt() throws Exception {
            Receiver receiver = receiver();
            Registered orders = register("orders", receiver);
            String receiptId = recipients.erase("ada@roster.test", admin);
            await(WAIT, "the erasure request", () -> !receiver.requests().isEmpty());

            Receiver.Request request = receiver.requests().get(0);
            new Webhook(orders.secret()).verify(request.body(), request.headers());
            Map<String, Object> body = recipients.parse(request.body());
            assertThat(body).containsOnlyKeys("id", "type", "occurredAt", "userId", "data")
                    .containsEntry("type", "user.erasure_requested").containsEntry("userId", userOf(receiptId))
                    .containsEntry("data", Map.of("receiptId", receiptId)).containsEntry("id", request.webhookId());
            assertThat(request.body()).doesNotContain("ada@roster.test").doesNotContain("Ada").doesNotContain("441234567890");
            assertThat(request.header("webhook-signature")).startsWith("v1,");
            Map<String, Object> entry = awaitStatus(receiptId, orders.id(), "pending");
            assertThat(entry).containsEntry("name", "orders").containsEntry("overdue", false).containsEntry("confirmedAt", null);
            Instant requested = Instant.parse((String) entry.get("requestedAt"));
            assertThat(Instant.parse((String) entry.get("dueAt"))).isEqualTo(requested.plus(Duration.ofDays(7)));
        }

        @Test
        void theReceiverConfirmsAndTheReceiptShowsItConfirmedWithItsCounts() {
            List<Integer> answers = Recipients.answers();
            Receiver receiver = receiver();
            Registered orders = register("orders", receiver);
            recipients.confirming(receiver, orders, ORDERS, answers);
            String receiptId = recipients.erase("ada@roster.test", admin);

            Map<String, Object> entry = awaitStatus(receiptId, orders.id(), "confirmed");
            await(WAIT, "the receiver's answer", () -> !answers.isEmpty());
            assertThat(answers).containsExactly(200);
            assertThat(entry).containsEntry("counts", Map.of("orders", 3, "invoices", 1)).containsEntry("overdue", false);
            assertThat(entry.get("confirmedAt")).isNotNull();
            assertThat(entry.get("erasedAt")).isNotNull();
            assertThat(recipients.receipt(receiptId, admin)).containsEntry("allConfirmed", true);
            assertThat(listener.completed()).containsExactly(UUID.fromString(receiptId));
            TestReply audit = api.get("/api/v1/audit-events?action=user.erasure-confirmed", admin).assertStatus(200);
            assertThat(audit.items()).singleElement().satisfies(event -> assertThat(event.toString())
                    .contains(orders.id()).contains(receiptId).contains("invoices=1,orders=3"));
        }

        @Test
        void everyWayOfErasingAsksTheRecipients() {
            Receiver receiver = receiver();
            register("orders", receiver);
            recipients.erase("by-admin@roster.test", admin);
            String self = accounts.tokenFor("self@roster.test");
            api.postJson("/api/v1/me/erasure", "{\"currentPassword\":\"" + TestAccounts.PASSWORD + "\"}", self).assertStatus(200);
            UserId retired = new UserId(accounts.createUser("retired@roster.test").id());
            softDelete.softDelete(retired);
            assertThat(erasure.eraseExpiredBatch(Duration.ZERO, 10)).isEqualTo(1);
            await(WAIT, "three erasure requests", () -> receiver.requests().size() == 3);
            assertThat(receiver.requests()).extracting(r -> recipients.parse(r.body()).get("userId"))
                    .contains(retired.value().toString());
        }

        @Test
        void theAnonymizeAnswerListsTheRecipientsAboutToBeAskedAndTheSelfServiceAnswerNone() {
            Registered orders = recipients.register("orders", "https://orders.example.com/erasures", admin);
            String user = api.createUser("{\"email\":\"listed@roster.test\"}", admin);
            Map<String, Object> answer = api.post("/api/v1/users/" + user + "/anonymize", admin).assertStatus(200).json();
            assertThat(recipientsOf(answer)).singleElement().satisfies(r -> assertThat(r)
                    .containsEntry("recipientId", orders.id()).containsEntry("status", "pending").containsEntry("overdue", false));
            assertThat(answer).containsEntry("allConfirmed", false);
            String self = accounts.tokenFor("self@roster.test");
            Map<String, Object> own = api.postJson("/api/v1/me/erasure", "{\"currentPassword\":\"" + TestAccounts.PASSWORD + "\"}", self)
                    .assertStatus(200).json();
            assertThat(own).doesNotContainKeys("recipients", "allConfirmed");
        }

        @Test
        void webhooksGetNoErasureRequestsAndRecipientsNoChangeEvents() {
            Receiver hook = receiver();
            api.postJson("/api/v1/webhooks", "{\"url\":\"" + hook.url("/hook") + "\"}", admin).assertStatus(201);
            Receiver recipient = receiver();
            register("orders", recipient);
            recipients.erase("split@roster.test", admin);
            await(WAIT, "the webhook's two events", () -> hook.requests().size() == 2);
            await(WAIT, "the erasure request", () -> recipient.requests().size() == 1);
            assertThat(hook.requests()).extracting(r -> recipients.parse(r.body()).get("type"))
                    .containsExactly("user.created", "user.anonymized");
            assertThat(recipients.parse(recipient.requests().get(0).body())).containsEntry("type", "user.erasure_requested");
        }

        @Test
        void aFailingRecipientIsRetriedThenShownFailedAndA410DeactivatesIt() {
            Receiver down = receiver().answering(request -> 503);
            Registered orders = register("orders", down);
            String receiptId = recipients.erase("failed@roster.test", admin);
            awaitStatus(receiptId, orders.id(), "failed");
            assertThat(down.requests()).hasSize(4).extracting(Receiver.Request::webhookId).containsOnly(down.requests().get(0).webhookId());
            assertThat(recipients.receipt(receiptId, admin)).containsEntry("allConfirmed", false);

            Receiver gone = receiver().answering(request -> 410);
            Registered billing = register("billing", gone);
            String second = recipients.erase("gone@roster.test", admin);
            awaitStatus(second, billing.id(), "failed");
            assertThat(api.get(RECIPIENTS + "/" + billing.id(), admin).json()).containsEntry("active", false)
                    .containsEntry("disabledReason", "gone");
            api.postJson(RECIPIENTS + "/" + billing.id() + "/backfill", "{\"since\":\"2020-01-01T00:00:00Z\"}", admin)
                    .assertProblem(409, "invalid-state");
            String third = recipients.erase("after-gone@roster.test", admin);
            assertThat(entry(recipients.receipt(third, admin), billing.id())).isNull();
        }

        @Test
        void theMetricsCountPendingOverdueAndFailedRequests() {
            Registered orders = register("orders", receiver().answering(request -> 500));
            String receiptId = recipients.erase("metrics@roster.test", admin);
            awaitStatus(receiptId, orders.id(), "failed");
            String metrics = api.send(HttpRequest.GET("/prometheus"), admin).assertStatus(200).body();
            assertThat(metrics).contains("roster_erasure_requests_pending").contains("roster_erasure_requests_overdue")
                    .containsPattern("roster_erasure_requests_failed(\\{[^}]*\\})? 1\\.0");
        }
    }

    @Nested
    class Confirmations {
        Registered orders;
        String receiptId;
        String userId;

        @BeforeEach
        void anErasureAskedOfOneRecipient() {
            orders = recipients.register("orders", "https://orders.example.com/erasures", admin);
            receiptId = recipients.erase("confirm@roster.test", admin);
            userId = userOf(receiptId);
            awaitStatus(receiptId, orders.id(), "pending");
        }

        TestReply confirm(String body) {
            return recipients.confirm(orders.id(), orders.secret(), body, Instant.now());
        }

        void assertStillPendingAndRefusalAudited(String reason) {
            assertThat(entry(recipients.receipt(receiptId, admin), orders.id())).containsEntry("status", "pending");
            TestReply audit = api.get("/api/v1/audit-events?action=erasure-recipient.confirmation-refused", admin).assertStatus(200);
            assertThat(audit.body()).contains(orders.id()).contains(reason).doesNotContain(userId);
            assertThat(listener.completed()).isEmpty();
        }

        @Test
        void aSignedConfirmationIsRecordedAndARepeatIsIdempotent() {
            Instant erasedAt = Instant.parse("2026-01-02T03:04:05Z");
            Map<String, Object> first = confirm(confirmation(userId, erasedAt, ORDERS)).assertStatus(200).json();
            assertThat(first).containsEntry("receiptId", receiptId).containsEntry("recipientId", orders.id()).containsEntry("userId", userId)
                    .containsEntry("status", "confirmed").containsEntry("erasedAt", "2026-01-02T03:04:05Z")
                    .containsEntry("counts", Map.of("orders", 3, "invoices", 1));
            Map<String, Object> again = confirm(confirmation(userId, Instant.now(), "{\"orders\":9}")).assertStatus(200).json();
            assertThat(again).isEqualTo(first);
            assertThat(entry(recipients.receipt(receiptId, admin), orders.id())).containsEntry("status", "confirmed")
                    .containsEntry("counts", Map.of("orders", 3, "invoices", 1));
            assertThat(listener.completed()).containsExactly(UUID.fromString(receiptId));
            assertThat(api.get("/api/v1/audit-events?action=user.erasure-confirmed", admin).items()).hasSize(1);
        }

        @Test
        void aConfirmationSignedWithTheWrongSecretIs401AuditedAndChangesNothing() {
            String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            TestReply reply = recipients.confirm(orders.id(), other, confirmation(userId, Instant.now(), ORDERS), Instant.now())
                    .assertProblem(401, "unauthorized");
            assertThat(reply.header("www-authenticate")).startsWith("StandardWebhooks");
            assertStillPendingAndRefusalAudited("bad-signature");
        }

        @Test
        void aStaleTimestampIs401AuditedAndChangesNothing() {
            recipients.confirm(orders.id(), orders.secret(), confirmation(userId, Instant.now(), ORDERS), Instant.now().minusSeconds(301))
                    .assertProblem(401, "unauthorized");
            recipients.confirm(orders.id(), orders.secret(), confirmation(userId, Instant.now(), ORDERS), Instant.now().plusSeconds(301))
                    .assertProblem(401, "unauthorized");
            assertStillPendingAndRefusalAudited("stale-timestamp");
        }

        @Test
        void missingOrMalformedHeadersAre401AuditedAndChangeNothing() {
            String body = confirmation(userId, Instant.now(), ORDERS);
            recipients.confirmWithHeaders(orders.id(), body, Map.of()).assertProblem(401, "unauthorized");
            long now = Instant.now().getEpochSecond();
            recipients.confirmWithHeaders(orders.id(), body, Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(now)))
                    .assertProblem(401, "unauthorized");
            recipients.confirmWithHeaders(orders.id(), body, Map.of("webhook-id", "msg_1", "webhook-timestamp", "soon",
                    "webhook-signature", Recipients.sign(orders.secret(), "msg_1", now, body))).assertProblem(401, "unauthorized");
            recipients.confirmWithHeaders(orders.id(), body, Map.of("webhook-id", "msg_1", "webhook-timestamp", Long.toString(now),
                    "webhook-signature", "v1,garbage")).assertProblem(401, "unauthorized");
            assertStillPendingAndRefusalAudited("missing-headers");
            assertThat(api.get("/api/v1/audit-events?action=erasure-recipient.confirmation-refused", admin).body())
                    .contains("malformed-headers").contains("bad-signature");
        }

        @Test
        void aBodyChangedAfterSigningIs401() {
            String signedBody = confirmation(userId, Instant.now(), ORDERS);
            long now = Instant.now().getEpochSecond();
            recipients.confirmWithHeaders(orders.id(), confirmation(userId, Instant.now(), "{\"orders\":0}"), Map.of("webhook-id", "msg_2",
                    "webhook-timestamp", Long.toString(now), "webhook-signature", Recipients.sign(orders.secret(), "msg_2", now, signedBody)))
                    .assertProblem(401, "unauthorized");
            assertStillPendingAndRefusalAudited("bad-signature");
        }

        @Test
        void anUnknownRecipientIs401() {
            String stranger = UUID.randomUUID().toString();
            recipients.confirm(stranger, orders.secret(), confirmation(userId, Instant.now(), ORDERS), Instant.now())
                    .assertProblem(401, "unauthorized");
            assertThat(api.get("/api/v1/audit-events?action=erasure-recipient.confirmation-refused", admin).body())
                    .contains(stranger).contains("unknown-recipient");
        }

        @Test
        void aUserWithNoErasurePendingHereIs404() {
            confirm(confirmation(UUID.randomUUID().toString(), Instant.now(), ORDERS)).assertProblem(404, "not-found");
            Registered billing = recipients.register("billing", "https://billing.example.com/erasures", admin);
            recipients.confirm(billing.id(), billing.secret(), confirmation(userId, Instant.now(), ORDERS), Instant.now())
                    .assertProblem(404, "not-found");
            assertThat(entry(recipients.receipt(receiptId, admin), orders.id())).containsEntry("status", "pending");
        }

        @Test
        void aBadBodyWithAGoodSignatureIs400AndWithABadSignature401() {
            confirm("{\"userId\":\"nope\",\"erasedAt\":\"2026-01-01T00:00:00Z\"}").assertValidationFailed("userId");
            confirm("{\"userId\":\"" + userId + "\"}").assertValidationFailed("erasedAt");
            confirm("{\"userId\":\"" + userId + "\",\"erasedAt\":\"yesterday\"}").assertValidationFailed("erasedAt");
            confirm(confirmation(userId, Instant.now().plus(Duration.ofHours(1)), "{}")).assertValidationFailed("erasedAt");
            confirm(confirmation(userId, Instant.now(), "{\"orders\":-1}")).assertValidationFailed("counts");
            confirm(confirmation(userId, Instant.now(), "{\"order lines\":1}")).assertValidationFailed("counts");
            confirm(confirmation(userId, Instant.now(), "{\"orders\":\"3\"}")).assertStatus(400);
            confirm(confirmation(userId, Instant.now(), "{\"orders\":1.5}")).assertStatus(400);
            confirm("{\"userId\":\"" + userId + "\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"email\":\"x@y.z\"}").assertValidationFailed("email");
            confirm("{\"userId\":").assertProblem(400, "malformed-json");
            confirm("").assertStatus(400);
            String other = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
            recipients.confirm(orders.id(), other, "{\"userId\":", Instant.now()).assertProblem(401, "unauthorized");
            api.send(HttpRequest.POST(RECIPIENTS + "/not-a-uuid/confirmations", "{}").contentType("application/json"))
                    .assertValidationFailed("id");
            assertThat(entry(recipients.receipt(receiptId, admin), orders.id())).containsEntry("status", "pending");
        }

        @Test
        void confirmationsRacingEachOtherRecordOne() throws Exception {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                List<java.util.concurrent.Future<TestReply>> replies = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String counts = "{\"orders\":" + i + "}";
                    replies.add(pool.submit(() -> confirm(confirmation(userId, Instant.now(), counts))));
                }
                List<Object> counts = new ArrayList<>();
                for (java.util.concurrent.Future<TestReply> reply : replies) {
                    counts.add(reply.get().assertStatus(200).json().get("counts"));
                }
                assertThat(counts).as("every answer is the one confirmation recorded").containsOnly(counts.get(0));
            } finally {
                pool.shutdown();
            }
            assertThat(api.get("/api/v1/audit-events?action=user.erasure-confirmed", admin).items()).hasSize(1);
            assertThat(listener.completed()).containsExactly(UUID.fromString(receiptId));
        }

        @Test
        void afterARotationBothSecretsVerifyAConfirmation() {
            api.post(RECIPIENTS + "/" + orders.id() + "/secret", admin).assertStatus(200);
            confirm(confirmation(userId, Instant.now(), ORDERS)).assertStatus(200);
        }

        @Test
        void aFailingListenerRollsTheConfirmationBackSoThatTheRecipientSendsItAgain() {
            listener.failing(true);
            confirm(confirmation(userId, Instant.now(), ORDERS)).assertProblem(500, "internal-error");
            assertThat(entry(recipients.receipt(receiptId, admin), orders.id())).containsEntry("status", "pending");
            listener.failing(false);
            confirm(confirmation(userId, Instant.now(), ORDERS)).assertStatus(200);
            assertThat(listener.completed()).containsExactly(UUID.fromString(receiptId));
        }
    }

    @Nested
    class SeveralRecipients {
        @Test
        void theListenerHearsOfAReceiptOnceTheLastRecipientHasConfirmed() {
            Registered orders = recipients.register("orders", "https://orders.example.com/erasures", admin);
            Registered billing = recipients.register("billing", "https://billing.example.com/erasures", admin);
            String receiptId = recipients.erase("two@roster.test", admin);
            String userId = userOf(receiptId);
            awaitStatus(receiptId, billing.id(), "pending");
            recipients.confirm(orders.id(), orders.secret(), confirmation(userId, Instant.now(), "{}"), Instant.now()).assertStatus(200);
            assertThat(listener.completed()).isEmpty();
            assertThat(recipients.receipt(receiptId, admin)).containsEntry("allConfirmed", false);
            recipients.confirm(billing.id(), billing.secret(), confirmation(userId, Instant.now(), "{}"), Instant.now()).assertStatus(200);
            assertThat(listener.completed()).containsExactly(UUID.fromString(receiptId));
            assertThat(recipients.receipt(receiptId, admin)).containsEntry("allConfirmed", true);
        }

        @Test
        void deletingARecipientKeepsItsConfirmationsAndWithdrawsWhatItHasNotConfirmed() {
            Registered orders = recipients.register("orders", "https://orders.example.com/erasures", admin);
            Registered billing = recipients.register("billing", "https://billing.example.com/erasures", admin);
            String receiptId = recipients.erase("deleted@roster.test", admin);
            String userId = userOf(receiptId);
            awaitStatus(receiptId, billing.id(), "pending");
            recipients.confirm(orders.id(), orders.secret(), confirmation(userId, Instant.now(), ORDERS), Instant.now()).assertStatus(200);
            api.delete(RECIPIENTS + "/" + orders.id(), admin).assertStatus(204);
            assertThat(entry(recipients.receipt(receiptId, admin), orders.id())).containsEntry("status", "confirmed")
                    .containsEntry("name", "orders");
            assertThat(listener.completed()).isEmpty();
            api.delete(RECIPIENTS + "/" + billing.id(), admin).assertStatus(204);
            Map<String, Object> receipt = recipients.receipt(receiptId, admin);
            assertThat(recipientsOf(receipt)).extracting(r -> r.get("recipientId")).containsExactly(orders.id());
            assertThat(receipt).containsEntry("allConfirmed", true);
            assertThat(listener.completed()).containsExactly(UUID.fromString(receiptId));
            assertThat(api.get("/api/v1/audit-events?action=erasure-recipient.deleted", admin).body()).contains("withdrawnRequests");
        }
    }

    @Nested
    class Backfill {
        @Test
        void aRecipientAddedLaterIsAskedAboutEarlierErasuresOnlyThroughABackfill() {
            Instant before = Instant.now().minusSeconds(1);
            String earlier = recipients.erase("earlier@roster.test", admin);
            api.get("/api/v1/events", admin).assertStatus(200); // placed before the recipient exists
            Receiver receiver = receiver();
            Registered orders = register("orders", receiver);
            assertThat(recipientsOf(recipients.receipt(earlier, admin))).isEmpty();
            assertThat(recipients.receipt(earlier, admin)).containsEntry("allConfirmed", true);

            TestReply none = api.postJson(RECIPIENTS + "/" + orders.id() + "/backfill", "{\"since\":\"" + Instant.now().plusSeconds(60) + "\"}", admin);
            assertThat(none.assertStatus(202).json()).containsEntry("requested", 0).containsEntry("retried", 0);
            TestReply backfill = api.postJson(RECIPIENTS + "/" + orders.id() + "/backfill", "{\"since\":\"" + before + "\"}", admin);
            assertThat(backfill.assertStatus(202).json()).containsEntry("requested", 1).containsEntry("retried", 0);
            await(WAIT, "the backfilled request", () -> receiver.requests().size() == 1);
            assertThat(recipients.parse(receiver.requests().get(0).body())).containsEntry("data", Map.of("receiptId", earlier));
            awaitStatus(earlier, orders.id(), "pending");
            assertThat(api.postJson(RECIPIENTS + "/" + orders.id() + "/backfill", "{\"since\":\"" + before + "\"}", admin)
                    .assertStatus(202).json()).containsEntry("requested", 0);
            assertThat(api.get("/api/v1/audit-events?action=erasure-recipient.backfilled", admin).items()).hasSize(1);
        }

        @Test
        void aBackfillSendsFailedRequestsAgain() {
            AtomicInteger status = new AtomicInteger(500);
            Receiver receiver = receiver().answering(request -> status.get());
            Registered orders = register("orders", receiver);
            Instant before = Instant.now().minusSeconds(1);
            String receiptId = recipients.erase("retry@roster.test", admin);
            awaitStatus(receiptId, orders.id(), "failed");
            status.set(200);
            assertThat(api.postJson(RECIPIENTS + "/" + orders.id() + "/backfill", "{\"since\":\"" + before + "\"}", admin)
                    .assertStatus(202).json()).containsEntry("requested", 0).containsEntry("retried", 1);
            awaitStatus(receiptId, orders.id(), "pending");
            await(WAIT, "the request sent again", () -> receiver.requests().size() == 5);
            assertThat(Set.copyOf(receiver.requests().stream().map(Receiver.Request::webhookId).toList())).hasSize(1);
        }
    }
}
