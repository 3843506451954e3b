package dev.roster.bootstrap.persistence;

import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.port.in.audit.ChainVerification;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * V14 on a database of before it (ADR 0022), on H2 and on PostgreSQL (a scratch schema beside the tests' own): Flyway
 * brings an empty database up to V13, an audit trail with client addresses is written through SQL and hashed as ADR 0009
 * hashed it (the raw address in the content), then Roster starts on it and migrates. The chain must verify afterwards,
 * keep every event and address, need no address to verify (clearing them keeps it valid), and a chain that did not
 * verify before must stop the migration unless the operator accepts it.
 */
class AuditChainMigrationTest {
    private static final AtomicInteger SCRATCH = new AtomicInteger();
    private static final Instant T0 = Instant.parse("2026-11-01T08:00:00.123456Z");
    private static final UUID ADA = UUID.fromString("019b76da-a800-7000-8000-0000000000a1");
    private static final UUID ADMIN = UUID.fromString("019b76da-a800-7000-8000-0000000000a2");
    private static final String ADAS_ADDRESS = "198.51.100.41";
    private static final String ADMINS_ADDRESS = "2001:db8:41::1";

    private final String baseUrl = System.getenv("DATASOURCES_DEFAULT_URL");
    private final String user = Optional.ofNullable(System.getenv("DATASOURCES_DEFAULT_USERNAME")).orElse("sa");
    private final String password = Optional.ofNullable(System.getenv("DATASOURCES_DEFAULT_PASSWORD")).orElse("");
    private String url;
    private String schema;

    /** One event as the service before V14 stored it. */
    private record OldEvent(Instant at, UUID actor, String address, String action, UUID target, Map<String, String> details) {
    }

    private final List<OldEvent> trail = List.of(
            new OldEvent(T0, null, null, "user.created", ADMIN, Map.of("roles", "ADMIN,USER")),
            new OldEvent(T0.plusSeconds(1), ADMIN, ADMINS_ADDRESS, "login.succeeded", ADMIN, Map.of()),
            new OldEvent(T0.plusSeconds(2), ADMIN, ADMINS_ADDRESS, "user.created", ADA, Map.of("roles", "USER", "password", "true")),
            new OldEvent(T0.plusSeconds(3), null, ADAS_ADDRESS, "login.failed", ADA, Map.of("reason", "wrong-password")),
            new OldEvent(T0.plusSeconds(4), ADA, ADAS_ADDRESS, "login.succeeded", ADA, Map.of()),
            new OldEvent(T0.plusSeconds(5), ADA, ADAS_ADDRESS, "user.updated", ADA, Map.of("fields", "displayName",
                    "odd=key", "a&b\nc\\d")));

    @BeforeEach
    void aDatabaseAtV13() throws SQLException {
        int n = SCRATCH.incrementAndGet();
        if (baseUrl != null && baseUrl.startsWith("jdbc:postgresql:")) {
            schema = "v13_chain_" + n;
            try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
                 Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                statement.execute("CREATE SCHEMA " + schema);
            }
            // public stays on the path: pg_trgm's operator classes live there
            url = baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema + ",public";
        } else {
            url = "jdbc:h2:mem:v13-chain-" + n + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        }
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        if (schema != null) {
            locations.add("classpath:db/postgres");
        }
        // the newest migration before V14, whichever that is (V12 and V13 come from other branches)
        MigrationVersion v14 = MigrationVersion.fromVersion("14");
        MigrationVersion before = Arrays.stream(Flyway.configure().dataSource(url, user, password)
                        .locations(locations.toArray(String[]::new)).load().info().all())
                .map(MigrationInfo::getVersion).filter(version -> version != null && version.compareTo(v14) < 0)
                .max(MigrationVersion::compareTo).orElseThrow();
        Flyway.configure().dataSource(url, user, password).locations(locations.toArray(String[]::new)).target(before)
                .load().migrate();
        assertThat(columnsOf("audit_events")).as("the schema of before V14").doesNotContain("client_address_commitment");
    }

    @AfterEach
    void dropTheScratchDatabase() throws SQLException {
        try (Connection connection = DriverManager.getConnection(schema != null ? baseUrl : url, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(schema != null ? "DROP SCHEMA " + schema + " CASCADE" : "SHUTDOWN");
        }
    }

    @Test
    void anOldChainWithAddressesIsRelinkedOnceAndVerifiesWithEveryEventAndAddressKept() throws SQLException {
        String oldHead = writeOldChain(trail, Map.of());
        writePending(new OldEvent(T0.plusSeconds(6), ADA, ADAS_ADDRESS, "user.data-exported", ADA, Map.of("files", "0")));

        try (ApplicationContext roster = start(Map.of())) {
            ChainVerification verification = roster.getBean(VerifyAuditChainUseCase.class).verify();
            List<StoredAuditEvent> chain = chain(roster);

            assertThat(verification.valid()).as("%s", verification).isTrue();
            assertThat(verification.checked()).isEqualTo(trail.size() + 2);
            for (int i = 0; i < trail.size(); i++) {
                OldEvent old = trail.get(i);
                StoredAuditEvent stored = chain.get(i);
                assertThat(stored.sequence()).isEqualTo(i + 1);
                assertThat(stored.event().occurredAt()).isEqualTo(old.at());
                assertThat(stored.event().actor().userId().map(UserId::value)).isEqualTo(Optional.ofNullable(old.actor()));
                assertThat(stored.event().actor().clientAddress()).isEqualTo(Optional.ofNullable(old.address()));
                assertThat(stored.event().action().wireName()).isEqualTo(old.action());
                assertThat(stored.event().target().map(UserId::value)).isEqualTo(Optional.ofNullable(old.target()));
                assertThat(stored.event().details()).isEqualTo(new TreeMap<>(old.details()));
                assertThat(stored.addressCommitment().isPresent()).isEqualTo(old.address() != null);
                stored.addressCommitment().ifPresent(commitment -> assertThat(commitment.matches(old.address())).isTrue());
            }
            StoredAuditEvent relink = chain.get(trail.size());
            assertThat(relink.event().action()).isEqualTo(AuditAction.AUDIT_CHAIN_RELINKED);
            assertThat(relink.event().actor().userId()).isEmpty();
            assertThat(relink.event().details()).isEqualTo(Map.of("events", Integer.toString(trail.size()),
                    "previous-head", oldHead, "old-chain", "verified"));
            StoredAuditEvent placed = chain.get(trail.size() + 1);
            assertThat(placed.event().action()).isEqualTo(AuditAction.DATA_EXPORTED);
            assertThat(placed.addressCommitment()).hasValueSatisfying(commitment -> assertThat(commitment.matches(ADAS_ADDRESS)).isTrue());

            // no address is needed to verify any more: clearing Ada's keeps the chain valid
            int cleared = roster.getBean(TransactionBoundary.class).inTransaction(() ->
                    roster.getBean(AuditLog.class).clearClientAddressesOf(new UserId(ADA)));
            assertThat(cleared).as("login.failed, login.succeeded, user.updated, user.data-exported").isEqualTo(4);
            assertThat(roster.getBean(VerifyAuditChainUseCase.class).verify().valid()).isTrue();
            assertThat(chain(roster)).extracting(stored -> stored.event().actor().clientAddress().orElse(null))
                    .containsOnly(null, ADMINS_ADDRESS).doesNotContain(ADAS_ADDRESS);
        }
    }

    @Test
    void anEmptyTrailGetsNoRelinkEvent() throws SQLException {
        try (ApplicationContext roster = start(Map.of())) {
            assertThat(chain(roster)).noneMatch(stored -> stored.event().action() == AuditAction.AUDIT_CHAIN_RELINKED);
            assertThat(roster.getBean(VerifyAuditChainUseCase.class).verify().valid()).isTrue();
        }
    }

    @Test
    void anOldChainThatDoesNotVerifyStopsTheMigrationAndIsLeftAsItWas() throws SQLException {
        writeOldChain(trail, Map.of(4, "reason=unknown-account")); // event 4 edited after it was hashed
        Map<Long, String> hashesBefore = storedHashes();

        assertThatThrownBy(() -> start(Map.of()).close())
                .satisfies(failure -> assertThat(causes(failure)).contains("does not verify at event 4")
                        .contains("roster.audit.relink-unverified-chain"));

        assertThat(storedHashes()).isEqualTo(hashesBefore);
        assertThat(columnsOf("audit_events")).doesNotContain("client_address_commitment");
    }

    @Test
    void anOldChainThatDoesNotVerifyIsRelinkedWhenTheOperatorAcceptsItAndTheBreakIsRecorded() throws SQLException {
        String oldHead = writeOldChain(trail, Map.of(4, "reason=unknown-account"));

        try (ApplicationContext roster = start(Map.of("roster.audit.relink-unverified-chain", true))) {
            List<StoredAuditEvent> chain = chain(roster);

            assertThat(roster.getBean(VerifyAuditChainUseCase.class).verify().valid()).isTrue();
            assertThat(chain.get(trail.size()).event().details()).containsEntry("old-chain", "broken")
                    .containsEntry("broken-at", "4").containsEntry("previous-head", oldHead)
                    .hasEntrySatisfying("problem", problem -> assertThat(problem).contains("content does not match"));
        }
    }

    private ApplicationContext start(Map<String, Object> settings) {
        Map<String, Object> properties = new HashMap<>(settings);
        properties.put("datasources.default.url", url);
        return ApplicationContext.run(properties, "test");
    }

    private static List<StoredAuditEvent> chain(ApplicationContext roster) {
        return roster.getBean(TransactionBoundary.class).readOnly(() ->
                roster.getBean(AuditLog.class).find(AuditFilter.all(), 0, 1000));
    }

    /**
     * Writes the events as the service before V14 did, hashing the raw address (ADR 0009), and moves the head; an
     * entry of {@code edits} replaces the stored details of that sequence after hashing. Returns the head hash.
     */
    private String writeOldChain(List<OldEvent> events, Map<Integer, String> edits) throws SQLException {
        String previous = AuditChain.GENESIS;
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_events (sequence, occurred_at, actor_id, "
                     + "client_address, action, target_user_id, details, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                OldEvent event = events.get(i);
                long sequence = i + 1;
                String hash = oldHash(sequence, previous, event);
                insert.setLong(1, sequence);
                insert.setObject(2, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
                insert.setObject(3, event.actor());
                insert.setString(4, event.address());
                insert.setString(5, event.action());
                insert.setObject(6, event.target());
                insert.setString(7, edits.getOrDefault((int) sequence, encode(event.details())));
                insert.setString(8, previous);
                insert.setString(9, hash);
                insert.executeUpdate();
                previous = hash;
            }
            try (PreparedStatement head = connection.prepareStatement("UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
                head.setLong(1, events.size());
                head.setString(2, previous);
                head.executeUpdate();
            }
        }
        return previous;
    }

    private void writePending(OldEvent event) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_pending (occurred_at, actor_id, "
                     + "client_address, action, target_user_id, details) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
            insert.setObject(2, event.actor());
            insert.setString(3, event.address());
            insert.setString(4, event.action());
            insert.setObject(5, event.target());
            insert.setString(6, encode(event.details()));
            insert.executeUpdate();
        }
    }

    /** ADR 0009's hash, written out here as the service before V14 computed it. */
    private static String oldHash(long sequence, String previous, OldEvent event) {
        StringBuilder content = new StringBuilder()
                .append(previous).append('\n').append(sequence).append('\n').append(event.at()).append('\n')
                .append(event.actor() == null ? "-" : event.actor().toString()).append('\n')
                .append(event.address() == null ? "-" : event.address()).append('\n')
                .append(event.action()).append('\n')
                .append(event.target() == null ? "-" : event.target().toString()).append('\n');
        for (Map.Entry<String, String> detail : new TreeMap<>(event.details()).entrySet()) {
            content.append(escape(detail.getKey())).append('=').append(escape(detail.getValue())).append('\n');
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
    }

    private static String encode(Map<String, String> details) {
        return new TreeMap<>(details).entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Map<Long, String> storedHashes() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT sequence, hash FROM audit_events ORDER BY sequence")) {
            Map<Long, String> hashes = new TreeMap<>();
            while (rows.next()) {
                hashes.put(rows.getLong(1), rows.getString(2));
            }
            return hashes;
        }
    }

    private List<String> columnsOf(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM information_schema.columns "
                     + "WHERE table_schema = CURRENT_SCHEMA AND table_name = ?")) {
            statement.setString(1, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            assertThat(columns).as("columns of %s", table).isNotEmpty();
            return columns;
        }
    }

    private static String causes(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
