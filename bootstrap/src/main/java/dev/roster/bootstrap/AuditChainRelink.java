package dev.roster.bootstrap;

import dev.roster.application.model.audit.Actor;
import dev.roster.application.model.audit.AddressCommitment;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditEvent;
import dev.roster.application.port.out.audit.AuditChain;
import dev.roster.domain.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The V14 migration's work (ADR 0022): the audit chain hashed raw client addresses, so none could be cleared without
 * breaking {@code /audit-events/verify}. This first checks the chain as it was hashed until now, then gives every
 * stored address a random salt and a commitment and re-links the whole chain over the commitments, in sequence
 * order, in batches, and appends one {@code audit.chain-relinked} event that names the head hash of the old chain
 * (so anyone who kept it can see where the old chain ended) and whether the old chain verified.
 *
 * <p>A chain that does not verify is not re-linked: re-linking would hide the break under valid hashes. The migration
 * stops instead, unless the operator accepts it ({@code roster.audit.relink-unverified-chain=true}); then the
 * re-link event records where the old chain was broken and why.
 */
public final class AuditChainRelink {
    private static final Logger LOG = LoggerFactory.getLogger(AuditChainRelink.class);
    private static final String COLUMNS = "sequence, occurred_at, actor_id, client_address, action, target_user_id, details, "
            + "previous_hash, hash";

    private final Connection connection;
    private final Random random;
    private final int batchSize;

    public AuditChainRelink(Connection connection, Random random, int batchSize) {
        this.connection = connection;
        this.random = random;
        this.batchSize = batchSize;
    }

    /** Where the chain of before V14 is broken: the first sequence that does not verify, and why. */
    public record Break(long sequence, String problem) {
    }

    /** What the re-link did: events re-linked, the old head hash and the sequence of the re-link event (0: none). */
    public record Outcome(long relinked, String previousHead, long relinkEvent) {
    }

    /**
     * Walks the chain as ADR 0009 hashed it (raw client addresses) with the same rules as the verification: events
     * numbered from 1 without gaps, each linked to the one before, each hash matching its content, and the head
     * (audit_chain_head) where the last event is.
     */
    public Optional<Break> checkLegacyChain() throws SQLException {
        String[] head = head();
        long headSequence = Long.parseLong(head[0]);
        String previous = AuditChain.GENESIS;
        long expected = 1;
        while (true) {
            List<Row> batch = rowsAfter(expected - 1);
            if (batch.isEmpty()) {
                long checked = expected - 1;
                if (checked < headSequence || (checked == headSequence && !previous.equals(head[1]))) {
                    return Optional.of(new Break(expected, "the chain head records events up to " + headSequence
                            + " that are missing or differ"));
                }
                return Optional.empty();
            }
            for (Row row : batch) {
                if (row.sequence() != expected) {
                    return Optional.of(new Break(expected, "event " + expected + " is missing"));
                }
                if (!row.previousHash().equals(previous)) {
                    return Optional.of(new Break(row.sequence(), "its previous hash does not match the event before it"));
                }
                if (!legacyHash(row.sequence(), previous, row.event()).equals(row.hash())) {
                    return Optional.of(new Break(row.sequence(), "its content does not match its hash"));
                }
                previous = row.hash();
                expected++;
            }
        }
    }

    /** Adds the columns and the table of ADR 0022. */
    public void addColumns() throws SQLException {
        for (String table : new String[] {"audit_events", "audit_pending"}) {
            execute("ALTER TABLE " + table + " ADD COLUMN client_address_salt CHAR(32)");
            execute("ALTER TABLE " + table + " ADD COLUMN client_address_commitment CHAR(64)");
        }
        // how far the address retention has walked the trail (JdbcAuditLog.clearClientAddressesBefore)
        execute("CREATE TABLE audit_address_retention (id INT NOT NULL PRIMARY KEY, cleared_through BIGINT NOT NULL)");
        execute("INSERT INTO audit_address_retention (id, cleared_through) VALUES (1, 0)");
    }

    /**
     * Commits every stored address (placed and pending), re-links the chain over the commitments and appends the
     * re-link event at {@code now}; {@code accepted} is the break of the old chain the operator accepted, if any.
     */
    public Outcome relink(Instant now, Optional<Break> accepted) throws SQLException {
        String previousHead = head()[1];
        String previous = AuditChain.GENESIS;
        long last = 0;
        long relinked = 0;
        try (PreparedStatement update = connection.prepareStatement("UPDATE audit_events SET client_address_salt = ?, "
                + "client_address_commitment = ?, previous_hash = ?, hash = ? WHERE sequence = ?")) {
            while (true) {
                List<Row> batch = rowsAfter(last);
                if (batch.isEmpty()) {
                    break;
                }
                for (Row row : batch) {
                    Optional<AddressCommitment> commitment = row.event().actor().clientAddress()
                            .map(address -> AddressCommitment.seal(address, random));
                    String hash = AuditChain.hash(row.sequence(), previous, row.event(), commitment.map(AddressCommitment::digest));
                    update.setString(1, commitment.flatMap(AddressCommitment::salt).orElse(null));
                    update.setString(2, commitment.map(AddressCommitment::digest).orElse(null));
                    update.setString(3, previous);
                    update.setString(4, hash);
                    update.setLong(5, row.sequence());
                    update.addBatch();
                    previous = hash;
                    last = row.sequence();
                    relinked++;
                }
                update.executeBatch();
            }
        }
        commitPendingAddresses();
        if (relinked == 0 && accepted.isEmpty()) {
            return new Outcome(0, previousHead, 0);
        }
        TreeMap<String, String> details = new TreeMap<>(Map.of("events", Long.toString(relinked),
                "previous-head", previousHead, "old-chain", accepted.isPresent() ? "broken" : "verified"));
        accepted.ifPresent(broken -> {
            details.put("broken-at", Long.toString(broken.sequence()));
            details.put("problem", broken.problem());
        });
        long sequence = last + 1;
        AuditEvent event = new AuditEvent(now, Actor.system(), AuditAction.AUDIT_CHAIN_RELINKED, Optional.empty(), details);
        String hash = AuditChain.hash(sequence, previous, event, Optional.empty());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit_events (" + COLUMNS
                + ") VALUES (?, ?, NULL, NULL, ?, NULL, ?, ?, ?)")) {
            insert.setLong(1, sequence);
            insert.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            insert.setString(3, event.action().wireName());
            insert.setString(4, encode(details));
            insert.setString(5, previous);
            insert.setString(6, hash);
            insert.executeUpdate();
        }
        try (PreparedStatement moveHead = connection.prepareStatement("UPDATE audit_chain_head SET last_sequence = ?, last_hash = ? WHERE id = 1")) {
            moveHead.setLong(1, sequence);
            moveHead.setString(2, hash);
            moveHead.executeUpdate();
        }
        LOG.info("Audit chain re-linked over client address commitments: {} event(s), old head {}, re-link event {}",
                relinked, previousHead, sequence);
        return new Outcome(relinked, previousHead, sequence);
    }

    /** Pending events are not chained yet: they only get their salt and commitment. */
    private void commitPendingAddresses() throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        try (Statement select = connection.createStatement();
             ResultSet rows = select.executeQuery("SELECT id, client_address FROM audit_pending WHERE client_address IS NOT NULL")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
                addresses.add(rows.getString(2));
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE audit_pending SET client_address_salt = ?, client_address_commitment = ? WHERE id = ?")) {
            for (int i = 0; i < ids.size(); i++) {
                AddressCommitment commitment = AddressCommitment.seal(addresses.get(i), random);
                update.setString(1, commitment.salt().orElseThrow());
                update.setString(2, commitment.digest());
                update.setLong(3, ids.get(i));
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private String[] head() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT last_sequence, last_hash FROM audit_chain_head WHERE id = 1")) {
            if (!row.next()) {
                throw new IllegalStateException("audit_chain_head has no row");
            }
            return new String[] {Long.toString(row.getLong(1)), row.getString(2)};
        }
    }

    private record Row(long sequence, AuditEvent event, String previousHash, String hash) {
    }

    private List<Row> rowsAfter(long sequence) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM audit_events WHERE sequence > ? ORDER BY sequence LIMIT ?")) {
            select.setLong(1, sequence);
            select.setInt(2, batchSize);
            List<Row> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    UUID actor = row.getObject("actor_id", UUID.class);
                    UUID target = row.getObject("target_user_id", UUID.class);
                    String action = row.getString("action");
                    AuditEvent event = new AuditEvent(row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            new Actor(Optional.ofNullable(actor).map(UserId::new), Optional.ofNullable(row.getString("client_address"))),
                            AuditAction.fromWireName(action).orElseThrow(() -> new IllegalStateException("unknown audit action " + action)),
                            Optional.ofNullable(target).map(UserId::new), decode(row.getString("details")));
                    rows.add(new Row(row.getLong("sequence"), event, row.getString("previous_hash"), row.getString("hash")));
                }
            }
            return rows;
        }
    }

    /** The hash of ADR 0009 as it was until V14: the raw client address in the content. Kept for this check only. */
    static String legacyHash(long sequence, String previousHash, AuditEvent event) {
        StringBuilder content = new StringBuilder()
                .append(previousHash).append('\n')
                .append(sequence).append('\n')
                .append(event.occurredAt()).append('\n')
                .append(event.actor().userId().map(Object::toString).orElse("-")).append('\n')
                .append(event.actor().clientAddress().orElse("-")).append('\n')
                .append(event.action().wireName()).append('\n')
                .append(event.target().map(Object::toString).orElse("-")).append('\n');
        for (Map.Entry<String, String> detail : event.details().entrySet()) {
            content.append(escape(detail.getKey())).append('=').append(escape(detail.getValue())).append('\n');
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\=");
    }

    /** The details column's form, as JdbcAuditLog writes and reads it. */
    private static String encode(Map<String, String> details) {
        return details.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static TreeMap<String, String> decode(String text) {
        TreeMap<String, String> details = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return details;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            details.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return details;
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
