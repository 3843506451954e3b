package dev.roster.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Test helper: one answer of the server, success or error, as {@link TestClient} received it: status, headers (names in
 * lower case), the raw body, and the request it answers. It exists only after {@link ResponseChecks} passed.
 */
public final class TestReply {
    private final String method;
    private final String path;
    private final int status;
    private final Map<String, List<String>> headers;
    private final String body;
    private final JsonMapper mapper;

    TestReply(String method, String path, int status, Map<String, List<String>> headers, String body, JsonMapper mapper) {
        this.method = method;
        this.path = path;
        this.status = status;
        this.headers = Map.copyOf(headers);
        this.body = body;
        this.mapper = mapper;
    }

    public int status() {
        return status;
    }

    /** The body as text, empty when there is none. */
    public String body() {
        return body;
    }

    /** Every header, names in lower case. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of the header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String contentType() {
        return header(HttpHeaders.CONTENT_TYPE);
    }

    public String location() {
        return header(HttpHeaders.LOCATION);
    }

    public String etag() {
        return header(HttpHeaders.ETAG);
    }

    /** The body as a JSON object. */
    public Map<String, Object> json() {
        try {
            return mapper.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON object: " + body, e);
        }
    }

    /** The body as a JSON array of objects. */
    public List<Map<String, Object>> jsonArray() {
        try {
            return mapper.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON array: " + body, e);
        }
    }

    /** The {@code items} of a page. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> items() {
        return (List<Map<String, Object>>) json().get("items");
    }

    /** The emails of a page's items, in order. */
    public List<String> emails() {
        return items().stream().map(item -> (String) item.get("email")).toList();
    }

    public String nextCursor() {
        return (String) json().get("nextCursor");
    }

    /** The number in a member of the JSON object, e.g. {@code count} or an import report's {@code created}. */
    public long count(String member) {
        return ((Number) json().get(member)).longValue();
    }

    /** The {@code count} of {@code GET /api/v1/users/count}. */
    public long countValue() {
        return count("count");
    }

    /** The {@code errors} member: a problem's field errors or an import report's row errors (empty when absent). */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> errors() {
        Object errors = json().get("errors");
        return errors == null ? List.of() : (List<Map<String, Object>>) errors;
    }

    /** The {@code field} of every error, in order. */
    public List<String> errorFields() {
        List<String> fields = new ArrayList<>();
        for (Map<String, Object> error : errors()) {
            fields.add((String) error.get("field"));
        }
        return fields;
    }

    /** An import report's errors as "line field" strings, in report order. */
    public List<String> errorPlaces() {
        return errors().stream().map(error -> ((Number) error.get("line")).longValue() + " " + error.get("field")).toList();
    }

    /** A problem's {@code detail}. */
    public String detail() {
        return (String) json().get("detail");
    }

    public TestReply assertStatus(int expected) {
        assertThat(status).as("status of the answer to %s %s: %s", method, path, this).isEqualTo(expected);
        return this;
    }

    /** Asserts an RFC 9457 problem of this status and slug whose instance is the request's path. */
    public TestReply assertProblem(int expectedStatus, String slug) {
        return assertProblem(expectedStatus, slug, path);
    }

    /** Asserts an RFC 9457 problem of this status and slug whose instance is the given path. */
    public TestReply assertProblem(int expectedStatus, String slug, String instance) {
        assertStatus(expectedStatus);
        assertThat(contentType()).as("content type of %s", this).isNotNull().startsWith(ResponseChecks.PROBLEM_JSON);
        Map<String, Object> problem = json();
        assertThat(problem.get("type")).as("type of %s", this).isEqualTo("/problems/" + slug);
        assertThat(((Number) problem.get("status")).intValue()).isEqualTo(expectedStatus);
        assertThat(problem.get("instance")).as("instance of %s", this).isEqualTo(instance);
        return this;
    }

    /** Asserts a 400 validation-failed problem for the request's path that names exactly these fields. */
    public TestReply assertValidationFailed(String... fields) {
        assertProblem(400, "validation-failed");
        assertThat(errorFields()).as("fields named by %s", this).containsExactlyInAnyOrder(fields);
        return this;
    }

    /** A 401 problem that tells the client how to authenticate (RFC 6750 section 3): {@code WWW-Authenticate: Bearer}. */
    public TestReply assertUnauthorized() {
        assertProblem(401, "unauthorized");
        assertThat(header("WWW-Authenticate")).as("WWW-Authenticate of a 401").isNotNull().startsWith("Bearer");
        return this;
    }

    public TestReply assertForbidden() {
        return assertProblem(403, "forbidden");
    }

    public TestReply assertNotFound() {
        return assertProblem(404, "not-found");
    }

    /** Asserts a 200 import report of a real (not dry) run with exactly these counts. */
    public TestReply assertImportReport(long processed, long created, long updated, long skipped, long failed) {
        return assertImportReport(false, processed, created, updated, skipped, failed);
    }

    public TestReply assertImportReport(boolean dryRun, long processed, long created, long updated, long skipped, long failed) {
        assertStatus(200);
        assertThat(contentType()).startsWith("application/json");
        Map<String, Object> report = json();
        assertThat(report.get("dryRun")).as("dryRun in %s", body).isEqualTo(dryRun);
        assertThat(List.of(count("processed"), count("created"), count("updated"), count("skipped"), count("failed")))
                .as("processed, created, updated, skipped, failed in %s", body)
                .containsExactly(processed, created, updated, skipped, failed);
        assertThat(report).containsKey("errorsTruncated");
        return this;
    }

    @Override
    public String toString() {
        return status + " " + Objects.toString(contentType(), "") + " " + body;
    }
}
