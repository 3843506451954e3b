package dev.roster.adapters.out.persistence.jdbc.privacy;

import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.privacy.PrivacyRequest;
import dev.roster.application.model.privacy.PrivacyRequestCounts;
import dev.roster.application.model.privacy.PrivacyRequestCursor;
import dev.roster.application.model.privacy.PrivacyRequestFilter;
import dev.roster.application.model.privacy.PrivacyRequestStatus;
import dev.roster.application.model.privacy.PrivacyRequestType;
import dev.roster.application.model.privacy.StepAction;
import dev.roster.application.model.privacy.StoredDataPackage;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@link PrivacyRequests} in {@code privacy_requests} (one row per request, its extension and outcome in columns),
 * {@code privacy_request_steps} (the history, numbered) and {@code privacy_request_packages} (the attached data
 * packages, with their user's id so that erasure removes them: {@link StoredDataPackages}). Rows are read by position
 * from {@link #COLUMNS} (ADR 0014).
 */
@Singleton
final class JdbcPrivacyRequests implements PrivacyRequests, StoredDataPackages {
    private static final String COLUMNS = "r.id, r.request_type, r.user_id, r.received_at, r.due_at, r.status, r.note, "
            + "r.extension_reason, r.extension_months, r.extended_at, r.extended_by, r.outcome_recorded, r.closed_at, r.closed_by, "
            + "r.outcome_note, r.refusal_reason, r.receipt_id, r.package_generated_at, r.package_size, r.user_restricted";
    private static final String INSERT = "INSERT INTO privacy_requests (id, request_type, user_id, received_at, due_at, status, "
            + "note, extension_reason, extension_months, extended_at, extended_by, outcome_recorded, closed_at, closed_by, "
            + "outcome_note, refusal_reason, receipt_id, package_generated_at, package_size, user_restricted) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Type, user and received time never change. */
    private static final String UPDATE = "UPDATE privacy_requests SET due_at = ?, status = ?, note = ?, extension_reason = ?, "
            + "extension_months = ?, extended_at = ?, extended_by = ?, outcome_recorded = ?, closed_at = ?, closed_by = ?, "
            + "outcome_note = ?, refusal_reason = ?, receipt_id = ?, package_generated_at = ?, package_size = ?, "
            + "user_restricted = ? WHERE id = ?";
    private static final String OPEN = PrivacyRequestStatus.OPEN.stream().map(status -> "'" + status.name() + "'").sorted()
            .collect(Collectors.joining(", "));

    private final JdbcOperations jdbc;

    JdbcPrivacyRequests(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void add(PrivacyRequest request) {
        jdbc.prepareStatement(INSERT, statement -> {
            statement.setObject(1, request.id());
            statement.setString(2, request.type().name());
            statement.setObject(3, request.userId().value());
            statement.setObject(4, SqlTimestamps.of(request.receivedAt()));
            bindState(statement, 5, request);
            return statement.executeUpdate();
        });
        insertSteps(request, 0);
    }

    @Override
    public void update(PrivacyRequest request) {
        int updated = jdbc.prepareStatement(UPDATE, statement -> {
            bindState(statement, 1, request);
            statement.setObject(17, request.id());
            return statement.executeUpdate();
        });
        if (updated != 1) {
            throw new IllegalStateException("no privacy request " + request.id());
        }
        int stored = jdbc.prepareStatement("SELECT COUNT(*) FROM privacy_request_steps WHERE request_id = ?", statement -> {
            statement.setObject(1, request.id());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        });
        insertSteps(request, stored);
    }

    /** Binds due_at through user_restricted (16 parameters) from {@code first} on. */
    private static void bindState(PreparedStatement statement, int first, PrivacyRequest request) throws SQLException {
        int i = first;
        statement.setObject(i++, SqlTimestamps.of(request.dueAt()));
        statement.setString(i++, request.status().name());
        statement.setString(i++, request.note().orElse(null));
        Optional<PrivacyRequest.Extension> extension = request.extension();
        statement.setString(i++, extension.map(PrivacyRequest.Extension::reason).orElse(null));
        statement.setObject(i++, extension.map(PrivacyRequest.Extension::months).orElse(null), java.sql.Types.INTEGER);
        statement.setObject(i++, SqlTimestamps.of(extension.map(PrivacyRequest.Extension::at).orElse(null)));
        statement.setObject(i++, extension.flatMap(PrivacyRequest.Extension::by).map(UserId::value).orElse(null));
        Optional<PrivacyRequest.Outcome> outcome = request.outcome();
        statement.setBoolean(i++, outcome.isPresent());
        statement.setObject(i++, SqlTimestamps.of(outcome.flatMap(PrivacyRequest.Outcome::closedAt).orElse(null)));
        statement.setObject(i++, outcome.flatMap(PrivacyRequest.Outcome::closedBy).map(UserId::value).orElse(null));
        statement.setString(i++, outcome.flatMap(PrivacyRequest.Outcome::note).orElse(null));
        statement.setString(i++, outcome.flatMap(PrivacyRequest.Outcome::refusalReason).orElse(null));
        statement.setObject(i++, outcome.flatMap(PrivacyRequest.Outcome::receiptId).orElse(null));
        statement.setObject(i++, SqlTimestamps.of(outcome.flatMap(PrivacyRequest.Outcome::packageGeneratedAt).orElse(null)));
        statement.setLong(i++, outcome.map(PrivacyRequest.Outcome::packageSize).orElse(0L));
        statement.setBoolean(i, outcome.map(PrivacyRequest.Outcome::userRestricted).orElse(false));
    }

    private void insertSteps(PrivacyRequest request, int from) {
        List<PrivacyRequest.Step> steps = request.history();
        if (from > steps.size()) {
            throw new IllegalStateException("a request's history only grows");
        }
        for (int n = from; n < steps.size(); n++) {
            PrivacyRequest.Step step = steps.get(n);
            int number = n;
            jdbc.prepareStatement("INSERT INTO privacy_request_steps (request_id, step_no, action, occurred_at, actor_id, detail) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", statement -> {
                statement.setObject(1, request.id());
                statement.setInt(2, number);
                statement.setString(3, step.action().wireName());
                statement.setObject(4, SqlTimestamps.of(step.at()));
                statement.setObject(5, step.actor().map(UserId::value).orElse(null));
                statement.setString(6, step.detail().orElse(null));
                return statement.executeUpdate();
            });
        }
    }

    @Override
    public Optional<PrivacyRequest> find(UUID id) {
        return one("SELECT " + COLUMNS + " FROM privacy_requests r WHERE r.id = ?", id);
    }

    @Override
    public Optional<PrivacyRequest> lock(UUID id) {
        return one("SELECT " + COLUMNS + " FROM privacy_requests r WHERE r.id = ? FOR UPDATE", id);
    }

    private Optional<PrivacyRequest> one(String sql, UUID id) {
        List<PrivacyRequest> rows = jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, id);
            return readRows(statement);
        });
        return withHistory(rows).stream().findFirst();
    }

    @Override
    public List<PrivacyRequest> list(PrivacyRequestFilter filter, Optional<PrivacyRequestCursor> after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM privacy_requests r WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND r.status IN (").append(literals(filter.statuses())).append(')');
        }
        if (!filter.types().isEmpty()) {
            sql.append(" AND r.request_type IN (").append(literals(filter.types())).append(')');
        }
        filter.userId().ifPresent(user -> {
            sql.append(" AND r.user_id = ?");
            parameters.add(user.value());
        });
        filter.overdueAt().ifPresent(now -> {
            sql.append(" AND r.status IN (").append(OPEN).append(") AND r.due_at < ?");
            parameters.add(SqlTimestamps.of(now));
        });
        filter.dueBefore().ifPresent(before -> {
            sql.append(" AND r.due_at < ?");
            parameters.add(SqlTimestamps.of(before));
        });
        after.ifPresent(cursor -> { // the row-value form is an index condition on (due_at, id) in both databases (STACK P4)
            sql.append(" AND (r.due_at, r.id) > (?, ?)");
            parameters.add(SqlTimestamps.of(cursor.dueAt()));
            parameters.add(cursor.id());
        });
        sql.append(" ORDER BY r.due_at, r.id LIMIT ?");
        parameters.add(limit);
        List<PrivacyRequest> rows = jdbc.prepareStatement(sql.toString(), statement -> {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return readRows(statement);
        });
        return withHistory(rows);
    }

    private static String literals(Collection<? extends Enum<?>> values) {
        return values.stream().map(value -> "'" + value.name() + "'").sorted().collect(Collectors.joining(", "));
    }

    @Override
    public Optional<UUID> findOpen(UserId userId, PrivacyRequestType type) {
        return jdbc.prepareStatement("SELECT r.id FROM privacy_requests r WHERE r.user_id = ? AND r.request_type = ? AND r.status IN ("
                + OPEN + ") ORDER BY r.due_at, r.id LIMIT 1", statement -> {
            statement.setObject(1, userId.value());
            statement.setString(2, type.name());
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.<UUID>empty();
            }
        });
    }

    @Override
    public PrivacyRequestCounts count(Instant now) {
        return jdbc.prepareStatement("SELECT r.request_type, COUNT(*), SUM(CASE WHEN r.due_at < ? THEN 1 ELSE 0 END) "
                + "FROM privacy_requests r WHERE r.status IN (" + OPEN + ") GROUP BY r.request_type", statement -> {
            statement.setObject(1, SqlTimestamps.of(now));
            Map<PrivacyRequestType, Long> open = new EnumMap<>(PrivacyRequestType.class);
            Map<PrivacyRequestType, Long> overdue = new EnumMap<>(PrivacyRequestType.class);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    PrivacyRequestType type = PrivacyRequestType.valueOf(row.getString(1));
                    open.put(type, row.getLong(2));
                    overdue.put(type, row.getLong(3));
                }
            }
            return new PrivacyRequestCounts(open, overdue);
        });
    }

    @Override
    public void attachPackage(StoredDataPackage dataPackage) {
        jdbc.prepareStatement("INSERT INTO privacy_request_packages (request_id, user_id, generated_at, content) VALUES (?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, dataPackage.requestId());
                    statement.setObject(2, dataPackage.userId().value());
                    statement.setObject(3, SqlTimestamps.of(dataPackage.generatedAt()));
                    statement.setString(4, dataPackage.json());
                    return statement.executeUpdate();
                });
    }

    @Override
    public Optional<StoredDataPackage> findPackage(UUID requestId) {
        return jdbc.prepareStatement("SELECT user_id, generated_at, content FROM privacy_request_packages WHERE request_id = ?",
                statement -> {
                    statement.setObject(1, requestId);
                    try (ResultSet row = statement.executeQuery()) {
                        if (!row.next()) {
                            return Optional.<StoredDataPackage>empty();
                        }
                        return Optional.of(new StoredDataPackage(requestId, new UserId(row.getObject(1, UUID.class)),
                                row.getObject(2, OffsetDateTime.class).toInstant(), row.getString(3)));
                    }
                });
    }

    @Override
    public long countOf(UserId userId) {
        return jdbc.prepareStatement("SELECT COUNT(*) FROM privacy_request_packages WHERE user_id = ?", statement -> {
            statement.setObject(1, userId.value());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    @Override
    public long deleteAllOf(UserId userId) {
        return jdbc.prepareStatement("DELETE FROM privacy_request_packages WHERE user_id = ?", statement -> {
            statement.setObject(1, userId.value());
            return (long) statement.executeUpdate();
        });
    }

    /** The requests a query selected {@link #COLUMNS} for, each still without its history. */
    private static List<PrivacyRequest> readRows(PreparedStatement statement) throws SQLException {
        List<PrivacyRequest> rows = new ArrayList<>();
        try (ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                rows.add(read(row));
            }
        }
        return rows;
    }

    private static PrivacyRequest read(ResultSet row) throws SQLException {
        UUID id = row.getObject(1, UUID.class);
        Optional<PrivacyRequest.Extension> extension = Optional.empty();
        int months = row.getInt(9);
        if (!row.wasNull()) {
            extension = Optional.of(new PrivacyRequest.Extension(row.getString(8), months, instant(row, 10), user(row, 11)));
        }
        Optional<PrivacyRequest.Outcome> outcome = Optional.empty();
        if (row.getBoolean(12)) {
            outcome = Optional.of(new PrivacyRequest.Outcome(Optional.ofNullable(instant(row, 13)), user(row, 14),
                    Optional.ofNullable(row.getString(15)), Optional.ofNullable(row.getString(16)),
                    Optional.ofNullable(row.getObject(17, UUID.class)), Optional.ofNullable(instant(row, 18)), row.getLong(19),
                    row.getBoolean(20)));
        }
        return new PrivacyRequest(id, PrivacyRequestType.valueOf(row.getString(2)), new UserId(row.getObject(3, UUID.class)),
                instant(row, 4), instant(row, 5), PrivacyRequestStatus.valueOf(row.getString(6)), Optional.ofNullable(row.getString(7)),
                extension, outcome, List.of());
    }

    /** The rows with their steps, read for the whole page in one query. */
    private List<PrivacyRequest> withHistory(List<PrivacyRequest> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<UUID> ids = rows.stream().map(PrivacyRequest::id).toList();
        Map<UUID, List<PrivacyRequest.Step>> steps = new HashMap<>();
        String in = String.join(", ", Collections.nCopies(ids.size(), "?"));
        jdbc.prepareStatement("SELECT request_id, action, occurred_at, actor_id, detail FROM privacy_request_steps "
                + "WHERE request_id IN (" + in + ") ORDER BY request_id, step_no", statement -> {
            for (int i = 0; i < ids.size(); i++) {
                statement.setObject(i + 1, ids.get(i));
            }
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    steps.computeIfAbsent(row.getObject(1, UUID.class), key -> new ArrayList<>()).add(new PrivacyRequest.Step(
                            StepAction.fromWireName(row.getString(2)), instant(row, 3), user(row, 4), Optional.ofNullable(row.getString(5))));
                }
            }
            return null;
        });
        return rows.stream().map(request -> new PrivacyRequest(request.id(), request.type(),
                request.userId(), request.receivedAt(), request.dueAt(), request.status(), request.note(), request.extension(),
                request.outcome(), steps.getOrDefault(request.id(), List.of()))).toList();
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Optional<UserId> user(ResultSet row, int column) throws SQLException {
        return Optional.ofNullable(row.getObject(column, UUID.class)).map(UserId::new);
    }
}
