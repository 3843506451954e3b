package dev.roster.bootstrap.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestRequests;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test helper: sends requests to the running server and returns every answer, success or error, as a {@link Reply}
 * with the raw body. Every body is checked for leaked stack traces on the way.
 */
final class Api {
    static final String USERS = "/api/v1/users";
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    static final String PROBLEM_JSON = "application/problem+json";

    private final BlockingHttpClient http;
    private final JsonMapper json;

    Api(BlockingHttpClient http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    Reply send(MutableHttpRequest<?> request) {
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
        assertThat(body).as("response body of %s %s", request.getMethodName(), request.getPath())
                .doesNotContain("at dev.roster")
                .doesNotContain("at io.micronaut")
                .doesNotContain("Exception");
        return new Reply(response.getStatus().getCode(), response.getHeaders().get(HttpHeaders.CONTENT_TYPE),
                response.getHeaders().get(HttpHeaders.LOCATION), response.getHeaders().get(HttpHeaders.ETAG), body, json);
    }

    Reply get(String uri) {
        return send(HttpRequest.GET(uri));
    }

    Reply postJson(String uri, String body) {
        return send(HttpRequest.POST(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    Reply patch(String uri, String body) {
        return send(HttpRequest.PATCH(uri, body).contentType(MERGE_PATCH_JSON));
    }

    Reply patch(String uri, String body, String ifMatch) {
        return send(HttpRequest.PATCH(uri, body).contentType(MERGE_PATCH_JSON).header(HttpHeaders.IF_MATCH, ifMatch));
    }

    Reply putJson(String uri, String body) {
        return send(HttpRequest.PUT(uri, body).contentType(MediaType.APPLICATION_JSON_TYPE));
    }

    /** Creates a user from a JSON body and insists on 201; returns the created user. */
    Map<String, Object> create(String body) {
        Reply reply = postJson(USERS, body);
        assertThat(reply.status()).as("create %s -> %s", body, reply.body()).isEqualTo(201);
        return reply.json();
    }

    Map<String, Object> createWithEmail(String email) {
        return create("{\"email\":" + quote(email) + "}");
    }

    /** The list endpoint with query parameters given as name, value, name, value, ... (names may repeat). */
    Reply list(String... parameters) {
        return get(uri(USERS, parameters));
    }

    Reply count(String... parameters) {
        return get(uri(USERS + "/count", parameters));
    }

    static String uri(String path, String... parameters) {
        return TestRequests.uri(path, parameters);
    }

    static String quote(String text) {
        return TestRequests.quote(text);
    }

    /** One answer of the server. */
    record Reply(int status, String contentType, String location, String etag, String body, JsonMapper mapper) {

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

        List<String> emails() {
            return items().stream().map(item -> (String) item.get("email")).toList();
        }

        String nextCursor() {
            return (String) json().get("nextCursor");
        }

        long countValue() {
            return ((Number) json().get("count")).longValue();
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

        /** Asserts an RFC 9457 problem of this status and slug whose instance is the request path. */
        Reply assertProblem(int expectedStatus, String slug, String instance) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType).as("content type").isNotNull().startsWith(PROBLEM_JSON);
            Map<String, Object> problem = json();
            assertThat(problem.get("type")).isEqualTo("/problems/" + slug);
            assertThat(((Number) problem.get("status")).intValue()).isEqualTo(expectedStatus);
            assertThat(problem.get("instance")).isEqualTo(instance);
            assertThat(problem.get("title")).isInstanceOf(String.class);
            assertThat(problem.get("detail")).isInstanceOf(String.class);
            return this;
        }

        Reply assertValidationFailed(String instance, String... fields) {
            assertProblem(400, "validation-failed", instance);
            assertThat(errorFields()).containsExactlyInAnyOrder(fields);
            return this;
        }

        @Override
        public String toString() {
            return status + " " + Objects.toString(contentType, "") + " " + body;
        }
    }
}
