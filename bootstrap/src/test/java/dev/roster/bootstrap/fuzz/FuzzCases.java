package dev.roster.bootstrap.fuzz;

import dev.roster.bootstrap.fuzz.MalformedInputs.Bytes;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static dev.roster.bootstrap.fuzz.MalformedInputs.percentEncode;
import static dev.roster.bootstrap.fuzz.MalformedInputs.quote;
import static dev.roster.bootstrap.fuzz.MalformedInputs.utf8;

/**
 * Test helper: the API's endpoints (SPEC §2, docs/operations.md "Endpoints") and, for each, generated requests that
 * are malformed in one or several ways: path segments, query parameters, method, credentials, body, content type and
 * other headers. Each case carries a short label of what is odd about it.
 */
final class FuzzCases {
    enum BodyKind { NONE, JSON, PATCH, BULK, IMPORT }

    /**
     * Who normally calls the endpoint: an administrator, any signed-in user (self-service), anyone (login), or an
     * erasure recipient, with no token but a Standard Webhooks signature over the body (its confirmations).
     */
    enum Caller { ADMIN, SELF, ANONYMOUS, SIGNED }

    /**
     * One endpoint. Placeholders in the template: {id} a live user, {victim} a user that destructive calls may use up,
     * {fileId}, {role}, {email}, {receiptId}, {recipient} the erasure recipient, {other} an id that names nothing.
     */
    record Endpoint(String method, String template, BodyKind body, List<String> fields, List<String> params,
                    List<String> presets, Caller caller, int requests) {
        String key() {
            return method + " " + template;
        }
    }

    /** One generated request, the endpoint it aims at and what is odd about it. */
    record Case(int number, String endpoint, String kind, RawHttp.Request request) {
    }

    /**
     * The real things requests refer to: tokens by role and ids of users, files and a receipt; an erasure recipient
     * (its id and secret) that was asked about the erased user.
     */
    record Fixture(String adminToken, String userToken, String auditorToken, String userId, List<String> targets,
                   List<String> victims, List<String> fileIds, String receiptId, String jwtSecret, List<String> requestIds,
                   String ownRequestId, String recipientId, String recipientSecret, String erasedUserId) {
    }

    private static final List<String> CREATE_FIELDS = List.of("email", "displayName", "phone", "attributes", "roles", "password");
    private static final List<String> PROFILE_FIELDS = List.of("email", "displayName", "phone", "attributes");
    private static final List<String> SELF_FIELDS = List.of("displayName", "phone", "attributes");
    private static final List<String> IMPORT_FIELDS = List.of("email", "displayName", "phone", "attributes", "roles", "passwordHash", "createdAt");
    private static final List<String> UNKNOWN_FIELDS = List.of("id", "status", "version", "passwordHash", "createdAt", "deletedAt",
            "active", "roles", "email", "password", "__proto__", "constructor", "EMAIL", "emaiL", "", "x".repeat(100), "a.b", "role");
    private static final List<String> FILTERS = List.of("q", "status", "role", "createdFrom", "createdTo", "attr");
    private static final List<String> GENERIC_PARAMS = List.of("foo", "", "__proto__", "a[b]", "x".repeat(300), "limit", "q",
            "id", "format", "%ZZ");

    private static final List<String> ACCEPTS = List.of("application/xml", "text/csv", "*/*", "garbage", "", "application/json;q=abc",
            "text/html;q=0.9, application/problem+json;q=0.1", "application/*", "*/json", "image/png", "application/json; charset=latin1",
            "text/event-stream", "application/x-ndjson", "a/b, ".repeat(200) + "*/*;q=0");
    private static final List<String> IF_MATCH = List.of("garbage", "\"abc\"", "W/\"1\"", "*", "\"99999999999999999999\"", "\"-5\"",
            "\"", "\"1\", \"2\"", "\"" + "9".repeat(3000) + "\"", "\"\"", "\"1", "1", "\" 1 \"", "W/", "\"0\"", "\"1\"");
    private static final List<String> ODD_METHODS = List.of("HEAD", "OPTIONS", "TRACE", "FOO", "get", "PROPFIND", "GET", "POST",
            "PUT", "PATCH", "DELETE", "M".repeat(100));

    private final MalformedInputs in;
    private final Fixture fixture;
    private final Map<String, String> authorizationOddities;
    private final List<String> oddAuthorizations;
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private int number;

    FuzzCases(MalformedInputs inputs, Fixture fixture) {
        this.in = inputs;
        this.fixture = fixture;
        secrets.put(fixture.adminToken(), "<admin token>");
        secrets.put(fixture.userToken(), "<USER token>");
        secrets.put(fixture.auditorToken(), "<AUDITOR token>");
        this.authorizationOddities = authorizationOddities();
        this.oddAuthorizations = List.copyOf(authorizationOddities.values());
    }

    /** Tokens replaced by their role, for printing a request. */
    String redact(String text) {
        String redacted = text;
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            redacted = redacted.replace(secret.getKey(), secret.getValue());
        }
        return redacted;
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        List<String> none = List.of();
        List<String> listParams = new ArrayList<>(FILTERS);
        listParams.addAll(List.of("sort", "limit", "cursor", "offset"));
        List<String> exportParams = new ArrayList<>(FILTERS);
        exportParams.addAll(List.of("format", "fields"));
        List<String> filterPresets = List.of("createdFrom=-999999999-01-01T00:00:00Z", "createdTo=%2B999999999-12-31T23:59:59Z",
                "createdFrom=%2B10000-01-01T00:00:00Z&createdTo=%2B10001-01-01T00:00:00Z", "createdFrom=0000-01-01T00:00:00Z",
                "createdFrom=2026-01-01T00:00:00%2B18:00&createdTo=2025-01-01T00:00:00-18:00", "q=%00", "attr=k:%00", "attr=%00:v",
                "q=%C3%28", "q=%ED%A0%80", "q=%C2%85", "attr=k:%C2%9B", "q=%C0%AF", "attr=k:%ED%B0%80");

        all.add(new Endpoint("POST", "/login", BodyKind.JSON, List.of("username", "password"), none, none, Caller.ANONYMOUS, 55));
        all.add(new Endpoint("POST", "/api/v1/users", BodyKind.JSON, CREATE_FIELDS, none, none, Caller.ADMIN, 80));
        List<String> listPresets = new ArrayList<>(filterPresets);
        listPresets.addAll(List.of("offset=9223372036854775807", "limit=500&offset=2147483648", "limit=0", "limit=-1",
                "sort=email&cursor=garbage", "cursor=eyJ9", "cursor=" + "A".repeat(3000), "status=ALL&sort=-email&limit=1",
                "q=%25&status=ALL", "q=_&attr=team:fuzz", "attr=a:b&attr=c:d&attr=%3A", "limit=1&limit=2"));
        all.add(new Endpoint("GET", "/api/v1/users", BodyKind.NONE, none, listParams, listPresets, Caller.ADMIN, 80));
        all.add(new Endpoint("GET", "/api/v1/users/count", BodyKind.NONE, none, FILTERS, filterPresets, Caller.ADMIN, 40));
        all.add(new Endpoint("GET", "/api/v1/users/{id}", BodyKind.NONE, none, none, none, Caller.ADMIN, 40));
        all.add(new Endpoint("PATCH", "/api/v1/users/{id}", BodyKind.PATCH, PROFILE_FIELDS, none, none, Caller.ADMIN, 70));
        all.add(new Endpoint("PUT", "/api/v1/users/by-email/{email}", BodyKind.JSON, SELF_FIELDS, none, none, Caller.ADMIN, 50));
        all.add(new Endpoint("DELETE", "/api/v1/users/{victim}", BodyKind.NONE, none, List.of("hard", "cascade"),
                List.of("hard=true", "hard=true&cascade=true", "cascade=true", "hard=maybe", "hard=TRUE&cascade=1", "hard=&cascade="),
                Caller.ADMIN, 35));
        all.add(new Endpoint("POST", "/api/v1/users/{victim}/restore", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("POST", "/api/v1/users/{victim}/deactivate", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("POST", "/api/v1/users/{victim}/reactivate", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("PUT", "/api/v1/users/{id}/roles/{role}", BodyKind.NONE, none, none, none, Caller.ADMIN, 25));
        all.add(new Endpoint("DELETE", "/api/v1/users/{id}/roles/{role}", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("PUT", "/api/v1/users/{id}/password", BodyKind.JSON, List.of("password"), none, none, Caller.ADMIN, 40));
        all.add(new Endpoint("GET", "/api/v1/users/{id}/files", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("POST", "/api/v1/users/{id}/files", BodyKind.JSON, List.of("name", "sizeBytes", "contentType"), none, none,
                Caller.ADMIN, 45));
        all.add(new Endpoint("DELETE", "/api/v1/users/{victim}/files/{fileId}", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("GET", "/api/v1/users/{id}/erasure-preview", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("POST", "/api/v1/users/{victim}/anonymize", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("GET", "/api/v1/users/{id}/export", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("PUT", "/api/v1/users/{victim}/legal-hold", BodyKind.JSON, List.of("reason"), none, none, Caller.ADMIN, 35));
        all.add(new Endpoint("DELETE", "/api/v1/users/{victim}/legal-hold", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("GET", "/api/v1/erasure-receipts/{receiptId}", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("POST", "/api/v1/erasure-ledger/replay", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        all.add(new Endpoint("POST", "/api/v1/users/bulk", BodyKind.BULK, none, none, none, Caller.ADMIN, 75));
        all.add(new Endpoint("POST", "/api/v1/users/import", BodyKind.IMPORT, none, List.of("dryRun", "onConflict"),
                List.of("dryRun=true", "onConflict=update", "dryRun=maybe&onConflict=NOPE", "onConflict=fail&dryRun=TRUE"), Caller.ADMIN, 55));
        List<String> exportPresets = new ArrayList<>(filterPresets);
        exportPresets.addAll(List.of("format=json&fields=email", "format=ndjson&status=ALL", "fields=passwordHash", "format=CSV",
                "format=json&createdFrom=-999999999-01-01T00:00:00Z", "fields=email,email", "fields=%2Cemail"));
        all.add(new Endpoint("GET", "/api/v1/users/export", BodyKind.NONE, none, exportParams, exportPresets, Caller.ADMIN, 50));
        all.add(new Endpoint("GET", "/api/v1/stats/signups", BodyKind.NONE, none, List.of("year", "from", "to", "granularity", "tz"),
                List.of("year=2026", "from=2026-01-01&to=2026-12-31&granularity=week&tz=Europe/Berlin",
                        "from=%2B999999999-12-31&to=%2B999999999-12-31", "from=%2B999999999-12-30&to=%2B999999999-12-31&granularity=week",
                        "from=-999999999-01-01&to=-999999999-01-02", "from=-999999999-01-01&to=-999999999-01-01&tz=%2B18:00",
                        "from=-999999999-01-01&to=-999999999-01-01&tz=-18:00", "year=2026&from=2026-01-01", "from=2026-12-31&to=2026-01-01",
                        "from=0001-01-01&to=9999-12-31&granularity=day", "from=9999-12-31&to=9999-12-31&tz=-18:00", "year=9999",
                        "year=1970&tz=UTC", "from=1970-01-01&to=1979-12-31&granularity=month&tz=Pacific/Kiritimati",
                        "from=2026-03-29&to=2026-03-29&tz=Europe/Berlin&granularity=day", "from=0000-01-01&to=0000-12-31&granularity=week"),
                Caller.ADMIN, 65));
        all.add(new Endpoint("GET", "/api/v1/stats/users", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("GET", "/api/v1/audit-events", BodyKind.NONE, none,
                List.of("userId", "actorId", "action", "from", "to", "limit", "cursor"),
                List.of("from=-999999999-01-01T00:00:00Z", "to=%2B999999999-12-31T23:59:59Z", "limit=-1", "limit=0", "limit=2147483647",
                        "limit=2147483648", "cursor=garbage", "cursor=" + "9".repeat(40), "cursor=-1", "cursor=0", "cursor=9223372036854775807",
                        "action=user.created&limit=1", "from=%2B10000-01-01T00:00:00Z&to=%2B10000-01-02T00:00:00Z"),
                Caller.ADMIN, 55));
        all.add(new Endpoint("GET", "/api/v1/audit-events/verify", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        // the change feed (wait is only preset, never random: a valid random wait would hold a request for seconds)
        all.add(new Endpoint("GET", "/api/v1/events", BodyKind.NONE, none, List.of("after", "limit", "type", "userId"),
                List.of("after=-1", "after=99999999999999999999", "after=9223372036854775807", "limit=0", "limit=1001", "wait=31",
                        "wait=-1", "wait=abc", "wait=0", "wait=1.5", "type=user.created,,user.deleted", "type=USER.CREATED",
                        "type=" + "user.created,".repeat(200), "userId=not-a-uuid", "after=0&limit=1&type=user.created&wait=0"),
                Caller.ADMIN, 45));
        // service accounts and webhooks: {other} is an id that names nothing (a 404 after the input was checked)
        all.add(new Endpoint("POST", "/api/v1/service-accounts", BodyKind.JSON, List.of("name", "scopes"), none, none, Caller.ADMIN, 45));
        all.add(new Endpoint("GET", "/api/v1/service-accounts", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        all.add(new Endpoint("GET", "/api/v1/service-accounts/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("DELETE", "/api/v1/service-accounts/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/service-accounts/{other}/key", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/webhooks", BodyKind.JSON, List.of("url", "eventTypes", "description"), none, none,
                Caller.ADMIN, 50));
        all.add(new Endpoint("GET", "/api/v1/webhooks", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        all.add(new Endpoint("GET", "/api/v1/webhooks/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("PATCH", "/api/v1/webhooks/{other}", BodyKind.PATCH, List.of("url", "eventTypes", "description", "active"),
                none, none, Caller.ADMIN, 40));
        all.add(new Endpoint("DELETE", "/api/v1/webhooks/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/webhooks/{other}/secret", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/webhooks/{other}/ping", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("GET", "/api/v1/webhooks/{other}/deliveries", BodyKind.NONE, none, List.of("status", "limit", "cursor"),
                List.of("status=sent", "status=PENDING", "limit=0", "limit=99999", "cursor=garbage"), Caller.ADMIN, 25));
        all.add(new Endpoint("POST", "/api/v1/webhooks/{other}/deliveries/{other}/retry", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        // privacy requests: {request} names requests about victims (completing one may erase or restrict its user)
        all.add(new Endpoint("POST", "/api/v1/privacy-requests", BodyKind.JSON, List.of("type", "userId", "receivedAt", "note"), none,
                none, Caller.ADMIN, 50));
        all.add(new Endpoint("GET", "/api/v1/privacy-requests", BodyKind.NONE, none,
                List.of("status", "type", "userId", "overdue", "dueBefore", "cursor", "limit"),
                List.of("overdue=true&type=ERASURE", "status=RECEIVED,EXTENDED&limit=1", "dueBefore=%2B999999999-12-31T23:59:59Z",
                        "dueBefore=-999999999-01-01T00:00:00Z", "dueBefore=0001-01-01T00:00:00Z", "type=access,,erasure", "status=",
                        "cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("1|9223372036854775807|" + java.util.UUID.randomUUID())),
                        "cursor=" + Base64.getUrlEncoder().withoutPadding().encodeToString(utf8("1|-9223372036854775808|nope")),
                        "cursor=MXwxfA", "limit=500&overdue=TRUE"), Caller.ADMIN, 50));
        all.add(new Endpoint("GET", "/api/v1/privacy-requests/{request}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("GET", "/api/v1/privacy-requests/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        all.add(new Endpoint("POST", "/api/v1/privacy-requests/{request}/extend", BodyKind.JSON, List.of("reason", "months"), none, none,
                Caller.ADMIN, 40));
        all.add(new Endpoint("POST", "/api/v1/privacy-requests/{request}/complete", BodyKind.JSON, List.of("note"), none, none,
                Caller.ADMIN, 35));
        all.add(new Endpoint("POST", "/api/v1/privacy-requests/{request}/refuse", BodyKind.JSON, List.of("reason"), none, none,
                Caller.ADMIN, 35));
        all.add(new Endpoint("GET", "/api/v1/privacy-requests/{request}/package", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("DELETE", "/api/v1/users/{victim}/restriction", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/me/privacy-requests", BodyKind.JSON, List.of("type", "note"), none, none, Caller.SELF, 40));
        all.add(new Endpoint("GET", "/api/v1/me/privacy-requests", BodyKind.NONE, none, List.of("cursor", "limit"),
                List.of("limit=0", "limit=501", "cursor=garbage"), Caller.SELF, 20));
        all.add(new Endpoint("GET", "/api/v1/me/privacy-requests/{ownRequest}/package", BodyKind.NONE, none, none, none, Caller.SELF, 15));
        // erasure recipients: backfill on the real one (nothing new to ask), the rest on ids that name nothing; the
        // confirmations signed with the recipient's secret (mostly), so that the body is what is fuzzed
        all.add(new Endpoint("POST", "/api/v1/erasure-recipients", BodyKind.JSON, List.of("name", "url"), none, none, Caller.ADMIN, 45));
        all.add(new Endpoint("GET", "/api/v1/erasure-recipients", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        all.add(new Endpoint("GET", "/api/v1/erasure-recipients/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("DELETE", "/api/v1/erasure-recipients/{other}", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/erasure-recipients/{other}/secret", BodyKind.NONE, none, none, none, Caller.ADMIN, 15));
        all.add(new Endpoint("POST", "/api/v1/erasure-recipients/{recipient}/backfill", BodyKind.JSON, List.of("since"), none, none,
                Caller.ADMIN, 35));
        all.add(new Endpoint("POST", "/api/v1/erasure-recipients/{recipient}/confirmations", BodyKind.JSON,
                List.of("userId", "erasedAt", "counts"), none, none, Caller.SIGNED, 70));
        all.add(new Endpoint("GET", "/api/v1/me", BodyKind.NONE, none, none, none, Caller.SELF, 20));
        all.add(new Endpoint("PATCH", "/api/v1/me", BodyKind.PATCH, SELF_FIELDS, none, none, Caller.SELF, 40));
        all.add(new Endpoint("PUT", "/api/v1/me/password", BodyKind.JSON, List.of("currentPassword", "newPassword"), none, none, Caller.SELF, 35));
        all.add(new Endpoint("GET", "/api/v1/me/export", BodyKind.NONE, none, none, none, Caller.SELF, 15));
        all.add(new Endpoint("POST", "/api/v1/me/erasure", BodyKind.JSON, List.of("currentPassword"), none, none, Caller.SELF, 20));
        all.add(new Endpoint("DELETE", "/api/v1/me", BodyKind.NONE, none, none, none, Caller.SELF, 10));
        all.add(new Endpoint("GET", "/api/v1", BodyKind.NONE, none, none, none, Caller.SELF, 10));
        all.add(new Endpoint("GET", "/health", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        all.add(new Endpoint("GET", "/prometheus", BodyKind.NONE, none, none, none, Caller.ADMIN, 10));
        all.add(new Endpoint("GET", "{unknown}", BodyKind.NONE, none, none, none, Caller.ADMIN, 20));
        return all;
    }

    // ---------------------------------------------------------------- the same malformations for every endpoint

    /**
     * A fixed list of requests for the endpoint, one odd thing each, so that every endpoint meets every basic
     * malformation at least once (the random cases then combine them): credentials, headers the framework reads before
     * the controller, malformed ids, each body shape, content type and encoding, each query parameter, other methods.
     */
    List<Case> systematic(Endpoint endpoint) {
        List<Case> cases = new ArrayList<>();
        boolean unknownPath = endpoint.template().equals("{unknown}");
        String path = unknownPath ? "/api/v1/nope" : fill(endpoint.template(), null, null);
        String usual = switch (endpoint.caller()) {
            case ADMIN -> "Bearer " + fixture.adminToken();
            case SELF -> "Bearer " + fixture.userToken();
            case ANONYMOUS, SIGNED -> null;
        };
        byte[] body = switch (endpoint.body()) {
            case NONE -> null;
            case JSON, PATCH -> in.validObject(endpoint.fields());
            case BULK -> bulk(true);
            case IMPORT -> utf8("email\n" + in.uniqueEmail() + "\n");
        };
        String contentType = switch (endpoint.body()) {
            case NONE -> null;
            case JSON, BULK -> "application/json";
            case PATCH -> "application/merge-patch+json";
            case IMPORT -> "text/csv";
        };
        if (endpoint.caller() == Caller.SIGNED) {
            signatureCases(endpoint, path, contentType, body, cases);
        } else if (endpoint.caller() != Caller.ANONYMOUS) {
            cases.add(fixed(endpoint, "no token", endpoint.method(), path, null, contentType, body));
            cases.add(fixed(endpoint, "garbage token", endpoint.method(), path, "Bearer garbage", contentType, body));
            if (endpoint.caller() == Caller.ADMIN) {
                cases.add(fixed(endpoint, "USER token", endpoint.method(), path, "Bearer " + fixture.userToken(), contentType, body));
            }
        }
        for (String[] header : new String[][] {{"Origin", "http://evil.example"}, {"X-Forwarded-Host", "::::"},
                {"Forwarded", "for=;;;;"}, {"X-Forwarded-Proto", "gopher"}, {"Accept", "application/xml"}, {"Accept-Encoding", "*"}, {"If-Match", "garbage"},
                {"X-Huge", "h".repeat(6000)}}) {
            Case fixedCase = fixed(endpoint, header[0] + ": " + Describe.text(header[1], 30), endpoint.method(), path, usual, contentType, body);
            fixedCase.request().header(header[0], header[1]);
            cases.add(fixedCase);
        }
        if (!unknownPath) {
            for (String placeholder : placeholders(endpoint.template())) {
                for (String segment : List.of("not-a-uuid", "%ZZ", "%00", "%C3%28", "x".repeat(3000), "0-0-0-0-0", in.uuid())) {
                    cases.add(fixed(endpoint, placeholder + "=" + Describe.text(segment, 30), endpoint.method(),
                            fill(endpoint.template(), placeholder, segment), usual, contentType, body));
                }
            }
        }
        for (String method : List.of("HEAD", "OPTIONS", "TRACE", "FOO", endpoint.method().equals("GET") ? "PUT" : "GET")) {
            cases.add(fixed(endpoint, "method " + method, method, path, usual, contentType, body));
        }
        for (String parameter : endpoint.params()) {
            for (int i = 0; i < 3; i++) {
                String query = "?" + percentEncode(parameter) + "=" + percentEncode(queryValue(parameter));
                cases.add(fixed(endpoint, "query " + Describe.text(query, 60), endpoint.method(), path + query, usual, contentType, body));
            }
        }
        for (String preset : endpoint.presets()) {
            cases.add(fixed(endpoint, "query " + Describe.text(preset, 80), endpoint.method(), path + "?" + preset, usual, contentType, body));
        }
        for (String query : List.of("?limit=1&limit=2&status=A&status=B", "?%ZZ=1", "?q=%FF%FE", "?" + RawHttp.asLatin1(utf8("q=ü")),
                "?=&&=", "?q=" + "x".repeat(3500))) {
            cases.add(fixed(endpoint, "query " + Describe.text(query, 40), endpoint.method(), path + query, usual, contentType, body));
        }
        switch (endpoint.body()) {
            case NONE -> cases.add(fixed(endpoint, "unexpected JSON body", endpoint.method(), path, usual, "application/json", utf8("{\"a\":1}")));
            case IMPORT -> importBodies(endpoint, path, usual, cases);
            default -> jsonBodies(endpoint, path, usual, contentType, cases);
        }
        return cases;
    }

    private void jsonBodies(Endpoint endpoint, String path, String authorization, String contentType, List<Case> cases) {
        List<String> fields = endpoint.body() == BodyKind.BULK ? List.of("atomic", "operations") : endpoint.fields();
        String field = fields.get(0);
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty body", new byte[0]);
        for (String literal : List.of("null", "[]", "\"x\"", "5", "true", "{}", "{}x", "{} {}", "{\"a\":1,}", "{'a':1}", "[1,2")) {
            bodies.put("body " + literal, utf8(literal));
        }
        bodies.put("unknown member", utf8("{\"unknownMember\":1}"));
        for (String wrong : List.of("[]", "{}", "5", "true", "null", "\"\"", "1e309", "\"\\uD800\"", "\"a\\u0000b\"", "{\"k\\u0000\":\"v\\u0000\"}",
                "{\"k\":\"a\\u0000b\"}", "\"a\\u0085b\"", "{\"k\":\"\\u009B[2J\"}", "{\"k\":\"\\uDC00\"}", "\"a\\uD83D\"",
                "[[[[[[[[[[1]]]]]]]]]]")) {
            StringBuilder object = new StringBuilder("{");
            for (String name : fields) {
                object.append(object.length() == 1 ? "" : ",").append(quote(name)).append(':').append(wrong);
            }
            bodies.put("every field " + wrong, utf8(object.append('}').toString()));
        }
        bodies.put("nesting 999", in.deep(999));
        bodies.put("nesting 1001", utf8("[".repeat(1001) + "]".repeat(1001)));
        bodies.put("nesting 100000 unclosed", utf8("{\"a\":".repeat(100_000)));
        bodies.put("invalid UTF-8 C3 28 in a string",
                new Bytes().add("{" + quote(field) + ":\"a").add(new byte[] {(byte) 0xC3, 0x28}).add("b\"}").done());
        bodies.put("invalid UTF-8 FF in a string", new Bytes().add("{" + quote(field) + ":\"").add(new byte[] {(byte) 0xFF}).add("\"}").done());
        bodies.put("invalid UTF-8 in a member name", new Bytes().add("{\"").add(new byte[] {(byte) 0xC0, (byte) 0xAF}).add("\":1}").done());
        bodies.put("raw control character in a string", utf8("{" + quote(field) + ":\"a\u0001b\"}"));
        bodies.put("raw C1 control (C2 85) in a string", new Bytes().add("{" + quote(field) + ":\"a").add(new byte[] {(byte) 0xC2, (byte) 0x85})
                .add("b\"}").done());
        bodies.put("overlong UTF-8 C0 AF in a string",
                new Bytes().add("{" + quote(field) + ":\"a").add(new byte[] {(byte) 0xC0, (byte) 0xAF}).add("b\"}").done());
        bodies.put("overlong UTF-8 E0 80 AF in a string",
                new Bytes().add("{" + quote(field) + ":\"a").add(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}).add("b\"}").done());
        bodies.put("UTF-8-encoded surrogate ED A0 80 in a string",
                new Bytes().add("{" + quote(field) + ":\"a").add(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).add("b\"}").done());
        bodies.put("escaped lone surrogate in a member name", utf8("{\"\\uD800\":1}"));
        if (fields.contains("attributes")) { // otherwise valid, so that only the attribute value can refuse it
            String email = endpoint.method().equals("POST") ? "\"email\":" + quote(in.uniqueEmail()) + "," : "";
            bodies.put("attribute value with escaped NUL", utf8("{" + email + "\"attributes\":{\"k\":\"a\\u0000b\"}}"));
            bodies.put("attribute value with escaped C1 control", utf8("{" + email + "\"attributes\":{\"k\":\"a\\u0085b\"}}"));
            bodies.put("displayName with escaped C1 control", utf8("{" + email + "\"displayName\":\"a\\u009Bb\"}"));
        }
        if (endpoint.body() == BodyKind.BULK) {
            bodies.put("bulk create with NUL in an attribute value", utf8("{\"atomic\":false,\"operations\":[{\"op\":\"create\",\"user\":"
                    + "{\"email\":\"" + in.uniqueEmail() + "\",\"attributes\":{\"k\":\"a\\u0000b\"}}}]}"));
            bodies.put("bulk update with NUL in an attribute value", utf8("{\"atomic\":false,\"operations\":[{\"op\":\"update\",\"id\":\""
                    + fixture.targets().get(1) + "\",\"changes\":{\"attributes\":{\"k\":\"a\\u0000b\"},\"displayName\":\"\\u0085\"}}]}"));
        }
        bodies.put("number with 1200 digits", utf8("{" + quote(field) + ":" + "1".repeat(1200) + "}"));
        bodies.put("byte order mark", RawHttp.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, in.validObject(fields)));
        bodies.put("UTF-16LE", new String(in.validObject(fields), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE));
        bodies.put("100k-char string", utf8("{" + quote(field) + ":" + quote("x".repeat(100_000)) + "}"));
        bodies.put("1.1 MB body", utf8("{" + quote(field) + ":" + quote("x".repeat(1_100_000)) + "}"));
        for (Map.Entry<String, byte[]> entry : bodies.entrySet()) {
            cases.add(fixed(endpoint, entry.getKey(), endpoint.method(), path, authorization, contentType, entry.getValue()));
        }
        byte[] valid = endpoint.body() == BodyKind.BULK ? bulk(true) : in.validObject(fields);
        cases.add(fixed(endpoint, "no body at all", endpoint.method(), path, authorization, contentType, null));
        for (String odd : new String[] {null, "text/plain", "application/json; charset=latin1", "multipart/form-data", "garbage",
                "application/x-www-form-urlencoded", "application/json; charset=utf-16", ""}) {
            cases.add(fixed(endpoint, "Content-Type " + odd, endpoint.method(), path, authorization, odd, valid));
        }
        for (String encoding : List.of("gzip", "deflate", "br", "garbage")) {
            Case plain = fixed(endpoint, "Content-Encoding " + encoding + " on a plain body", endpoint.method(), path, authorization,
                    contentType, valid);
            plain.request().header("Content-Encoding", encoding);
            cases.add(plain);
        }
        Case zipped = fixed(endpoint, "gzip body", endpoint.method(), path, authorization, contentType, gzip(valid));
        zipped.request().header("Content-Encoding", "gzip");
        cases.add(zipped);
        Case chunked = fixed(endpoint, "chunked body", endpoint.method(), path, authorization, contentType, RawHttp.chunk(valid, 7));
        chunked.request().header("Transfer-Encoding", "chunked");
        cases.add(chunked);
    }

    private void importBodies(Endpoint endpoint, String path, String authorization, List<Case> cases) {
        String email = in.uniqueEmail();
        Map<String, byte[]> csv = new LinkedHashMap<>();
        csv.put("empty CSV", new byte[0]);
        csv.put("CSV header only", utf8("email\n"));
        csv.put("CSV without email column", utf8("displayName\nx\n"));
        csv.put("CSV invalid UTF-8 in a row",
                new Bytes().add("email,displayName\n" + email + ",a").add(new byte[] {(byte) 0xC3, 0x28}).add("\n").done());
        csv.put("CSV invalid UTF-8 in the header", new Bytes().add("email,").add(new byte[] {(byte) 0xFF}).add("\n").done());
        csv.put("CSV NUL byte", utf8("email\n" + in.uniqueEmail() + "\u0000\n"));
        csv.put("CSV NUL in an attribute value", utf8("email,attributes\n" + in.uniqueEmail() + ",\"{\"\"k\"\":\"\"a\\u0000b\"\"}\"\n"
                + in.uniqueEmail() + ",\n"));
        csv.put("CSV C1 control in displayName", utf8("email,displayName\n" + in.uniqueEmail() + ",a\u0085b\n"));
        csv.put("CSV lone surrogate escaped in an attribute value",
                utf8("email,attributes\n" + in.uniqueEmail() + ",\"{\"\"k\"\":\"\"\\uD800\"\"}\"\n"));
        csv.put("CSV overlong UTF-8 in a row", new Bytes().add("email,displayName\n" + in.uniqueEmail() + ",a")
                .add(new byte[] {(byte) 0xC0, (byte) 0xAF}).add("\n").done());
        csv.put("CSV unbalanced quote", utf8("email,displayName\n" + in.uniqueEmail() + ",\"open\n"));
        csv.put("CSV 1000 columns", utf8("email," + "x,".repeat(999) + "x\n" + in.uniqueEmail() + "\n"));
        csv.put("CSV createdAt -999999999", utf8("email,createdAt\n" + in.uniqueEmail() + ",-999999999-01-01T00:00:00Z\n"));
        csv.put("CSV createdAt +999999999", utf8("email,createdAt\n" + in.uniqueEmail() + ",+999999999-12-31T23:59:59Z\n"));
        csv.put("CSV createdAt year 0", utf8("email,createdAt\n" + in.uniqueEmail() + ",0000-01-01T00:00:00Z\n"));
        csv.put("CSV createdAt year 10000", utf8("email,createdAt\n" + in.uniqueEmail() + ",+10000-01-01T00:00:00Z\n"));
        csv.put("CSV garbage passwordHash",
                utf8("email,passwordHash\n" + in.uniqueEmail() + ",$argon2id$v=19$m=999999999,t=999999,p=255$c2FsdA$aGFzaA\n"));
        csv.put("CSV attributes not JSON", utf8("email,attributes\n" + in.uniqueEmail() + ",{\n"));
        csv.put("CSV roles garbage", utf8("email,roles\n" + in.uniqueEmail() + ",\"[1,null]\"\n"));
        csv.put("CSV 100k-char cell", utf8("email,displayName\n" + in.uniqueEmail() + "," + "d".repeat(100_000) + "\n"));
        for (Map.Entry<String, byte[]> entry : csv.entrySet()) {
            cases.add(fixed(endpoint, entry.getKey(), "POST", path + "?dryRun=true", authorization, "text/csv", entry.getValue()));
        }
        Map<String, byte[]> ndjson = new LinkedHashMap<>();
        for (String line : List.of("null", "[]", "\"x\"", "5", "{}", "{\"email\":5}", "{\"email\":null}", "{\"unknown\":1}", "{}x",
                "[".repeat(1001) + "]".repeat(1001), "{\"email\":\"" + in.uniqueEmail() + "\",\"createdAt\":\"-999999999-01-01T00:00:00Z\"}",
                "{\"email\":\"" + in.uniqueEmail() + "\",\"roles\":\"ADMIN\"}", "{\"email\":\"" + in.uniqueEmail() + "\",\"attributes\":[1]}",
                "{\"email\":\"" + in.uniqueEmail() + "\",\"displayName\":\"a\\u0000b\",\"attributes\":{\"k\\u0000\":\"v\\u0000\"}}",
                "{\"email\":\"" + in.uniqueEmail() + "\",\"attributes\":{\"k\":\"v\\u0000\"}}",
                "{\"email\":\"" + in.uniqueEmail() + "\",\"displayName\":\"\\u009B31m\"}",
                "{\"email\":\"" + in.uniqueEmail() + "\",\"displayName\":\"\\uDBFF\"}")) {
            ndjson.put("NDJSON line " + Describe.text(line, 40), utf8(line + "\n"));
        }
        ndjson.put("NDJSON invalid UTF-8", new Bytes().add("{\"email\":\"").add(new byte[] {(byte) 0xFF}).add("\"}\n").done());
        ndjson.put("NDJSON overlong UTF-8", new Bytes().add("{\"email\":\"" + in.uniqueEmail() + "\",\"displayName\":\"")
                .add(new byte[] {(byte) 0xC0, (byte) 0xAF}).add("\"}\n").done());
        for (Map.Entry<String, byte[]> entry : ndjson.entrySet()) {
            cases.add(fixed(endpoint, entry.getKey(), "POST", path + "?dryRun=true", authorization, "application/x-ndjson", entry.getValue()));
        }
        byte[] valid = utf8("email\n" + in.uniqueEmail() + "\n");
        for (String odd : new String[] {null, "text/plain", "text/csv; charset=latin1", "application/json", "garbage", "",
                "application/x-ndjson; charset=utf-16", "multipart/form-data"}) {
            cases.add(fixed(endpoint, "Content-Type " + odd, "POST", path + "?dryRun=true", authorization, odd, valid));
        }
        for (String encoding : List.of("gzip", "deflate", "garbage")) {
            Case plain = fixed(endpoint, "Content-Encoding " + encoding + " on a plain body", "POST", path + "?dryRun=true", authorization,
                    "text/csv", valid);
            plain.request().header("Content-Encoding", encoding);
            cases.add(plain);
        }
    }

    private Case fixed(Endpoint endpoint, String kind, String method, String target, String authorization, String contentType, byte[] body) {
        RawHttp.Request request = new RawHttp.Request(method, target);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        request.body(body);
        if (endpoint.caller() == Caller.SIGNED && !kind.startsWith("signature: ")) {
            sign(request, fixture.recipientSecret(), body, System.currentTimeMillis() / 1000);
        }
        return new Case(++number, endpoint.key(), "fixed: " + kind, request);
    }

    // ---------------------------------------------------------------- signed requests (erasure confirmations)

    /** One case per way a signature can be wrong: missing, another secret, stale, odd header values. */
    private void signatureCases(Endpoint endpoint, String path, String contentType, byte[] body, List<Case> cases) {
        long now = System.currentTimeMillis() / 1000;
        String other = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        cases.add(fixed(endpoint, "signature: none", endpoint.method(), path, null, contentType, body));
        cases.add(sign(fixed(endpoint, "signature: another secret", endpoint.method(), path, null, contentType, body), other, body, now));
        cases.add(sign(fixed(endpoint, "signature: stale", endpoint.method(), path, null, contentType, body), fixture.recipientSecret(),
                body, now - 301));
        cases.add(sign(fixed(endpoint, "signature: admin token too", endpoint.method(), path, "Bearer " + fixture.adminToken(),
                contentType, body), fixture.recipientSecret(), body, now));
        for (String[] headers : new String[][] {{"webhook-timestamp", "soon"}, {"webhook-timestamp", "-1"},
                {"webhook-timestamp", "99999999999999999999"}, {"webhook-id", ""}, {"webhook-id", "x".repeat(300)},
                {"webhook-id", "a b"}, {"webhook-signature", "v1,"}, {"webhook-signature", "v1,x ".repeat(500)},
                {"webhook-signature", "v2,abc"}, {"webhook-signature", "ÿþ"}}) {
            Case odd = fixed(endpoint, "signature: " + headers[0] + " " + Describe.text(headers[1], 30), endpoint.method(), path, null,
                    contentType, body);
            sign(odd, fixture.recipientSecret(), body, now);
            odd.request().headers.removeIf(header -> header.name().equals(headers[0]));
            odd.request().header(headers[0], headers[1]);
            cases.add(odd);
        }
    }

    /** Adds the three Standard Webhooks headers signing {@code body} (as sent before any framing) with the secret. */
    private Case sign(Case signed, String secret, byte[] body, long timestamp) {
        sign(signed.request(), secret, body, timestamp);
        return signed;
    }

    private void sign(RawHttp.Request request, String secret, byte[] body, long timestamp) {
        String id = "msg_" + (++number);
        byte[] bytes = body == null ? new byte[0] : body;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            mac.update(utf8(id + "." + timestamp + "."));
            request.header("webhook-id", id).header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", "v1," + Base64.getEncoder().encodeToString(mac.doFinal(bytes)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random case's signature: mostly right, else missing, by another secret or stale. */
    private void randomSignature(RawHttp.Request request, byte[] body, List<String> kind) {
        double roll = nextDouble();
        long now = System.currentTimeMillis() / 1000;
        if (roll < 0.75) {
            sign(request, fixture.recipientSecret(), body, now);
        } else if (roll < 0.85) {
            kind.add("unsigned");
        } else if (roll < 0.93) {
            kind.add("signed with another secret");
            sign(request, "whsec_" + Base64.getEncoder().encodeToString(new byte[24]), body, now);
        } else {
            kind.add("stale signature");
            sign(request, fixture.recipientSecret(), body, now - in.pick(301, 86_400, 2_000_000_000));
        }
    }

    // ---------------------------------------------------------------- one case

    Case next(Endpoint endpoint) {
        List<String> kind = new ArrayList<>();
        String path = path(endpoint, kind);
        String query = query(endpoint, kind);
        String method = endpoint.method();
        if (in.chance(0.03)) {
            method = in.pick(ODD_METHODS);
            kind.add("method " + Describe.text(method, 12));
        }
        RawHttp.Request request = new RawHttp.Request(method, path + query);
        authorization(endpoint, request, kind);
        switch (endpoint.body()) {
            case JSON, PATCH -> jsonBody(endpoint, request, kind);
            case BULK -> bulkBody(request, kind);
            case IMPORT -> importBody(request, kind);
            case NONE -> {
                if (in.chance(0.08)) {
                    request.body(in.chance(0.5) ? in.jsonValue(2) : in.specialBody());
                    request.header("Content-Type", in.pick("application/json", "text/plain", "garbage", "application/x-www-form-urlencoded"));
                    kind.add("unexpected body");
                }
            }
        }
        if (in.chance(0.25)) {
            oddHeaders(request, kind);
        }
        return new Case(++number, endpoint.key(), String.join(", ", kind), request);
    }

    private String path(Endpoint endpoint, List<String> kind) {
        if (endpoint.template().equals("{unknown}")) {
            kind.add("unknown path");
            return in.pick("/api/v1/nope", "/api/v2/users", "/api/v1/users/" + in.pick(fixture.targets()) + "/nope", "/", "/api",
                    "/%ZZ", "/api/v1/users/%00", "/swagger/roster-v1.yml", "/swagger/../../etc/passwd",
                    "/swagger/%2e%2e/%2e%2e/etc/passwd", "/swagger-ui/index.html", "/swagger/nope.yml", "/health/nope",
                    "/prometheus/nope", "//api/v1/users", "/api/v1//users", "/API/V1/USERS", "/api/v1/users/", "/api/v1/users;x=1",
                    "/api/v1/users/export/", "/api/v1/stats", "/api/v1/audit-events/", "/api/v1/users/by-email/",
                    "/api/v1/users/by-email/a%2Fb@c.d", "/login/", "/" + "x".repeat(3000), "/api/v1/users/%E7%94%A8",
                    "/api/v1/users/" + RawHttp.asLatin1(utf8("用户")), "/\u00ff\u00fe", "/%2e%2e/%2e%2e/");
        }
        String template = endpoint.template();
        List<String> placeholders = placeholders(template);
        if (placeholders.isEmpty()) {
            if (in.chance(0.04)) {
                String suffix = in.pick("/", "//", ";x=1", "%00", "%20", "/.", "/..", "%2F", "?");
                kind.add("path suffix " + suffix);
                return template + suffix;
            }
            return template;
        }
        if (in.chance(0.25)) {
            String broken = in.pick(placeholders);
            String segment = in.chance(0.25) ? in.uuid() : malformedSegment(broken);
            kind.add(broken + "=" + Describe.text(segment, 40));
            return fill(template, broken, segment);
        }
        return fill(template, null, null);
    }

    private static List<String> placeholders(String template) {
        List<String> placeholders = new ArrayList<>();
        for (String name : List.of("{id}", "{victim}", "{fileId}", "{role}", "{email}", "{receiptId}", "{other}", "{request}",
                "{ownRequest}", "{recipient}")) {
            if (template.contains(name)) {
                placeholders.add(name);
            }
        }
        return placeholders;
    }

    /** The template with real values, except {@code segment} (sent as is) in place of {@code broken}. */
    private String fill(String template, String broken, String segment) {
        String path = template;
        for (String placeholder : placeholders(template)) {
            path = path.replace(placeholder, placeholder.equals(broken) ? segment : validSegment(placeholder));
        }
        return path;
    }

    private String validSegment(String placeholder) {
        return switch (placeholder) {
            case "{id}" -> in.pick(fixture.targets());
            case "{victim}" -> in.pick(fixture.victims());
            case "{fileId}" -> in.pick(fixture.fileIds());
            case "{role}" -> in.pick("USER", "AUDITOR", "ADMIN");
            case "{email}" -> percentEncode(in.chance(0.3) ? "upsert-" + in.between(1, 5) + "@fuzz.test" : in.uniqueEmail());
            case "{receiptId}" -> fixture.receiptId();
            case "{other}" -> java.util.UUID.randomUUID().toString();
            case "{request}" -> in.pick(fixture.requestIds());
            case "{ownRequest}" -> fixture.ownRequestId();
            case "{recipient}" -> fixture.recipientId();
            default -> throw new IllegalArgumentException(placeholder);
        };
    }

    private String malformedSegment(String placeholder) {
        if (placeholder.equals("{role}") && in.chance(0.5)) {
            return in.pick("admin", "NOPE", "%00", "x".repeat(3000), "R%C3%B6le", "%FF", "USER%20", "ADMIN,USER", "1", "ROLE_ADMIN",
                    "%41DMIN", "ADMIN%00");
        }
        if (placeholder.equals("{email}") && in.chance(0.5)) {
            return in.pick("not-an-email", "a%2Fb@c.d", "a+b@c.d", "%ZZ", "%00@x.y", "x".repeat(400) + "@x.y", "%C3%28@x.y",
                    percentEncode("用户@例子.广告"), RawHttp.asLatin1(utf8("zoë@fuzz.test")), "a@b", "%20a@b.c%20", "a%40b.c",
                    "%25%25%25", ".", "%2E%2E", "a;b=c@d.e", "a%0D%0AX-Injected:%201@b.c",
                    // refused by the email rules of issue 11: zero-width space, soft hyphen, NBSP, RLO, a domain IDNA refuses
                    "a%E2%80%8Bb@fuzz.test", "a%C2%ADb@fuzz.test", "a%C2%A0b@fuzz.test", "%E2%80%AEa@fuzz.test", "a@fu_zz.test");
        }
        String id = in.pick(fixture.targets());
        return in.pick("not-a-uuid", "", "%ZZ", "%", "%00", "%FF", "%C3%28", "%C0%AF", "x".repeat(3000), id.toUpperCase(),
                "%7B" + id + "%7D", "0-0-0-0-0", "00000000-0000-0000-0000-000000000000", "..", "%2e%2e", "%2F", "a%2Fb", id + "%00",
                id + "%20", "%20" + id, percentEncode("用户"), RawHttp.asLatin1(utf8("用户")), "\u00ff", "null", "-1", "1e309",
                percentEncode("' OR 1=1 --"), "%u0041", ";a=b", id + ";x", "*", "~", "%5C", id.replace('-', '+'), id + id,
                id.substring(0, 35) + "g", "+" + id.substring(1), id.substring(0, 8) + "-" + id.substring(9, 13) + "-" + "+1a" + id.substring(17));
    }

    private String query(Endpoint endpoint, List<String> kind) {
        if (!endpoint.presets().isEmpty() && in.chance(0.2)) {
            String preset = in.pick(endpoint.presets());
            kind.add("query " + Describe.text(preset, 80));
            return "?" + preset;
        }
        boolean wanted = endpoint.params().isEmpty() ? in.chance(0.08) : in.chance(0.75);
        if (!wanted) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (int i = in.between(1, 4); i > 0; i--) {
            String name = endpoint.params().isEmpty() || in.chance(0.1) ? in.pick(GENERIC_PARAMS) : in.pick(endpoint.params());
            pairs.add(percentEncode(name) + "=" + percentEncode(queryValue(name)));
        }
        if (in.chance(0.1)) {
            pairs.add(in.pick(pairs));
        }
        String query = String.join("&", pairs);
        if (in.chance(0.12)) {
            query += in.pick("&%ZZ=1", "&q=%", "&x=%FF%FE", "&x=" + RawHttp.asLatin1(utf8("ü")), "&x=\u00ff", "&&", "=", "&a", "#frag",
                    "&%00=%00", "&limit=%2B1", "&q=%E0%A4%A", "&status=%C0%AF", "&attr=%3A%3A");
        }
        kind.add("query " + Describe.text(query, 80));
        return "?" + query;
    }

    private String queryValue(String name) {
        if (in.chance(0.15)) {
            return in.text().replace("y".repeat(100_000), "y".repeat(5000));
        }
        return switch (name) {
            case "q" -> in.pick("", "a", "%", "_", "\\", "' OR 1=1 --", "x".repeat(3000), "x".repeat(10_000), "\u0000", "ü", "%_%",
                    "fuzz", "@", "\uD800");
            case "status" -> in.pick("NOPE", "ACTIVE,,", ",", "all", "ALL", "ACTIVE,NOPE", "deleted", "DELETED", "ANONYMIZED", " ",
                    "ACTIVE,".repeat(300), "active", "DEACTIVATED,DELETED");
            case "role" -> in.pick("NOPE", "admin", "ADMIN", "", "USER,ADMIN", "ROLE_ADMIN", "AUDITOR");
            case "createdFrom", "createdTo", "from", "to" -> dateValue(name);
            case "attr" -> in.pick(":", "k", ":v", "k:", "team:fuzz", "k".repeat(100) + ":v", "k:" + "v".repeat(2000), "k:v:w", "\u0000:\u0000",
                    "k:" + "\uD800");
            case "sort" -> in.pick("NOPE", "-", "--email", "email,createdAt", "", "+email", "EMAIL", "-createdAt", "email");
            case "limit" -> in.pick("-1", "0", "501", "99999999999999999999", "abc", "1.5", "0x10", " 5 ", "2147483648",
                    "-9223372036854775808", "9223372036854775807", "500", "1", "1e3", "٣", "+1", "");
            case "cursor" -> in.pick("garbage", "", "x".repeat(3000), "\u0000", "e30", "Z2FyYmFnZQ", "eyJ9", "====", "null", "-1",
                    Base64.getUrlEncoder().encodeToString(utf8("{\"createdAt\":\"x\",\"id\":5}")),
                    Base64.getEncoder().encodeToString(new byte[2000]), "%", "9".repeat(40));
            case "offset" -> in.pick("-1", "99999999999999999999", "abc", "9223372036854775807", "2147483648", "0", "1e3", "1.0");
            case "format" -> in.pick("xml", "CSV", "", "json", "ndjson", "csv,json", "../../x", "JSON ", "\u0000");
            case "fields" -> in.pick("email,email", "passwordHash", "", ",", "x".repeat(1000), "id,email,displayName,phone,attributes,roles,status",
                    "EMAIL", "email,", " email", "email,,status", "*");
            case "year" -> in.pick("-5", "0", "99999", "2147483648", "abc", "1e3", "2026 ", "+2026", "1969", "1970", "9999", "10000",
                    "-2147483648", "999999999", "2026");
            case "granularity" -> in.pick("hour", "DAY", "", "week", "month", "year", "Day", "d", "WEEK ");
            case "tz" -> in.pick("Mars/Base", "UTC+25", "+18:00", "-18:00", "+18:01", "GMT+99", "Z", "", "../../etc/passwd",
                    "Europe/Berlin", "SystemV/EST5", "America/Argentina/ComodRivadavia", "EST", "UTC", "Etc/GMT-14", "\u0000");
            case "userId", "actorId" -> in.pick(in.pick(fixture.targets()), "not-a-uuid", in.uuid(), "0-0-0-0-0", "", "%");
            case "type" -> in.pick("ACCESS", "access,erasure", "NOPE", "", ",", "user.created", "ACCESS,".repeat(300), "RESTRICTION ",
                    "user.created,privacy_request.received", "OBJECTION,PORTABILITY,RECTIFICATION");
            case "overdue" -> in.pick("maybe", "TRUE", "1", "yes", "", "true", "false", "on");
            case "dueBefore" -> dateValue("to");
            case "action" -> in.pick("NOPE", "user.created", "USER.CREATED", "", "login.failed", "user.", ".");
            case "hard", "cascade", "dryRun" -> in.pick("maybe", "TRUE", "1", "yes", "", "true", "false", "on");
            case "onConflict" -> in.pick("NOPE", "skip", "update", "fail", "", "SKIP", "replace");
            default -> in.text().replace("y".repeat(100_000), "y".repeat(500));
        };
    }

    private String dateValue(String name) {
        boolean date = name.equals("from") || name.equals("to");
        if (date && in.chance(0.5)) {
            // the stats endpoint takes plain dates
            return in.pick("yesterday", "2026-02-30", "-999999999-01-01", "+999999999-12-31", "2026-01-01", "2026-12-31", "0000-01-01",
                    "9999-12-31", "2026-1-1", "20260101", "2026-01-01T00:00:00Z", "");
        }
        return in.pick("yesterday", "2026-13-45T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "2026-01-01",
                "2026-01-01T00:00:00", "1e309", "9999999999999999999", "2026-01-01T00:00:00+25:00", "2026-01-01T00:00:00Z[Mars/Base]",
                "0000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-01-01T00:00:00.123456789123Z",
                "2026-01-01T00:00:00+18:00", "2026-01-01T24:00:00Z", "");
    }

    // ---------------------------------------------------------------- credentials

    /** Odd Authorization values by a printable label: malformed schemes and tokens, and tokens with odd claims. */
    private Map<String, String> authorizationOddities() {
        String admin = fixture.adminToken();
        long now = System.currentTimeMillis() / 1000;
        String secret = fixture.jwtSecret();
        Map<String, String> oddities = new LinkedHashMap<>();
        for (String value : List.of("Bearer", "Bearer ", "Bearer garbage", "Basic Zm9vOmJhcg==", "Bearer a.b.c",
                "bearer " + admin, "Bearer  " + admin, admin, "Bearer " + admin + "x", "Bearer " + "A".repeat(5000),
                "Bearer " + admin + ", Bearer " + admin, "Bearer \u00ff\u00fe", "Bearer \t" + admin, "Digest username=\"a\"",
                "Bearer " + admin.substring(0, admin.length() / 2), "Bearer ..", "Bearer " + admin.replace('.', '!'))) {
            oddities.put(Describe.text(redact(value), 60), value);
        }
        String unsignedPayload = "{\"sub\":\"" + fixture.userId() + "\",\"roles\":[\"ADMIN\"],\"exp\":" + (now + 3600) + "}";
        oddities.put("alg none: " + unsignedPayload, "Bearer " + unsigned(unsignedPayload));
        // signed with the server's own key, so that only the claims are odd (only the server itself can issue these)
        for (String payload : List.of(
                "{\"sub\":\"not-a-uuid\",\"roles\":[\"ADMIN\"],\"exp\":" + (now + 3600) + "}",
                "{\"sub\":\"" + in.uuid() + "\",\"roles\":[\"ADMIN\"],\"exp\":" + (now + 3600) + "}",
                "{\"sub\":\"\",\"exp\":" + (now + 3600) + "}",
                "{\"roles\":[\"ADMIN\"],\"exp\":" + (now + 3600) + "}",
                "{\"sub\":5,\"exp\":" + (now + 3600) + "}",
                "{\"sub\":\"" + fixture.userId() + "\",\"roles\":\"ADMIN\",\"exp\":" + (now + 3600) + "}",
                "{\"sub\":\"" + fixture.userId() + "\",\"roles\":[1,null],\"exp\":" + (now + 3600) + "}",
                "{\"sub\":\"" + fixture.userId() + "\",\"roles\":[\"ADMIN\"],\"exp\":" + (now + 3600) + "}",
                "{\"sub\":\"" + fixture.userId() + "\",\"exp\":" + (now - 3600) + "}",
                "{\"sub\":\"" + fixture.userId() + "\",\"exp\":\"tomorrow\"}",
                "{\"sub\":\"" + fixture.userId() + "\",\"exp\":99999999999999999999}",
                "{\"sub\":\"" + fixture.userId() + "\",\"exp\":1e309}",
                "{\"sub\":\"" + fixture.userId() + "\",\"nbf\":" + (now + 86400) + ",\"exp\":" + (now + 90000) + "}",
                "{\"sub\":\"" + fixture.userId() + "\"}",
                "{\"sub\":\"" + "x".repeat(3000) + "\",\"exp\":" + (now + 3600) + "}",
                "[]", "garbage", "{\"sub\":\"\\uD800\",\"exp\":" + (now + 3600) + "}")) {
            oddities.put("HS256 with the server's key: " + Describe.text(payload, 100),
                    "Bearer " + signed("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", payload, secret));
        }
        for (String header : List.of("{\"alg\":\"HS512\"}", "{\"alg\":\"RS256\"}", "garbage", "{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}")) {
            oddities.put("header " + header + " with the server's key",
                    "Bearer " + signed(header, "{\"sub\":\"" + fixture.userId() + "\"}", secret));
        }
        return oddities;
    }

    /** Every odd Authorization value once, on one endpoint that every role may call. */
    List<Case> credentialCases() {
        List<Case> cases = new ArrayList<>();
        authorizationOddities.forEach((label, value) -> {
            RawHttp.Request request = new RawHttp.Request("GET", "/api/v1/me").header("Authorization", value);
            cases.add(new Case(++number, "GET /api/v1/me", "Authorization " + label, request));
        });
        return cases;
    }

    private static String unsigned(String payload) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return encoder.encodeToString(utf8("{\"alg\":\"none\",\"typ\":\"JWT\"}")) + "." + encoder.encodeToString(utf8(payload)) + ".";
    }

    /** A compact JWS signed with HMAC-SHA256 under the server's own test secret, so that only the claims are wrong. */
    private static String signed(String header, String payload, String secret) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String input = encoder.encodeToString(utf8(header)) + "." + encoder.encodeToString(utf8(payload));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(utf8(secret), "HmacSHA256"));
            return input + "." + encoder.encodeToString(mac.doFinal(utf8(input)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void authorization(Endpoint endpoint, RawHttp.Request request, List<String> kind) {
        double roll = nextDouble();
        String value;
        switch (endpoint.caller()) {
            case ANONYMOUS, SIGNED -> value = roll < 0.8 ? null : roll < 0.9 ? "Bearer " + fixture.adminToken() : in.pick(oddAuthorizations);
            case SELF -> value = roll < 0.45 ? "Bearer " + fixture.adminToken() : roll < 0.85 ? "Bearer " + fixture.userToken()
                    : roll < 0.9 ? "Bearer " + fixture.auditorToken() : roll < 0.93 ? null : in.pick(oddAuthorizations);
            default -> value = roll < 0.84 ? "Bearer " + fixture.adminToken() : roll < 0.88 ? null : roll < 0.92 ? "Bearer " + fixture.userToken()
                    : roll < 0.95 ? "Bearer " + fixture.auditorToken() : in.pick(oddAuthorizations);
        }
        if (value == null) {
            if (endpoint.caller() != Caller.ANONYMOUS && endpoint.caller() != Caller.SIGNED) {
                kind.add("no token");
            }
            return;
        }
        if (value.equals("Bearer " + fixture.userToken())) {
            kind.add("USER token");
        } else if (value.equals("Bearer " + fixture.auditorToken())) {
            kind.add("AUDITOR token");
        } else if (!value.equals("Bearer " + fixture.adminToken())) {
            kind.add("odd Authorization");
        } else if (endpoint.caller() == Caller.ANONYMOUS || endpoint.caller() == Caller.SIGNED) {
            kind.add("admin token");
        }
        request.header("Authorization", value);
    }

    private double nextDouble() {
        return in.between(0, 9_999) / 10_000.0;
    }

    // ---------------------------------------------------------------- bodies

    private void jsonBody(Endpoint endpoint, RawHttp.Request request, List<String> kind) {
        boolean patch = endpoint.body() == BodyKind.PATCH;
        String contentType = patch ? in.pick("application/merge-patch+json", "application/json") : "application/json";
        if (in.chance(0.25)) {
            contentType = oddContentType();
            kind.add("Content-Type " + Describe.text(contentType, 60));
        }
        byte[] body = jsonBodyFor(endpoint.fields(), patch, kind);
        if (endpoint.caller() == Caller.SIGNED && in.chance(0.1)) {
            kind.add("the erased user");
            body = utf8("{\"userId\":\"" + fixture.erasedUserId() + "\",\"erasedAt\":\"2026-01-01T00:00:00Z\",\"counts\":{\"orders\":1}}");
        }
        if (in.chance(0.04)) {
            kind.add("no body");
            body = null;
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (endpoint.caller() == Caller.SIGNED) {
            randomSignature(request, body, kind);
        }
        frame(request, body, kind);
    }

    private byte[] jsonBodyFor(List<String> fields, boolean patch, List<String> kind) {
        double roll = nextDouble();
        if (roll < 0.36) {
            kind.add("fields");
            return in.fieldObject(fields, UNKNOWN_FIELDS, 0.4, patch);
        }
        if (roll < 0.46) {
            kind.add("valid");
            return in.validObject(fields);
        }
        if (roll < 0.55) {
            kind.add("random JSON");
            return in.jsonValue(in.between(0, 4));
        }
        if (roll < 0.67) {
            kind.add("special body");
            return in.specialBody();
        }
        if (roll < 0.74) {
            int depth = in.pick(100, 999, 1000, 1001, 1500, 5000, 50_000, 200_000);
            kind.add("nesting " + depth);
            return in.deep(depth);
        }
        if (roll < 0.86) {
            kind.add("corrupted fields");
            return in.corrupt(in.fieldObject(fields, UNKNOWN_FIELDS, 0.5, patch));
        }
        if (roll < 0.92) {
            kind.add("corrupted valid");
            return in.corrupt(in.validObject(fields));
        }
        if (roll < 0.985) {
            kind.add("huge body");
            return in.hugeBody(fields);
        }
        byte[] oversize = in.oversizeBody();
        if (oversize == null) {
            kind.add("fields");
            return in.fieldObject(fields, UNKNOWN_FIELDS, 0.4, patch);
        }
        kind.add("oversize body");
        return oversize;
    }

    /** Sends the body with a Content-Length, chunked, or compressed (properly or not). */
    private void frame(RawHttp.Request request, byte[] body, List<String> kind) {
        if (body == null) {
            return;
        }
        double roll = nextDouble();
        if (roll < 0.03) {
            kind.add("chunked");
            request.header("Transfer-Encoding", "chunked");
            request.body(RawHttp.chunk(body, in.pick(1, 7, 1000, 65_536)));
        } else if (roll < 0.05) {
            kind.add("gzip body");
            request.header("Content-Encoding", "gzip");
            request.body(gzip(body));
        } else if (roll < 0.07) {
            String encoding = in.pick("gzip", "deflate", "br", "garbage", "gzip, gzip", "identity");
            kind.add("Content-Encoding " + encoding + " on a plain body");
            request.header("Content-Encoding", encoding);
            request.body(body);
        } else {
            request.body(body);
        }
    }

    private String oddContentType() {
        return in.pick("application/json; charset=utf-8", "application/json; charset=latin1", "application/json;charset=utf-16",
                "application/json;charset=\"utf-8\"", "APPLICATION/JSON", "text/plain", "text/json", "application/merge-patch+json",
                "application/problem+json", "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=xyz",
                "application/xml", "text/csv", "application/x-ndjson", "garbage", "application/", "/", ";", "application/json; ;;",
                "application/json; charset=", "application/json; charset=nope-999", "*/*", "application/*", "",
                "application/json, text/plain", "a".repeat(3000) + "/json", "application/json\u00ff", "application/json; q=abc", null,
                "application/vnd.api+json", "application/json; boundary=\"", "application/octet-stream");
    }

    private void bulkBody(RawHttp.Request request, List<String> kind) {
        String contentType = "application/json";
        if (in.chance(0.15)) {
            contentType = oddContentType();
            kind.add("Content-Type " + Describe.text(contentType, 60));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        double roll = nextDouble();
        byte[] body;
        if (roll < 0.55) {
            kind.add("bulk shape");
            body = bulk(false);
        } else if (roll < 0.65) {
            kind.add("valid bulk");
            body = bulk(true);
        } else if (roll < 0.77) {
            kind.add("corrupted bulk");
            body = in.corrupt(bulk(false));
        } else {
            body = jsonBodyFor(List.of("atomic", "operations"), false, kind);
        }
        frame(request, body, kind);
    }

    private byte[] bulk(boolean valid) {
        Bytes body = new Bytes().add("{");
        boolean first = true;
        if (valid || in.chance(0.7)) {
            body.add("\"atomic\":").add(valid ? in.pick("true", "false") : in.pick("true", "false", "\"true\"", "1", "null", "[]"));
            first = false;
        }
        if (valid || in.chance(0.92)) {
            body.add(first ? "" : ",").add("\"operations\":").add(operations(valid));
            first = false;
        }
        if (!valid && in.chance(0.1)) {
            body.add(first ? "" : ",").add(quote(in.pick(UNKNOWN_FIELDS))).add(":1");
        }
        return body.add("}").done();
    }

    private byte[] operations(boolean valid) {
        if (!valid && in.chance(0.06)) {
            if (in.chance(0.3)) {
                Bytes many = new Bytes().add("[");
                for (int i = 0; i < 1001; i++) {
                    many.add(i == 0 ? "" : ",").add("{\"op\":\"delete\",\"id\":\"" + in.uuid() + "\"}");
                }
                return many.add("]").done();
            }
            return utf8(in.pick("[]", "\"x\"", "{}", "null", "5", "[[]]"));
        }
        Bytes list = new Bytes().add("[");
        for (int i = in.between(1, 8); i > 0; i--) {
            list.add(operation(valid)).add(i > 1 ? "," : "");
        }
        return list.add("]").done();
    }

    private byte[] operation(boolean valid) {
        int which = valid ? in.between(0, 2) : in.between(0, 3);
        return switch (which) {
            case 0 -> new Bytes().add("{\"op\":\"create\",\"user\":")
                    .add(valid ? in.validObject(List.of("email", "displayName", "phone", "attributes", "roles"))
                            : in.chance(0.8) ? in.fieldObject(CREATE_FIELDS, UNKNOWN_FIELDS, 0.5, false) : in.badValue("user"))
                    .add("}").done();
            case 1 -> new Bytes().add("{\"op\":\"update\",\"id\":").add(valid ? utf8(quote(in.pick(fixture.targets()))) : idValue())
                    .add(",\"changes\":")
                    .add(valid ? in.validObject(List.of("displayName", "phone", "attributes"))
                            : in.chance(0.8) ? in.fieldObject(PROFILE_FIELDS, UNKNOWN_FIELDS, 0.5, true) : in.badValue("changes"))
                    .add("}").done();
            case 2 -> new Bytes().add("{\"op\":\"delete\",\"id\":").add(valid ? utf8(quote(in.uuid())) : idValue()).add("}").done();
            default -> utf8(in.pick("{\"op\":\"NOPE\"}", "{\"op\":5}", "{}", "[]", "\"x\"", "null", "{\"op\":\"create\"}",
                    "{\"op\":\"delete\",\"id\":5}", "{\"op\":\"update\",\"id\":\"x\"}", "{\"op\":\"create\",\"user\":{},\"extra\":1}",
                    "{\"op\":\"CREATE\",\"user\":{}}", "{\"op\":null}", "{\"op\":\"delete\"}", "{\"op\":\"update\",\"id\":\""
                            + in.pick(fixture.targets()) + "\"}"));
        };
    }

    private byte[] idValue() {
        return utf8(in.pick(quote(in.pick(fixture.targets())), quote(in.pick(fixture.victims())), quote(in.uuid()), quote("nope"), "5",
                "null", quote(""), quote("0-0-0-0-0"), "[]", quote(in.pick(fixture.targets()).toUpperCase())));
    }

    private void importBody(RawHttp.Request request, List<String> kind) {
        boolean ndjson = in.chance(0.4);
        String contentType = ndjson ? in.pick("application/x-ndjson", "application/x-ndjson; charset=utf-8")
                : in.pick("text/csv", "text/csv; charset=utf-8", "text/csv;charset=UTF-8");
        if (in.chance(0.2)) {
            contentType = in.pick("text/csv; charset=latin1", "text/csv; charset=", "application/json", "text/plain", "garbage", null,
                    "application/x-ndjson; charset=utf-16", "TEXT/CSV", "multipart/form-data", "text/csv; charset=\"utf-8\"",
                    "text/csv; header=absent", "application/x-ndjson;;", "text/csv; charset=nope-999");
            kind.add("Content-Type " + contentType);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        byte[] body;
        if (in.chance(0.08)) {
            kind.add("JSON-ish body");
            body = jsonBodyFor(IMPORT_FIELDS, false, kind);
        } else if (ndjson) {
            kind.add("ndjson");
            body = ndjson();
        } else {
            kind.add("csv");
            body = csv();
        }
        frame(request, body, kind);
    }

    private byte[] csv() {
        String separator = in.pick("\n", "\r\n", "\r", "\n", "\r\n");
        Bytes csv = new Bytes();
        int columns;
        switch (in.between(0, 11)) {
            case 0 -> {
                csv.add("");
                columns = 1;
            }
            case 1 -> {
                csv.add("a,b,c");
                columns = 3;
            }
            case 2 -> {
                csv.add("email,email");
                columns = 2;
            }
            case 3 -> {
                csv.add("\"email");
                columns = 1;
            }
            case 4 -> {
                csv.add("email," + "x,".repeat(1000) + "x");
                columns = 1002;
            }
            case 5 -> {
                csv.add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).add("EMAIL;displayName");
                columns = 1;
            }
            case 6 -> {
                csv.add("email,").add(in.invalidUtf8());
                columns = 2;
            }
            case 7 -> {
                csv.add("email,passwordHash,createdAt");
                columns = 3;
            }
            case 8 -> {
                csv.add("email");
                columns = 1;
            }
            default -> {
                csv.add("email,displayName,phone,attributes,roles");
                columns = 5;
            }
        }
        for (int row = in.between(0, 12); row > 0; row--) {
            csv.add(separator);
            int cells = in.chance(0.8) ? Math.min(columns, 6) : in.between(0, 8);
            for (int cell = 0; cell < cells; cell++) {
                csv.add(cell == 0 ? "" : ",").add(cell == 0 && in.chance(0.7) ? utf8(in.uniqueEmail()) : csvCell());
            }
        }
        if (in.chance(0.5)) {
            csv.add(separator);
        }
        return csv.done();
    }

    private byte[] csvCell() {
        return switch (in.between(0, 9)) {
            case 0 -> utf8("\"unbalanced");
            case 1 -> new Bytes().add("a").add(in.invalidUtf8()).add("b").done();
            case 2 -> utf8("a\u0000b");
            case 3 -> utf8(in.chance(0.1) ? "c".repeat(100_000) : "c".repeat(in.between(100, 2000)));
            case 4 -> utf8(in.pick("=cmd|' /C calc'!A0", "{\"a\":", "\"[\"\"NOPE\"\"]\"", "\"USER,ADMIN\"", "\"{\"\"k\"\":1}\"", "\"a\"\"b\"x"));
            case 5 -> utf8(in.pick("2026-13-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z", "yesterday",
                    "+10000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"));
            case 6 -> utf8(in.pick("$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA", "$2a$04$garbage",
                    "$argon2id$v=19$m=999999999,t=999999,p=255$c2FsdA$aGFzaA",
                    "$argon2id$", "$2b$99$" + "a".repeat(53), "plain"));
            case 7 -> utf8(quoteCsv(in.text().replace("y".repeat(100_000), "y".repeat(2000))));
            default -> utf8(in.asciiWord(in.between(0, 12)).replace(",", "").replace("\"", ""));
        };
    }

    private static String quoteCsv(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private byte[] ndjson() {
        String separator = in.pick("\n", "\r\n", "\n\n", "\r");
        Bytes lines = new Bytes();
        for (int line = in.between(0, 12); line > 0; line--) {
            double roll = nextDouble();
            byte[] value;
            if (roll < 0.5) {
                value = in.fieldObject(IMPORT_FIELDS, UNKNOWN_FIELDS, 0.6, true);
            } else if (roll < 0.65) {
                value = in.validObject(List.of("email", "displayName", "roles"));
            } else if (roll < 0.75) {
                value = in.jsonValue(2);
            } else if (roll < 0.85) {
                value = in.specialBody();
            } else if (roll < 0.95) {
                value = in.corrupt(in.validObject(List.of("email", "displayName")));
            } else {
                value = in.deep(in.pick(10, 1001, 3000));
            }
            lines.add(value).add(separator);
        }
        return lines.done();
    }

    private void oddHeaders(RawHttp.Request request, List<String> kind) {
        boolean bigUsed = false;
        for (int i = in.between(1, 3); i > 0; i--) {
            int which = in.between(0, 27);
            if (which >= 24 && bigUsed) {
                which = in.between(0, 23);
            }
            switch (which) {
                case 0, 1 -> request.header("Accept", in.pick(ACCEPTS));
                case 2 -> request.header("Accept-Encoding", in.pick("gzip", "deflate", "gzip;q=abc", "x-garbage", "identity;q=0, *;q=0", "*"));
                case 3 -> request.header("Accept-Charset", in.pick("utf-99", "*;q=0", "latin1"));
                case 4 -> request.header("Accept-Language", in.pick("xx-\u00ff\u00ff", "*;q=2", "", "de-DE-x-" + "a".repeat(500)));
                case 5, 6 -> request.header("If-Match", in.pick(IF_MATCH));
                case 7 -> request.header("If-None-Match", in.pick("*", "\"1\"", "garbage", "W/\"x\""));
                case 8 -> request.header(in.pick("If-Modified-Since", "If-Unmodified-Since", "Date"),
                        in.pick("yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", "Fri, 31 Dec 9999 23:59:59 GMT", "-1", ""));
                case 9 -> request.header("X-Forwarded-For", in.pick("999.999.999.999", "garbage, , ,", "::::::", "1.2.3.4, ".repeat(100), "",
                        "[::1]:99999", "unknown"));
                case 10 -> request.header("Forwarded", in.pick("for=\"[::1\";host=a b;proto=gopher", "garbage", "for=;;;;",
                        "by=unknown;for=_hidden, for=\"[2001:db8::1]:4711\"", "host=\"\u00ff\"", "proto=https;host=evil.example:99999"));
                case 11 -> request.header(in.pick("X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-Prefix"),
                        in.pick("a b", "gopher", "99999999", "abc", "", "::::", "/../..", "evil.example:-1"));
                case 12 -> request.header("Origin", in.pick("null", "http://evil.example", "garbage", "http://[::1"));
                case 13 -> request.header("Access-Control-Request-Method", in.pick("DELETE", "FOO", ""));
                case 14 -> request.header("Cookie",
                        in.pick("a=b; ; =; ;;;", "JWT=" + fixture.adminToken(), "\u00ff=\u00ff", "SESSION=" + "c".repeat(300)));
                case 15 -> request.header("Range", in.pick("bytes=garbage", "bytes=0-0,-1", "bytes=99999999999999999999-", "lines=1-2"));
                case 16 -> request.header("Expect", in.pick("100-continue", "garbage", "100-CONTINUE"));
                case 17 -> request.header("User-Agent", in.pick("", "\u00ff\u00fe", "${jndi:ldap://127.0.0.1/a}", "u".repeat(2000)));
                case 18 -> request.header(in.pick("TE", "Max-Forwards", "Prefer", "Via", "Content-Language", "Warning", "X-HTTP-Method-Override"),
                        in.pick("trailers, deflate;q=0.5", "-1", "return=minimal; garbage", "1.1 ::::", "garbage", "DELETE", ""));
                case 19 -> request.header("Authorization", "Bearer garbage");
                case 20 -> request.header("Content-Type", in.pick("text/plain", "application/json", "garbage"));
                case 21 -> request.header("X-Latin", "\u00e9\u00ff\u0080 spaced   ");
                case 22 -> request.header("X-Empty", "");
                case 23 -> request.header("Accept", "application/problem+json, application/json");
                case 24, 25 -> {
                    request.header("X-Huge", "h".repeat(6000));
                    bigUsed = true;
                }
                case 26 -> {
                    for (int n = 0; n < 60; n++) {
                        request.header("X-Fuzz-" + n, "value-" + n + "-" + "v".repeat(20));
                    }
                    bigUsed = true;
                }
                default -> {
                    request.header("Cookie", "SESSION=" + "c".repeat(4000));
                    bigUsed = true;
                }
            }
        }
        kind.add("odd headers");
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- the HTTP message itself

    /**
     * Requests broken at the protocol level, a handful each: request line, Host, framing (Content-Length and chunking),
     * header syntax and size, compression, Expect. Built by hand since no client would send them.
     */
    List<Case> protocolCases() {
        String admin = "Authorization: Bearer " + fixture.adminToken() + "\r\n";
        String users = "/api/v1/users";
        String body = "{\"email\":\"" + in.uniqueEmail() + "\"}";
        String chunkedBody = RawHttp.asLatin1(RawHttp.chunk(utf8(body), 8));
        // GET or POST of /api/v1/users with an administrator's token, Host, Connection: close and these header lines
        Function<String, String> get = headers -> "GET " + users + " HTTP/1.1\r\nHost: x\r\n" + admin + headers
                + "Connection: close\r\n\r\n";
        BiFunction<String, String, String> post = (headers, content) -> "POST " + users + " HTTP/1.1\r\nHost: x\r\n"
                + admin + "Content-Type: application/json\r\n" + headers + "Connection: close\r\n\r\n" + content;
        String length = "Content-Length: " + body.length() + "\r\n";
        Map<String, String> heads = new LinkedHashMap<>();
        heads.put("HTTP/1.0 without Host", "GET " + users + " HTTP/1.0\r\n" + admin + "\r\n");
        heads.put("HTTP/9.9", get.apply("").replace("HTTP/1.1", "HTTP/9.9"));
        heads.put("HTTP/2.0 in HTTP/1 syntax", get.apply("").replace("HTTP/1.1", "HTTP/2.0"));
        heads.put("no version", "GET " + users + "\r\nHost: x\r\n\r\n");
        heads.put("garbage version", "GET " + users + " garbage\r\nHost: x\r\n\r\n");
        heads.put("HTTP/1.1 without Host", get.apply("").replace("Host: x\r\n", ""));
        heads.put("Host garbage", get.apply("").replace("Host: x", "Host: ::::"));
        heads.put("Host empty", get.apply("").replace("Host: x", "Host:"));
        heads.put("two Hosts", get.apply("Host: b\r\n"));
        heads.put("long Host", get.apply("").replace("Host: x", "Host: " + "h".repeat(3000)));
        heads.put("Host with bad port", get.apply("").replace("Host: x", "Host: localhost:99999999"));
        heads.put("Content-Length abc", post.apply("Content-Length: abc\r\n", body));
        heads.put("Content-Length -1", post.apply("Content-Length: -1\r\n", body));
        heads.put("two Content-Lengths", post.apply(length + "Content-Length: 3\r\n", body));
        heads.put("Content-Length huge", post.apply("Content-Length: 99999999999999999999\r\n", body));
        heads.put("Content-Length and chunked", post.apply("Content-Length: 5\r\nTransfer-Encoding: chunked\r\n", chunkedBody));
        heads.put("bad chunk size", post.apply("Transfer-Encoding: chunked\r\n", "ZZ\r\n" + body + "\r\n0\r\n\r\n"));
        heads.put("chunk size too big", post.apply("Transfer-Encoding: chunked\r\n", "FFFFFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n"));
        heads.put("chunk extension garbage", post.apply("Transfer-Encoding: chunked\r\n",
                Integer.toHexString(body.length()) + ";;;=\"\r\n" + body + "\r\n0\r\n\r\n"));
        heads.put("chunked but plain body", post.apply("Transfer-Encoding: chunked\r\n", body + "\r\n\r\n"));
        heads.put("Transfer-Encoding gzip", post.apply("Transfer-Encoding: gzip\r\n" + length, body));
        heads.put("Transfer-Encoding garbage, chunked", post.apply("Transfer-Encoding: garbage, chunked\r\n", chunkedBody));
        heads.put("header line without colon", get.apply("Garbage header line\r\n"));
        heads.put("space before colon", post.apply(length, body).replace("Content-Type:", "Content-Type :"));
        heads.put("folded header", get.apply("X-A: a\r\n  folded\r\n"));
        heads.put("header name with separators", get.apply("X(A)@: b\r\n"));
        heads.put("NUL in header value", get.apply("X-A: a\u0000b\r\n"));
        heads.put("bytes 0x80-0xFF in header value", get.apply("X-A: \u0080\u00ff\u00fe\r\n"));
        heads.put("space in path", get.apply("").replace(users, users + "/a b"));
        heads.put("tabs in request line", get.apply("").replaceFirst(" ", "\t").replaceFirst(" HTTP", "\tHTTP"));
        heads.put("NUL in path", get.apply("").replace(users, users + "/\u0000"));
        heads.put("lower-case method", get.apply("").replaceFirst("GET", "get"));
        heads.put("CONNECT", get.apply("").replace("GET " + users, "CONNECT 127.0.0.1:80"));
        heads.put("absolute-form target", get.apply("").replace("GET " + users, "GET http://evil.example" + users));
        heads.put("asterisk-form target", get.apply("").replace("GET " + users, "OPTIONS *"));
        heads.put("target without slash", get.apply("").replace("GET " + users, "GET api/v1/users"));
        heads.put("request line over 4 KB", get.apply("").replace(users, users + "?q=" + "x".repeat(10_000)));
        heads.put("header over 8 KB", get.apply("X-Huge: " + "h".repeat(20_000) + "\r\n"));
        heads.put("request line of 4097 bytes", get.apply("").replace("GET " + users + " HTTP/1.1",
                "GET " + users + "?q=" + "x".repeat(4097 - ("GET " + users + "?q= HTTP/1.1").length()) + " HTTP/1.1"));
        heads.put("request line of 64 KB", get.apply("").replace(users, users + "?q=" + "x".repeat(65_536)));
        heads.put("header of 64 KB", get.apply("X-Huge: " + "h".repeat(65_536) + "\r\n"));
        heads.put("NUL and C1 bytes in a query", get.apply("").replace(users, users + "?q=%00%C2%85"));
        heads.put("200 headers", get.apply(("X-Many: " + "m".repeat(90) + "\r\n").repeat(200)));
        heads.put("bare LF line ends", get.apply("").replace("\r\n", "\n"));
        heads.put("Expect 100-continue", post.apply("Expect: 100-continue\r\n" + length, body));
        heads.put("Expect garbage", post.apply("Expect: garbage\r\n" + length, body));
        heads.put("Expect 100-continue over the limit", post.apply("Expect: 100-continue\r\nContent-Length: 5000000\r\n", ""));
        heads.put("leading empty lines", "\r\n\r\n" + get.apply(""));
        heads.put("Upgrade h2c", get.apply("Upgrade: h2c\r\nHTTP2-Settings: garbage!\r\n")
                .replace("Connection: close", "Connection: Upgrade, HTTP2-Settings"));
        heads.put("Upgrade websocket", get.apply("Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: garbage\r\n")
                .replace("Connection: close", "Connection: Upgrade"));
        heads.put("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
        heads.put("Connection keep-alive, 0-byte body", post.apply("Content-Length: 0\r\n", "")
                .replace("Connection: close", "Connection: keep-alive, close"));
        heads.put("very long method", "M".repeat(5000) + " " + users + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        List<Case> cases = new ArrayList<>();
        for (Map.Entry<String, String> head : heads.entrySet()) {
            RawHttp.Request request = new RawHttp.Request(head.getValue().split("[ \t\n]", 2)[0], "(raw)");
            request.rawHead = RawHttp.latin1(head.getValue());
            // a server may well agree to read a body that was announced and never sent: its 100 is then the whole answer
            request.interimIsFinal = head.getKey().equals("Expect 100-continue over the limit");
            cases.add(new Case(++number, "(protocol)", head.getKey(), request));
        }
        for (String encoding : List.of("gzip", "deflate")) {
            cases.add(compressed("Content-Encoding " + encoding + " with garbage", encoding, utf8("garbage, not " + encoding)));
        }
        cases.add(compressed("Content-Encoding gzip, valid", "gzip", gzip(utf8(body))));
        cases.add(compressed("Content-Encoding gzip, truncated", "gzip", Arrays.copyOf(gzip(utf8(body)), 12)));
        cases.add(compressed("Content-Encoding gzip bomb (20 MB of spaces)", "gzip", gzip(utf8(" ".repeat(20_000_000)))));
        cases.add(compressed("Content-Encoding gzip of a 1.5 MB JSON string", "gzip",
                gzip(utf8("{\"email\":\"" + "e".repeat(1_500_000) + "\"}"))));
        cases.add(compressed("Content-Encoding gzip twice", "gzip, gzip", gzip(gzip(utf8(body)))));
        RawHttp.Request chunkedOversize = new RawHttp.Request("POST", users);
        chunkedOversize.header("Authorization", "Bearer " + fixture.adminToken()).header("Content-Type", "application/json")
                .header("Transfer-Encoding", "chunked").body(RawHttp.chunk(utf8("{\"email\":\"" + "e".repeat(1_500_000) + "\"}"), 65_536));
        cases.add(new Case(++number, "(protocol)", "chunked body over 1 MB", chunkedOversize));
        return cases;
    }

    private Case compressed(String label, String encoding, byte[] body) {
        RawHttp.Request request = new RawHttp.Request("POST", "/api/v1/users");
        request.header("Authorization", "Bearer " + fixture.adminToken()).header("Content-Type", "application/json")
                .header("Content-Encoding", encoding).body(body);
        return new Case(++number, "(protocol)", label, request);
    }
}
