package dev.roster.bootstrap.fuzz;

import dev.roster.bootstrap.ResponseChecks;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.fuzz.FuzzCases.Case;
import dev.roster.bootstrap.fuzz.FuzzCases.Endpoint;
import dev.roster.bootstrap.fuzz.FuzzCases.Fixture;
import dev.roster.domain.user.Role;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * SPEC §5 "Bad input": a few thousand generated malformed requests (random JSON shapes, wrong types, huge strings and
 * numbers, deep nesting, invalid and overlong UTF-8, NUL and C1 control characters and lone surrogates in stored
 * fields and imports, odd content types and headers, absurd query parameters, malformed path segments, request lines
 * and headers past the server's limits, broken HTTP framing) sent to every endpoint, mostly with an administrator's token so that validation
 * rather than authorization answers. Every answer must be below 500, carry no stack trace, and every 4xx must be an
 * {@code application/problem+json} document whose {@code status} is the HTTP status.
 *
 * <p>Three parts: for every endpoint a fixed list of malformations with one odd thing each ({@link FuzzCases#systematic}),
 * then random combinations of them ({@link FuzzCases#next}), then requests broken at the HTTP level
 * ({@link FuzzCases#protocolCases}). The inputs come from a fixed seed (printed; {@code -Droster.fuzz.seed=N} tries
 * another), so a failure repeats. The summary lists answers by endpoint and status, and the violations grouped by cause;
 * {@code -Droster.fuzz.shown=N} prints the first N violations in full (request bytes and answer).
 */
@MicronautTest(transactional = false)
class MalformedRequestFuzzTest {
    private static final long DEFAULT_SEED = 20_261_122L;
    private static final int OVERSIZE_BODIES = 6;

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    @Test
    void everyMalformedRequestGetsAProblemDocumentAndNeverAServerErrorOrAStackTrace() throws IOException {
        long seed = Long.getLong("roster.fuzz.seed", DEFAULT_SEED);
        System.out.println("Fuzz seed: " + seed + " (repeat with -Droster.fuzz.seed=" + seed + ")");
        long started = System.nanoTime();
        URL url = server.getURL();
        try (RawHttp http = new RawHttp(url.getHost(), url.getPort())) {
            Random random = new Random(seed);
            MalformedInputs inputs = new MalformedInputs(random, OVERSIZE_BODIES);
            Fixture fixture = fixture(http, inputs);
            FuzzCases cases = new FuzzCases(inputs, fixture);

            List<Endpoint> slots = new ArrayList<>();
            for (Endpoint endpoint : FuzzCases.endpoints()) {
                slots.addAll(Collections.nCopies(endpoint.requests(), endpoint));
            }
            Collections.shuffle(slots, random);

            Tally tally = new Tally(cases);
            for (Endpoint endpoint : FuzzCases.endpoints()) {
                for (Case fixedCase : cases.systematic(endpoint)) {
                    tally.send(http, fixedCase);
                }
            }
            for (Case credentialCase : cases.credentialCases()) {
                tally.send(http, credentialCase);
            }
            for (Endpoint endpoint : slots) {
                tally.send(http, cases.next(endpoint));
            }
            for (Case protocolCase : cases.protocolCases()) {
                tally.send(http, protocolCase);
            }
            tally.print(seed, (System.nanoTime() - started) / 1_000_000, Integer.getInteger("roster.fuzz.shown", 40));
            tally.assertNoViolations(seed);
        }
    }

    /** The accounts and things the requests refer to: users with files, a stored erasure receipt, a legal hold. */
    private Fixture fixture(RawHttp http, MalformedInputs inputs) throws IOException {
        database.clear();
        String admin = accounts.adminToken();
        String user = accounts.tokenFor("fuzz-self@roster.test");
        String auditor = accounts.tokenFor("fuzz-auditor@roster.test", Role.AUDITOR);
        String userId = object(call(http, "GET", "/api/v1/me", user, null, 200)).get("id").toString();
        List<String> targets = new ArrayList<>();
        List<String> victims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            targets.add(accounts.createUser("fuzz-target-" + i + "@roster.test").id().toString());
        }
        for (int i = 0; i < 4; i++) {
            victims.add(accounts.createUser("fuzz-victim-" + i + "@roster.test").id().toString());
        }
        String file = "{\"name\":\"a.txt\",\"sizeBytes\":1,\"contentType\":\"text/plain\"}";
        List<String> fileIds = List.of(
                object(call(http, "POST", "/api/v1/users/" + targets.get(0) + "/files", admin, file, 201)).get("id").toString(),
                object(call(http, "POST", "/api/v1/users/" + victims.get(0) + "/files", admin, file, 201)).get("id").toString(),
                inputs.uuid());
        // a recipient that cannot be reached (the discard port refuses): it is asked about the erasure below
        Map<String, Object> recipient = object(call(http, "POST", "/api/v1/erasure-recipients", admin,
                "{\"name\":\"fuzz\",\"url\":\"http://127.0.0.1:9/erasures\"}", 201));
        String erased = accounts.createUser("fuzz-erased@roster.test").id().toString();
        String receipt = object(call(http, "POST", "/api/v1/users/" + erased + "/anonymize", admin, null, 200)).get("id").toString();
        call(http, "PUT", "/api/v1/users/" + victims.get(3) + "/legal-hold", admin, "{\"reason\":\"fuzz\"}", 204);
        String secret = context.getRequiredProperty("roster.security.jwt-secret", String.class);
        List<String> requests = new ArrayList<>();
        for (String type : List.of("ACCESS", "ERASURE", "RESTRICTION", "OBJECTION", "PORTABILITY")) {
            String request = "{\"type\":\"" + type + "\",\"userId\":\"" + victims.get(requests.size() % 3) + "\",\"note\":\"fuzz\"}";
            requests.add(object(call(http, "POST", "/api/v1/privacy-requests", admin, request, 201)).get("id").toString());
        }
        call(http, "POST", "/api/v1/privacy-requests/" + requests.get(0) + "/complete", admin, null, 200); // one with a package
        String own = object(call(http, "POST", "/api/v1/me/privacy-requests", user, "{\"type\":\"ACCESS\"}", 201)).get("id").toString();
        call(http, "POST", "/api/v1/privacy-requests/" + own + "/complete", admin, null, 200);
        @SuppressWarnings("unchecked")
        String recipientId = ((Map<String, Object>) recipient.get("recipient")).get("id").toString();
        return new Fixture(admin, user, auditor, userId, targets, victims, fileIds, receipt, secret, requests, own, recipientId,
                recipient.get("secret").toString(), erased);
    }

    private static RawHttp.Response call(RawHttp http, String method, String path, String token, String body, int expected)
            throws IOException {
        RawHttp.Request request = new RawHttp.Request(method, path).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json").body(body.getBytes(StandardCharsets.UTF_8));
        }
        RawHttp.Response response = http.send(request);
        assertThat(response.status()).as("%s %s answered %s", method, path, response.text()).isEqualTo(expected);
        return response;
    }

    private Map<String, Object> object(RawHttp.Response response) throws IOException {
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    /** Sends cases, checks each answer and counts statuses per endpoint. */
    private final class Tally {
        private final FuzzCases cases;
        private final Map<String, Map<String, Integer>> statuses = new TreeMap<>();
        private final Map<String, Long> millis = new TreeMap<>();
        private final List<String> violations = new ArrayList<>();
        /** Violations grouped by what was odd (for the fixed cases) and what went wrong, with the endpoints concerned. */
        private final Map<String, Set<String>> violationKinds = new TreeMap<>();
        private final Map<String, Integer> violationCounts = new TreeMap<>();
        private final List<String> protocolOutcomes = new ArrayList<>();
        private final ResponseChecks checks = new ResponseChecks(json);
        private int sent;

        Tally(FuzzCases cases) {
            this.cases = cases;
        }

        void send(RawHttp http, Case fuzzCase) {
            sent++;
            RawHttp.Response response;
            long start = System.nanoTime();
            try {
                response = http.send(fuzzCase.request());
            } catch (IOException | RuntimeException e) {
                count(fuzzCase, "no answer");
                if (fuzzCase.endpoint().equals("(protocol)")) {
                    protocolOutcomes.add(String.format("  %-45s no answer: %s", fuzzCase.kind(), e));
                }
                violation(fuzzCase, null, List.of("no response: " + e));
                return;
            } finally {
                millis.merge(fuzzCase.endpoint(), (System.nanoTime() - start) / 1_000_000, Long::sum);
            }
            count(fuzzCase, Integer.toString(response.status()));
            if (fuzzCase.endpoint().equals("(protocol)")) {
                protocolOutcomes.add(String.format("  %-45s %s", fuzzCase.kind(), response.statusLine()));
            }
            List<String> problems = check(fuzzCase, response);
            if (!problems.isEmpty()) {
                violation(fuzzCase, response, problems);
            }
        }

        private void count(Case fuzzCase, String outcome) {
            statuses.computeIfAbsent(fuzzCase.endpoint(), key -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
        }

        private List<String> check(Case fuzzCase, RawHttp.Response response) {
            List<String> problems = new ArrayList<>();
            int status = response.status();
            if (status >= 500) {
                problems.add("status " + status);
            }
            RawHttp.Request request = fuzzCase.request();
            problems.addAll(checks.violations(request.method, request.path(), status, response.header("Content-Type"), response.text()));
            return problems;
        }

        private void violation(Case fuzzCase, RawHttp.Response response, List<String> problems) {
            String outcome = response == null ? "no answer" : Integer.toString(response.status());
            boolean random = !fuzzCase.kind().startsWith("fixed: ") && !fuzzCase.kind().startsWith("Authorization ")
                    && !fuzzCase.endpoint().equals("(protocol)");
            String label = random ? "random cases" : fuzzCase.kind().replace("fixed: ", "");
            String key = outcome + " " + String.join("; ", problems).replaceAll("java\\.\\S+", "…").replaceAll(" in …\"[^\n]*", "")
                    + "  ← " + label;
            violationKinds.computeIfAbsent(key, k -> new TreeSet<>()).add(fuzzCase.endpoint());
            violationCounts.merge(key, 1, Integer::sum);
            RawHttp.Request request = fuzzCase.request();
            StringBuilder text = new StringBuilder();
            text.append('#').append(fuzzCase.number()).append(' ').append(fuzzCase.endpoint()).append(" [").append(fuzzCase.kind())
                    .append("]\n    problems: ").append(String.join("; ", problems));
            if (request.rawHead != null) {
                text.append("\n    request bytes: ").append(Describe.text(cases.redact(RawHttp.asLatin1(request.rawHead)), 400));
            } else {
                text.append("\n    request: ").append(Describe.text(request.method, 40)).append(' ').append(Describe.text(request.target, 300));
                for (RawHttp.Header header : request.headers) {
                    text.append("\n      ").append(header.name()).append(": ").append(Describe.text(cases.redact(header.value()), 160));
                }
            }
            if (request.body != null) {
                text.append("\n    body (").append(request.body.length).append(" bytes): ").append(Describe.bytes(request.body, 300));
            }
            if (response != null) {
                text.append("\n    response: ").append(response.statusLine()).append(" | Content-Type: ").append(response.header("Content-Type"))
                        .append(" | ").append(Describe.text(response.text(), 400));
            }
            violations.add(text.toString());
        }

        void print(long seed, long elapsed, int shown) {
            StringBuilder summary = new StringBuilder();
            summary.append(String.format("%nFuzz summary: %d requests in %d ms (seed %d)%n", sent, elapsed, seed));
            summary.append(String.format("  %-48s %5s %7s  %s%n", "endpoint", "sent", "ms", "answers by status"));
            statuses.forEach((endpoint, outcomes) -> summary.append(String.format("  %-48s %5d %7d  %s%n", endpoint,
                    outcomes.values().stream().mapToInt(Integer::intValue).sum(), millis.getOrDefault(endpoint, 0L), outcomes)));
            summary.append("Protocol-level cases:\n");
            protocolOutcomes.forEach(line -> summary.append(line).append('\n'));
            summary.append(String.format("Violations: %d%n", violations.size()));
            summary.append(groupedViolations());
            violations.stream().limit(shown).forEach(violation -> summary.append(violation).append('\n'));
            System.out.println(summary);
        }

        private String groupedViolations() {
            StringBuilder text = new StringBuilder();
            violationKinds.forEach((kind, endpoints) -> {
                String names = String.join(", ", endpoints);
                text.append(String.format("  %4d × %s%n         on %d endpoint(s): %s%n", violationCounts.get(kind), kind, endpoints.size(),
                        names.length() > 300 ? names.substring(0, 300) + "…" : names));
            });
            return text.toString();
        }

        void assertNoViolations(long seed) {
            if (!violations.isEmpty()) {
                StringBuilder message = new StringBuilder(violations.size() + " of " + sent + " malformed requests (seed " + seed
                        + ") got a 5xx, a stack trace or a 4xx that is not a problem document:\n");
                message.append(groupedViolations());
                violations.stream().limit(20).forEach(violation -> message.append(violation).append('\n'));
                fail(message.toString());
            }
        }
    }
}
