package dev.roster.bootstrap.recipients;

import com.standardwebhooks.Webhook;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.webhooks.Receiver;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test helper: registers erasure recipients over HTTP, erases users, reads receipts, and signs confirmations with the
 * independent Standard Webhooks library ({@code com.standardwebhooks}), as a recipient's own code would.
 */
@Singleton
public final class Recipients {
    public static final String RECIPIENTS = "/api/v1/erasure-recipients";

    private final TestClient api;
    private final TestAccounts accounts;
    private final JsonMapper json;
    private final EmbeddedServer server;

    Recipients(TestClient api, TestAccounts accounts, JsonMapper json, EmbeddedServer server) {
        this.api = api;
        this.accounts = accounts;
        this.json = json;
        this.server = server;
    }

    /** A registered recipient: its id and secret as the 201 answer gave them. */
    public record Registered(String id, String secret) {
    }

    @SuppressWarnings("unchecked")
    public Registered register(String name, String url, String admin) {
        TestReply reply = api.postJson(RECIPIENTS, "{\"name\":\"" + name + "\",\"url\":\"" + url + "\"}", admin);
        reply.assertStatus(201);
        return new Registered((String) ((Map<String, Object>) reply.json().get("recipient")).get("id"), (String) reply.json().get("secret"));
    }

    /** Creates a user and erases it through the admin's anonymize; returns the receipt's id. */
    public String erase(String email, String admin) {
        String user = api.createUser("{\"email\":\"" + email + "\",\"displayName\":\"Ada Lovelace\",\"phone\":\"+441234567890\"}", admin);
        return (String) api.post("/api/v1/users/" + user + "/anonymize", admin).assertStatus(200).json().get("id");
    }

    public Map<String, Object> receipt(String receiptId, String admin) {
        return api.get("/api/v1/erasure-receipts/" + receiptId, admin).assertStatus(200).json();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> recipientsOf(Map<String, Object> receipt) {
        return (List<Map<String, Object>>) receipt.get("recipients");
    }

    /** The receipt's entry for this recipient, or null. */
    public static Map<String, Object> entry(Map<String, Object> receipt, String recipientId) {
        return recipientsOf(receipt).stream().filter(r -> recipientId.equals(r.get("recipientId"))).findFirst().orElse(null);
    }

    /** A confirmation body. */
    public static String confirmation(String userId, Instant erasedAt, String counts) {
        return "{\"userId\":\"" + userId + "\",\"erasedAt\":\"" + erasedAt + "\",\"counts\":" + counts + "}";
    }

    /** POSTs the body signed with {@code secret} at {@code signedAt}, as Standard Webhooks signs. */
    public TestReply confirm(String recipientId, String secret, String body, Instant signedAt) {
        String id = "msg_" + UUID.randomUUID();
        return confirmWithHeaders(recipientId, body, Map.of("webhook-id", id, "webhook-timestamp", Long.toString(signedAt.getEpochSecond()),
                "webhook-signature", sign(secret, id, signedAt.getEpochSecond(), body)));
    }

    public TestReply confirmWithHeaders(String recipientId, String body, Map<String, String> headers) {
        var request = HttpRequest.POST(RECIPIENTS + "/" + recipientId + "/confirmations", body).contentType(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(request::header);
        return api.send(request);
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        try {
            return new Webhook(secret).sign(id, timestamp, body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> parse(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes the receiver act as a recipient's service: it verifies each erasure request with the Standard Webhooks
     * library (a request that does not verify is answered 400), answers 204, then POSTs a signed confirmation for the
     * request's user back to Roster, from its own thread. The statuses of those confirmations are kept in {@code answers}.
     */
    public Receiver confirming(Receiver receiver, Registered recipient, String counts, List<Integer> answers) {
        return receiver.answering(request -> {
            try {
                new Webhook(recipient.secret()).verify(request.body(), request.headers());
            } catch (Exception e) {
                return 400;
            }
            Map<String, Object> message = parse(request.body());
            String body = confirmation((String) message.get("userId"), Instant.now(), counts);
            CompletableFuture.runAsync(() -> answers.add(post(recipient, body)));
            return 204;
        });
    }

    /** A confirmation sent with the JDK's client from a receiver's thread (not through the test's client). */
    private int post(Registered recipient, String body) {
        String id = "msg_" + UUID.randomUUID();
        long timestamp = Instant.now().getEpochSecond();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                        URI.create(server.getURL() + RECIPIENTS + "/" + recipient.id() + "/confirmations"))
                .header("Content-Type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", sign(recipient.secret(), id, timestamp, body))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static List<Integer> answers() {
        return new CopyOnWriteArrayList<>();
    }
}
