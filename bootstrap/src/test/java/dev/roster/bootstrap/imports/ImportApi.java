package dev.roster.bootstrap.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.bootstrap.TestRequests;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Test helper for {@code POST /api/v1/users/import}: sends a body with a Content-Length (Micronaut's client) or chunked
 * without one (the JDK's client), and returns every answer, success or error, with its content type and parsed JSON.
 */
final class ImportApi {
    static final String IMPORT = "/api/v1/users/import";
    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";
    static final String PROBLEM_JSON = "application/problem+json";

    private final BlockingHttpClient client;
    private final JsonMapper json;
    private final URL server;

    ImportApi(BlockingHttpClient client, JsonMapper json, URL server) {
        this.client = client;
        this.json = json;
        this.server = server;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    Answer csv(String token, String body, String... parameters) {
        return post(CSV, utf8(body), token, parameters);
    }

    Answer ndjson(String token, String body, String... parameters) {
        return post(NDJSON, utf8(body), token, parameters);
    }

    /** Posts the bytes as they are, with a Content-Length. */
    Answer post(String contentType, byte[] body, String token, String... parameters) {
        MutableHttpRequest<byte[]> request = HttpRequest.POST(TestRequests.uri(IMPORT, parameters), body).contentType(contentType);
        return send(request, token);
    }

    /** Users in every status, the first administrator included. */
    long userCount(String token) {
        Answer answer = send(io.micronaut.http.HttpRequest.GET("/api/v1/users/count?status=ALL"), token);
        return ((Number) answer.json().get("count")).longValue();
    }

    /** Any request, with a bearer token (or none). */
    Answer send(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        HttpResponse<?> response;
        String body;
        try {
            HttpResponse<String> ok = client.exchange(request, Argument.of(String.class), Argument.of(String.class));
            response = ok;
            body = ok.getBody(String.class).orElse("");
        } catch (HttpClientResponseException e) {
            response = e.getResponse();
            body = e.getResponse().getBody(String.class).orElse("");
        }
        return new Answer(response.getStatus().getCode(), response.getHeaders().get(HttpHeaders.CONTENT_TYPE), body, json);
    }

    /** Posts the bytes without a Content-Length (HTTP/1.1 chunked transfer encoding). */
    Answer chunked(String contentType, byte[] body, String token, String... parameters) {
        URI uri = URI.create(server.toString()).resolve(TestRequests.uri(IMPORT, parameters));
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(uri)
                .version(HttpClient.Version.HTTP_1_1)
                .header(HttpHeaders.CONTENT_TYPE, contentType)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        try {
            java.net.http.HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue(HttpHeaders.CONTENT_TYPE).orElse(null),
                    response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer of the server. */
    record Answer(int status, String contentType, String body, JsonMapper mapper) {

        Map<String, Object> json() {
            try {
                return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not a JSON object: " + body, e);
            }
        }

        long count(String name) {
            return ((Number) json().get(name)).longValue();
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json().get("errors");
        }

        /** The errors as "line field" strings, in report order. */
        List<String> errorPlaces() {
            return errors().stream().map(error -> ((Number) error.get("line")).longValue() + " " + error.get("field")).toList();
        }

        /** Asserts a 200 report of a real (not dry) run with exactly these counts. */
        Answer assertReport(long processed, long created, long updated, long skipped, long failed) {
            return assertReport(false, processed, created, updated, skipped, failed);
        }

        Answer assertReport(boolean dryRun, long processed, long created, long updated, long skipped, long failed) {
            assertThat(status).as("status of %s", body).isEqualTo(200);
            assertThat(contentType).startsWith("application/json");
            Map<String, Object> report = json();
            assertThat(report.get("dryRun")).as("dryRun in %s", body).isEqualTo(dryRun);
            assertThat(List.of(count("processed"), count("created"), count("updated"), count("skipped"), count("failed")))
                    .as("processed, created, updated, skipped, failed in %s", body)
                    .containsExactly(processed, created, updated, skipped, failed);
            assertThat(report).containsKey("errorsTruncated");
            return this;
        }

        /** Asserts an RFC 9457 problem of this status and slug for the import path. */
        Answer assertProblem(int expectedStatus, String slug) {
            return assertProblem(expectedStatus, slug, IMPORT);
        }

        Answer assertProblem(int expectedStatus, String slug, String instance) {
            assertThat(status).as("status of %s", body).isEqualTo(expectedStatus);
            assertThat(contentType).as("content type of %s", body).isNotNull().startsWith(PROBLEM_JSON);
            Map<String, Object> problem = json();
            assertThat(problem.get("type")).isEqualTo("/problems/" + slug);
            assertThat(((Number) problem.get("status")).intValue()).isEqualTo(expectedStatus);
            assertThat(problem.get("instance")).isEqualTo(instance);
            assertThat(body).doesNotContain("Exception").doesNotContain("at dev.roster");
            return this;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
