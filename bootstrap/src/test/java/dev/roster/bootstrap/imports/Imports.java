package dev.roster.bootstrap.imports;

import dev.roster.bootstrap.TestClient;
import dev.roster.bootstrap.TestReply;
import dev.roster.bootstrap.TestRequests;
import io.micronaut.http.HttpRequest;

import java.nio.charset.StandardCharsets;

/**
 * Test helper: the requests of {@code POST /api/v1/users/import}, a body with a Content-Length or chunked without one,
 * sent through {@link TestClient}.
 */
final class Imports {
    static final String IMPORT = "/api/v1/users/import";
    static final String CSV = "text/csv";
    static final String NDJSON = "application/x-ndjson";

    private final TestClient http;

    Imports(TestClient http) {
        this.http = http;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    TestReply csv(String token, String body, String... parameters) {
        return post(CSV, utf8(body), token, parameters);
    }

    TestReply ndjson(String token, String body, String... parameters) {
        return post(NDJSON, utf8(body), token, parameters);
    }

    /** Posts the bytes as they are, with a Content-Length. */
    TestReply post(String contentType, byte[] body, String token, String... parameters) {
        return http.send(HttpRequest.POST(TestRequests.uri(IMPORT, parameters), body).contentType(contentType), token);
    }

    /** Posts the bytes without a Content-Length (HTTP/1.1 chunked transfer encoding). */
    TestReply chunked(String contentType, byte[] body, String token, String... parameters) {
        return http.postChunked(TestRequests.uri(IMPORT, parameters), contentType, body, token);
    }

    /** Users in every status, the first administrator included. */
    long userCount(String token) {
        return http.get("/api/v1/users/count?status=ALL", token).assertStatus(200).countValue();
    }
}
