package dev.roster.bootstrap;

import dev.roster.application.port.in.audit.ChainVerification;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-address retention job on the real database (ADR 0022), with a retention of 0 so that every event placed
 * before the run is past it: the run clears every address from every table, the chain still verifies, and events
 * recorded afterwards keep theirs until the next run.
 */
@MicronautTest(transactional = false)
@Property(name = "roster.audit.client-address-retention", value = "0s")
@Property(name = "micronaut.server.client-address-header", value = "X-Forwarded-For")
@Property(name = "roster.http.trusted-proxies", value = "1")
class ClientAddressRetentionJobTest {
    private static final String OLD_ADDRESS = "198.51.100.88";
    private static final String NEW_ADDRESS = "2001:db8:88::88";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    TestClient api;
    @Inject
    DatabaseDump dump;
    @Inject
    ClientAddressRetentionJob job;
    @Inject
    VerifyAuditChainUseCase verification;

    private String admin;

    @BeforeEach
    void startEmpty() {
        database.clear();
        admin = accounts.adminToken();
    }

    @Test
    void clearsEveryAddressPastTheRetentionAndTheChainStillVerifies() {
        for (int i = 0; i < 3; i++) {
            createUserFrom(OLD_ADDRESS, "old-" + i + "@roster.test");
        }
        assertThat(formsFound(OLD_ADDRESS)).contains(OLD_ADDRESS);
        assertThat(verification.verify().valid()).isTrue(); // places everything committed so far

        job.clearExpiredClientAddresses();

        assertThat(formsFound(OLD_ADDRESS)).isEmpty();
        assertThat(formsFound("127.0.0.1")).as("the administrator's login, from the test client, is past it too").isEmpty();
        ChainVerification after = verification.verify();
        assertThat(after.valid()).isTrue();
        assertThat(after.checked()).isGreaterThanOrEqualTo(4);
        List<Map<String, Object>> events = events();
        assertThat(events).hasSize((int) after.checked());
        assertThat(events).filteredOn(event -> event.get("actorId") != null).hasSize(events.size() - 1)
                .allSatisfy(event -> assertThat(event.get("clientAddressCommitment")).as("the chain keeps it").isNotNull());
        assertThat(events).extracting(event -> event.get("clientAddress")).containsOnlyNulls();
    }

    @Test
    void keepsTheAddressesOfEventsRecordedAfterTheRunUntilTheNextOne() {
        createUserFrom(OLD_ADDRESS, "old@roster.test");
        verification.verify();
        job.clearExpiredClientAddresses();

        createUserFrom(NEW_ADDRESS, "new@roster.test");
        verification.verify();

        assertThat(events()).extracting(event -> event.get("clientAddress")).containsOnlyOnce(NEW_ADDRESS).doesNotContain(OLD_ADDRESS);
        job.clearExpiredClientAddresses();
        assertThat(formsFound(NEW_ADDRESS)).isEmpty();
        assertThat(verification.verify().valid()).isTrue();
    }

    private void createUserFrom(String address, String email) {
        api.send(HttpRequest.POST(TestClient.USERS, Map.of("email", email)).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Forwarded-For", address), admin).assertStatus(201);
    }

    private List<Map<String, Object>> events() {
        return api.get("/api/v1/audit-events?limit=500", admin).assertStatus(200).items();
    }

    private List<String> formsFound(String address) {
        String everything = String.join("\n", dump.rows()).toLowerCase(Locale.ROOT);
        return DatabaseDump.textualForms(address).stream().filter(everything::contains).toList();
    }
}
