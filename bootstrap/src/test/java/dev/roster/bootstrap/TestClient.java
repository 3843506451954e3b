package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test helper: the one HTTP client of the tests. It sends a request (with {@code Authorization: Bearer <token>} unless
 * the token is null) to the running server and returns every answer, success or error, as a {@link TestReply}, after
 * {@link ResponseChecks} found nothing wrong with it: no stack trace and no password hash in any body, and every 4xx and
 * 5xx a problem document.
 */
@Singleton
public final class TestClient {
    public static final String USERS = "/api/v1/users";
    public static final String ME = "/api/v1/me";
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    public static final String PROBLEM_JSON = ResponseChecks.PROBLEM_JSON;

    private final HttpClient client;
    private final JsonMapper json;
    private final EmbeddedServer server;
    private final ResponseChecks checks;

    @Inject
    TestClient(@Client("/") HttpClient client, JsonMapper json, EmbeddedServer server) {
        this(client, json, server, new ResponseChecks(json));
    }

    private TestClient(HttpClient client, JsonMapper json, EmbeddedServer server, ResponseChecks checks) {
        this.client = client;
        this.json = json;
        this.server = server;
        this.checks = checks;
    }

    /** A client whose checks also refuse these texts in any body (for tests about what must never be shown). */
    public TestClient alsoForbidding(String... texts) {
        return new TestClient(client, json, server, checks.alsoForbidding(texts));
    }

    /** Sends the request with {@code Authorization: Bearer <token>} unless the token is null. */
    public TestReply send(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        HttpResponse<?> response;
        String body;
        try {
            HttpResponse<String> ok = client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
            response = ok;
            body = ok.getBody(String.class).orElse("");
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
            body = e.getResponse().getBody(String.class).orElse("");
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return checked(request.getMethodName(), request.getUri().getRawPath(), response.getStatus().getCode(), headers, body);
    }

    public TestReply send(MutableHttpRequest<?> request) {
        return send(request, null);
    }

    public TestReply get(String uri, String token) {
        return send(HttpRequest.GET(uri), token);
    }

    public TestReply get(String uri) {
        return get(uri, null);
    }

    public TestReply postJson(String uri, String body, String token) {
        return send(HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
    }

    public TestReply postJson(String uri, String body) {
        return postJson(uri, body, null);
    }

    /** A POST without a body (deactivate, reactivate, anonymize, ...). */
    public TestReply post(String uri, String token) {
        return send(HttpRequest.POST(uri, ""), token);
    }

    public TestReply putJson(String uri, String body, String token) {
        return send(HttpRequest.PUT(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
    }

    public TestReply putJson(String uri, String body) {
        return putJson(uri, body, null);
    }

    /** A PUT without a body (grant a role). */
    public TestReply put(String uri, String token) {
        return send(HttpRequest.PUT(uri, ""), token);
    }

    /** A JSON merge patch. */
    public TestReply patch(String uri, String body, String token) {
        return send(HttpRequest.PATCH(uri, body).contentType(MERGE_PATCH_JSON), token);
    }

    public TestReply patch(String uri, String body) {
        return patch(uri, body, null);
    }

    /** A JSON merge patch with {@code If-Match}, without a token. */
    public TestReply patchIfMatch(String uri, String body, String ifMatch) {
        return send(HttpRequest.PATCH(uri, body).contentType(MERGE_PATCH_JSON).header(HttpHeaders.IF_MATCH, ifMatch), null);
    }

    public TestReply delete(String uri, String token) {
        return send(HttpRequest.DELETE(uri), token);
    }

    /** POSTs the bytes without a Content-Length (HTTP/1.1 chunked transfer encoding), through the JDK's client. */
    public TestReply postChunked(String uri, String contentType, byte[] body, String token) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(URI.create(server.getURL().toString()).resolve(uri))
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        if (token != null) {
            request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        try {
            java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new TreeMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
            return checked("POST", URI.create(uri).getRawPath(), response.statusCode(), headers, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code POST /login}, answered as it is (no token involved). */
    public TestReply login(String email, String password) {
        return postJson("/login", "{\"username\":" + TestRequests.quote(email) + ",\"password\":" + TestRequests.quote(password) + "}");
    }

    /** The caller's own account as {@code GET /api/v1/me} shows it; insists on 200. */
    public Map<String, Object> me(String token) {
        return get(ME, token).assertStatus(200).json();
    }

    /** The id of the token's user. */
    public String idOf(String token) {
        return (String) me(token).get("id");
    }

    /** A user as {@code GET /api/v1/users/{id}} shows it to the given token (none without security); insists on 200. */
    public Map<String, Object> user(String id, String token) {
        return get(USERS + "/" + id, token).assertStatus(200).json();
    }

    /** Creates a user through {@code POST /api/v1/users} as the given admin; insists on 201 and returns its id. */
    public String createUser(String body, String adminToken) {
        return (String) create(body, adminToken).get("id");
    }

    /** Creates a user from a JSON body as the given admin (none without security); insists on 201; returns the user. */
    public Map<String, Object> create(String body, String adminToken) {
        TestReply reply = postJson(USERS, body, adminToken);
        assertThat(reply.status()).as("create %s -> %s", body, reply.body()).isEqualTo(201);
        return reply.json();
    }

    /** Creates a user without a token (the tests of the users API run without security); returns the created user. */
    public Map<String, Object> create(String body) {
        return create(body, null);
    }

    public Map<String, Object> createWithEmail(String email) {
        return create("{\"email\":" + TestRequests.quote(email) + "}");
    }

    /** The list endpoint with query parameters given as name, value, name, value, ... (names may repeat), no token. */
    public TestReply list(String... parameters) {
        return get(TestRequests.uri(USERS, parameters));
    }

    /** The count endpoint with query parameters as for {@link #list}, no token. */
    public TestReply count(String... parameters) {
        return get(TestRequests.uri(USERS + "/count", parameters));
    }

    private TestReply checked(String method, String path, int status, Map<String, List<String>> headers, String body) {
        List<String> contentTypes = headers.get("content-type");
        String contentType = contentTypes == null || contentTypes.isEmpty() ? null : contentTypes.get(0);
        List<String> violations = checks.violations(method, path, status, contentType, body);
        assertThat(violations).as("what is wrong with the answer to %s %s: %s %s %s", method, path, status, contentType, body)
                .isEmpty();
        return new TestReply(method, path, status, headers, body, json);
    }
}
