package dev.roster.bootstrap.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestRequests;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Test helper for the secured API: sends a request with an optional bearer token and returns every answer, success
 * or error, as a {@link Reply} with the raw body and all headers. Every body is checked on the way for password hashes
 * (and for any further text a test names), every JSON body for leaked stack traces.
 */
final class SecuredApi {
    static final String USERS = "/api/v1/users";
    static final String ME = "/api/v1/me";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final BlockingHttpClient http;
    private final JsonMapper json;
    private final List<String> forbiddenInBodies;

    SecuredApi(HttpClient client, JsonMapper json, String... alsoForbiddenInBodies) {
        this.http = client.toBlocking();
        this.json = json;
        List<String> forbidden = new ArrayList<>(List.of("$argon2"));
        forbidden.addAll(List.of(alsoForbiddenInBodies));
        this.forbiddenInBodies = List.copyOf(forbidden);
    }

    /** Sends the request with {@code Authorization: Bearer <token>} unless the token is null. */
    Reply send(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        HttpResponse<?> response;
        String body;
        try {
            HttpResponse<String> ok = http.exchange(request, Argument.of(String.class), Argument.of(String.class));
            response = ok;
            body = ok.getBody(String.class).orElse("");
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
            body = e.getResponse().getBody(String.class).orElse("");
        }
        for (String forbidden : forbiddenInBodies) {
            assertThat(body).as("response body of %s %s", request.getMethodName(), request.getPath())
                    .doesNotContain(forbidden);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        response.getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        Reply reply = new Reply(response.getStatus().getCode(), headers, body, json);
        if (reply.contentType() != null && reply.contentType().contains("json")) {
            assertThat(body).as("JSON body of %s %s", request.getMethodName(), request.getPath())
                    .doesNotContain("at dev.roster")
                    .doesNotContain("at io.micronaut")
                    .doesNotContain("Exception");
        }
        return reply;
    }

    Reply get(String uri, String token) {
        return send(HttpRequest.GET(uri), token);
    }

    Reply postJson(String uri, String body, String token) {
        return send(HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
    }

    /** A POST without a body (deactivate, reactivate). */
    Reply post(String uri, String token) {
        return send(HttpRequest.POST(uri, ""), token);
    }

    Reply putJson(String uri, String body, String token) {
        return send(HttpRequest.PUT(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE), token);
    }

    /** A PUT without a body (grant a role). */
    Reply put(String uri, String token) {
        return send(HttpRequest.PUT(uri, ""), token);
    }

    Reply patch(String uri, String body, String token) {
        return send(HttpRequest.PATCH(uri, body).contentType(MERGE_PATCH_JSON), token);
    }

    Reply delete(String uri, String token) {
        return send(HttpRequest.DELETE(uri), token);
    }

    /** {@code POST /login}, answered as it is (no token involved). */
    Reply login(String email, String password) {
        return postJson("/login", "{\"username\":" + quote(email) + ",\"password\":" + quote(password) + "}", null);
    }

    /** The caller's own account as {@code GET /api/v1/me} shows it; insists on 200. */
    Map<String, Object> me(String token) {
        return get(ME, token).assertStatus(200).json();
    }

    /** A user as {@code GET /api/v1/users/{id}} shows it to the given (admin or auditor) token; insists on 200. */
    Map<String, Object> user(String id, String token) {
        return get(USERS + "/" + id, token).assertStatus(200).json();
    }

    /** The id of the token's user. */
    String idOf(String token) {
        return (String) me(token).get("id");
    }

    /** Creates a user through {@code POST /api/v1/users} as the given admin; insists on 201 and returns its id. */
    String createUser(String body, String adminToken) {
        return (String) postJson(USERS, body, adminToken).assertStatus(201).json().get("id");
    }

    static String uri(String path, String... parameters) {
        return TestRequests.uri(path, parameters);
    }

    static String quote(String text) {
        return TestRequests.quote(text);
    }

    /** One answer of the server: status, headers (names in lower case) and the raw body. */
    record Reply(int status, Map<String, List<String>> headers, String body, JsonMapper mapper) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        String contentType() {
            return header(HttpHeaders.CONTENT_TYPE);
        }

        Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + body, e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) json().get("items");
        }

        @SuppressWarnings("unchecked")
        List<String> errorFields() {
            Object errors = json().get("errors");
            List<String> fields = new ArrayList<>();
            if (errors != null) {
                for (Object error : (List<Object>) errors) {
                    fields.add((String) ((Map<String, Object>) error).get("field"));
                }
            }
            return fields;
        }

        Reply assertStatus(int expected) {
            assertThat(status).as("status of the answer %s", this).isEqualTo(expected);
            return this;
        }

        /** Asserts an RFC 9457 problem document of this status and slug. */
        Reply assertProblem(int expectedStatus, String slug) {
            assertStatus(expectedStatus);
            assertThat(contentType()).as("content type of %s", this).isNotNull().startsWith(PROBLEM_JSON);
            Map<String, Object> problem = json();
            assertThat(problem.get("type")).as("type of %s", this).isEqualTo("/problems/" + slug);
            assertThat(((Number) problem.get("status")).intValue()).isEqualTo(expectedStatus);
            assertThat(problem.get("title")).isInstanceOf(String.class);
            assertThat(problem.get("detail")).isInstanceOf(String.class);
            assertThat(problem.get("instance")).isInstanceOf(String.class);
            return this;
        }

        Reply assertUnauthorized() {
            return assertProblem(401, "unauthorized");
        }

        Reply assertForbidden() {
            return assertProblem(403, "forbidden");
        }

        Reply assertValidationFailed(String... fields) {
            assertProblem(400, "validation-failed");
            assertThat(errorFields()).as("fields named by %s", this).containsExactlyInAnyOrder(fields);
            return this;
        }

        String detail() {
            return (String) json().get("detail");
        }

        @Override
        public String toString() {
            return status + " " + Objects.toString(contentType(), "") + " " + body;
        }
    }
}
