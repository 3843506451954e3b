package dev.roster.bootstrap;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test helper: what every answer of the server must be, checked by {@link TestClient} on every response (and by the
 * fuzz test on every raw one). No body carries a stack trace or a password hash; every 4xx and 5xx is an
 * {@code application/problem+json} document with {@code type}, {@code title}, {@code detail} and the HTTP status as
 * {@code status}. The few answers that are something else by design are named below, each as narrow as the server's
 * behaviour; anything else that breaks a rule is a violation.
 */
public final class ResponseChecks {
    public static final String PROBLEM_JSON = "application/problem+json";

    /** Text that only a stack trace, an exception message or a framework's error page puts into a body. */
    public static final List<String> STACK_TRACE_MARKERS = List.of("Exception", "at dev.roster", "at io.micronaut", "\tat ",
            "Caused by", "java.lang.", "org.h2.", "org.postgresql", "com.fasterxml");

    /** The prefixes of the password hashes Roster stores (Argon2id) or imports (bcrypt in its three variants). */
    public static final List<String> PASSWORD_HASH_MARKERS = List.of("$argon2", "$2a$", "$2b$", "$2y$");

    /** The documentation of the accepted hash formats in the import's row error for a {@code passwordHash} it cannot verify. */
    static final String IMPORT_HASH_FORMAT_HINT =
            "($argon2id$v=19$m=…,t=…,p=…$salt$hash) or a bcrypt hash ($2a$, $2b$ or $2y$)";

    private static final String IMPORT = "/api/v1/users/import";
    private static final String METRICS = "/prometheus";
    private static final String HEALTH = "/health";

    private final JsonMapper json;
    private final List<String> alsoForbidden;

    public ResponseChecks(JsonMapper json) {
        this(json, List.of());
    }

    private ResponseChecks(JsonMapper json, List<String> alsoForbidden) {
        this.json = json;
        this.alsoForbidden = List.copyOf(alsoForbidden);
    }

    /** These checks, and that no body contains any of the given texts either. */
    public ResponseChecks alsoForbidding(String... texts) {
        List<String> extra = new ArrayList<>(alsoForbidden);
        extra.addAll(List.of(texts));
        return new ResponseChecks(json, extra);
    }

    /**
     * What is wrong with one answer (empty when nothing is).
     *
     * @param method      the request's method
     * @param path        the request's path, without the query
     * @param contentType the response's Content-Type, or null
     * @param body        the response body as text, empty when there is none
     */
    public List<String> violations(String method, String path, int status, String contentType, String body) {
        List<String> violations = new ArrayList<>();
        List<String> forbidden = new ArrayList<>(STACK_TRACE_MARKERS);
        forbidden.addAll(alsoForbidden);
        for (String marker : forbidden) {
            if (!(marker.equals("Exception") && isMetricsExposition(path, status))) {
                find(marker, body, violations);
            }
        }
        String withoutFormatHint = isImport(path) ? body.replace(IMPORT_HASH_FORMAT_HINT, "") : body;
        for (String marker : PASSWORD_HASH_MARKERS) {
            find(marker, withoutFormatHint, violations);
        }
        if (status >= 400 && !isHealthReport(method, path, status, contentType, body)) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(PROBLEM_JSON)) {
                violations.add("Content-Type " + contentType + " on a " + status);
            }
            if (!isHead(method)) {
                violations.addAll(problemDocument(status, body));
            }
        }
        return violations;
    }

    private static void find(String marker, String body, List<String> violations) {
        int at = body.indexOf(marker);
        if (at >= 0) {
            violations.add("body contains \"" + marker + "\" in …"
                    + excerpt(body.substring(Math.max(0, at - 60), Math.min(body.length(), at + 60))) + "…");
        }
    }

    /**
     * Exemption: the import's row error for a password hash it cannot verify spells out the accepted formats, prefixes
     * included; that exact text, only in answers of the import, is documentation, not a hash.
     */
    private static boolean isImport(String path) {
        return path.equals(IMPORT);
    }

    /**
     * Exemption: Prometheus metrics carry exception class names as tag values ({@code exception="DecompressionException"}),
     * which is data about errors, not a trace. Only the word {@code Exception}, only on a 2xx of the metrics endpoint.
     */
    private static boolean isMetricsExposition(String path, int status) {
        return status >= 200 && status < 300 && (path.equals(METRICS) || path.startsWith(METRICS + "/"));
    }

    /**
     * Exemption: {@code GET /health} answers 503 with the health report itself ({@code {"status":"DOWN"}}), the format
     * load balancers and orchestrators read, not a problem document. Only that status, path and JSON shape.
     */
    private boolean isHealthReport(String method, String path, int status, String contentType, String body) {
        if (status != 503 || !path.equals(HEALTH) || !method.equalsIgnoreCase("GET")
                || contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        Map<String, Object> report = object(body);
        return report != null && "DOWN".equals(report.get("status"));
    }

    /** Exemption: a HEAD answer has the headers of the GET, so a Content-Type, but never a body to hold the document. */
    private static boolean isHead(String method) {
        return method.equalsIgnoreCase("HEAD");
    }

    private List<String> problemDocument(int status, String body) {
        Map<String, Object> problem = object(body);
        if (problem == null) {
            return List.of("body is not a JSON object");
        }
        List<String> missing = new ArrayList<>();
        for (String member : List.of("type", "title", "detail")) {
            if (!(problem.get(member) instanceof String)) {
                missing.add("no \"" + member + "\"");
            }
        }
        if (!(problem.get("status") instanceof Number number) || number.intValue() != status) {
            missing.add("\"status\" " + problem.get("status") + " is not the HTTP status");
        }
        return missing;
    }

    private Map<String, Object> object(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The text with line breaks and other control characters escaped, so that a violation fits on one line. */
    private static String excerpt(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 || (c >= 0x7f && c < 0xa0) ? String.format("\\x%02X", (int) c) : String.valueOf(c));
            }
        }
        return out.toString();
    }
}
