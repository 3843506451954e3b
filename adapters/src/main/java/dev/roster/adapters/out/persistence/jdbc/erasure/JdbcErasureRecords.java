package dev.roster.adapters.out.persistence.jdbc.erasure;

import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.out.erasure.ErasureReceiptRepository;
import dev.roster.application.port.out.erasure.LegalHold;
import dev.roster.application.port.out.erasure.LegalHoldRepository;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link ErasureReceiptRepository} and {@link LegalHoldRepository} in {@code erasure_receipts} and {@code legal_holds}. */
@Singleton
final class JdbcErasureRecords implements ErasureReceiptRepository, LegalHoldRepository {
    private static final String RECEIPT_COLUMNS = "id, user_id, requested_by, erased_at, erased_fields, removed";

    private final JdbcOperations jdbc;

    JdbcErasureRecords(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(ErasureReceipt receipt) {
        jdbc.prepareStatement("INSERT INTO erasure_receipts (" + RECEIPT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)", statement -> {
            statement.setObject(1, receipt.id());
            statement.setObject(2, receipt.userId().value());
            statement.setObject(3, receipt.requestedBy().map(UserId::value).orElse(null));
            statement.setObject(4, SqlTimestamps.of(receipt.erasedAt()));
            statement.setString(5, String.join(",", receipt.erasedFields()));
            statement.setString(6, receipt.removed().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining("&")));
            return statement.executeUpdate();
        });
    }

    @Override
    public Optional<ErasureReceipt> findById(UUID id) {
        return receipt("id", id);
    }

    @Override
    public Optional<ErasureReceipt> findByUser(UserId userId) {
        return receipt("user_id", userId.value());
    }

    @Override
    public List<ErasureReceipt> page(Optional<UUID> after, int limit) {
        String sql = "SELECT " + RECEIPT_COLUMNS + " FROM erasure_receipts" + (after.isPresent() ? " WHERE id > ?" : "")
                + " ORDER BY id LIMIT ?";
        return jdbc.prepareStatement(sql, statement -> {
            int index = 1;
            if (after.isPresent()) {
                statement.setObject(index++, after.get());
            }
            statement.setInt(index, limit);
            List<ErasureReceipt> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(readReceipt(rows));
                }
            }
            return page;
        });
    }

    @Override
    public boolean removeOfUser(UserId userId) {
        return jdbc.prepareStatement("DELETE FROM erasure_receipts WHERE user_id = ?", statement -> {
            statement.setObject(1, userId.value());
            return statement.executeUpdate() > 0;
        });
    }

    private Optional<ErasureReceipt> receipt(String column, UUID value) {
        return jdbc.prepareStatement("SELECT " + RECEIPT_COLUMNS + " FROM erasure_receipts WHERE " + column + " = ?", statement -> {
            statement.setObject(1, value);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(readReceipt(row)) : Optional.<ErasureReceipt>empty();
            }
        });
    }

    private static ErasureReceipt readReceipt(ResultSet row) throws SQLException {
        String fields = row.getString("erased_fields");
        Map<String, Long> removed = new TreeMap<>();
        String pairs = row.getString("removed");
        if (!pairs.isEmpty()) {
            for (String pair : pairs.split("&")) {
                int equals = pair.indexOf('=');
                removed.put(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1)));
            }
        }
        return new ErasureReceipt(row.getObject("id", UUID.class), new UserId(row.getObject("user_id", UUID.class)),
                Optional.ofNullable(row.getObject("requested_by", UUID.class)).map(UserId::new),
                row.getObject("erased_at", OffsetDateTime.class).toInstant(),
                fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")), removed);
    }

    @Override
    public void put(LegalHold hold) {
        remove(hold.userId());
        jdbc.prepareStatement("INSERT INTO legal_holds (user_id, reason, placed_at, placed_by) VALUES (?, ?, ?, ?)", statement -> {
            statement.setObject(1, hold.userId().value());
            statement.setString(2, hold.reason());
            statement.setObject(3, SqlTimestamps.of(hold.placedAt()));
            statement.setObject(4, hold.placedBy().map(UserId::value).orElse(null));
            return statement.executeUpdate();
        });
    }

    @Override
    public Optional<LegalHold> find(UserId userId) {
        return jdbc.prepareStatement("SELECT reason, placed_at, placed_by FROM legal_holds WHERE user_id = ?", statement -> {
            statement.setObject(1, userId.value());
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.<LegalHold>empty();
                }
                return Optional.of(new LegalHold(userId, row.getString(1), row.getObject(2, OffsetDateTime.class).toInstant(),
                        Optional.ofNullable(row.getObject(3, UUID.class)).map(UserId::new)));
            }
        });
    }

    @Override
    public boolean remove(UserId userId) {
        return jdbc.prepareStatement("DELETE FROM legal_holds WHERE user_id = ?", statement -> {
            statement.setObject(1, userId.value());
            return statement.executeUpdate() > 0;
        });
    }
}
