package dev.roster.bootstrap.recipients;

import com.standardwebhooks.Webhook;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.recipients.Recipients.Registered;
import dev.roster.bootstrap.webhooks.Receiver;
import dev.roster.bootstrap.webhooks.Receivers;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ERASURE privacy request is COMPLETED only when Roster's erasure is done and every erasure recipient has confirmed
 * (SPEC §8): until then it is IN_PROGRESS and shows which recipients are outstanding; the confirmation of the last one,
 * sent by a real receiver in this JVM that verifies the request with the Standard Webhooks library, completes it.
 */
@MicronautTest(transactional = false)
class ErasureRequestConfirmationTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String REQUESTS = "/api/v1/privacy-requests";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    Recipients recipients;

    private final Receivers receivers = new Receivers();
    private String admin;

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
        api.get("/api/v1/events", admin).assertStatus(200); // places the admin's events before any recipient exists
    }

    @AfterEach
    void stopReceivers() {
        receivers.close();
    }

    private String fileErasureOf(String email) {
        String userId = accounts.createUser(email).id().toString();
        return api.postJson(REQUESTS, "{\"type\":\"ERASURE\",\"userId\":\"" + userId + "\"}", admin).assertStatus(201)
                .json().get("id").toString();
    }

    private Map<String, Object> request(String id) {
        return api.get(REQUESTS + "/" + id, admin).assertStatus(200).json();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recipientsOf(Map<String, Object> request) {
        return (List<Map<String, Object>>) ((Map<String, Object>) request.get("outcome")).get("recipients");
    }

    @Test
    void anErasureRequestWaitsInProgressForTheRecipientAndCompletesWhenItConfirms() {
        Receiver receiver = receivers.start();
        Registered orders = recipients.register("orders", receiver.url("/erasures"), admin);
        // the receiver verifies each request with the Standard Webhooks library and takes it; it confirms when told
        receiver.answering(request -> {
            try {
                new Webhook(orders.secret()).verify(request.body(), request.headers());
                return 204;
            } catch (Exception e) {
                return 400;
            }
        });
        String id = fileErasureOf("ada@roster.test");

        Map<String, Object> waiting = api.post(REQUESTS + "/" + id + "/complete", admin).assertStatus(200).json();

        assertThat(waiting.get("status")).isEqualTo("IN_PROGRESS");
        assertThat(recipientsOf(waiting)).singleElement().satisfies(entry -> {
            assertThat(entry.get("recipientId")).isEqualTo(orders.id());
            assertThat(entry.get("status")).isEqualTo("pending");
        });
        assertThat(recipientsOf(api.get(REQUESTS + "?status=IN_PROGRESS", admin).assertStatus(200).items().get(0)))
                .singleElement().satisfies(entry -> assertThat(entry.get("status")).isEqualTo("pending"));
        await(WAIT, "the erasure request at the receiver", () -> !receiver.requests().isEmpty());
        assertThat(request(id).get("status")).isEqualTo("IN_PROGRESS");
        api.postJson(REQUESTS + "/" + id + "/refuse", "{\"reason\":\"changed our mind\"}", admin).assertStatus(409);
        assertThat(request(id).get("status")).isEqualTo("IN_PROGRESS");

        String userId = (String) recipients.parse(receiver.requests().get(0).body()).get("userId");
        recipients.confirm(orders.id(), orders.secret(), Recipients.confirmation(userId, Instant.now(), "{\"orders\":2}"),
                Instant.now()).assertStatus(200);

        Map<String, Object> done = request(id);
        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(recipientsOf(done)).singleElement().satisfies(entry -> assertThat(entry.get("status")).isEqualTo("confirmed"));
        // the queue lists recipients only for requests still waiting for them (one lookup per waiting erasure)
        assertThat(recipientsOf(api.get(REQUESTS + "?type=ERASURE", admin).assertStatus(200).items().get(0))).isNull();
        List<Map<String, Object>> completed = api.get("/api/v1/audit-events?action=privacy-request.completed", admin)
                .assertStatus(200).items();
        assertThat(completed).hasSize(1);
    }

    @Test
    void anErasureRequestWithNoRecipientCompletesAtOnce() {
        String id = fileErasureOf("grace@roster.test");

        Map<String, Object> done = api.post(REQUESTS + "/" + id + "/complete", admin).assertStatus(200).json();

        assertThat(done.get("status")).isEqualTo("COMPLETED");
        assertThat(recipientsOf(done)).isEmpty();
    }
}
