package dev.roster.adapters.out.persistence.jdbc.users;

import dev.roster.adapters.out.persistence.jdbc.ReplicaReads;
import dev.roster.adapters.out.persistence.jdbc.SqlTimestamps;
import dev.roster.application.model.access.Principal;
import dev.roster.application.model.users.AttributeFilter;
import dev.roster.application.model.users.InvalidQueryException;
import dev.roster.application.model.users.PageCursor;
import dev.roster.application.model.users.UserFilter;
import dev.roster.application.model.users.UserSort;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.domain.user.CaseFold;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link UserQueries} in SQL built from the filter. Keyset pages use the row-value comparison
 * {@code (sort_key, id) > (?, ?)}, which both databases can answer from the {@code (sort_key, id)} indexes
 * (../shared/STACK.md P4); the cursor's sort key is looked up by id so that the cursor itself carries none.
 * Lists and counts go through {@link ReplicaReads} (a read replica when one is configured and the caller has no
 * transaction open); reads by id or email and the token check always read the primary (ADR 0024).
 */
@Singleton
final class JdbcUserQueries implements UserQueries {
    private final UserRowLoader loader;
    private final JdbcOperations jdbc;
    private final ReplicaReads reads;

    JdbcUserQueries(UserRowLoader loader, JdbcOperations jdbc, ReplicaReads reads) {
        this.loader = loader;
        this.jdbc = jdbc;
        this.reads = reads;
    }

    @Override
    public Optional<UserView> findById(UserId id) {
        return UsersTable.findOne(jdbc, UsersTable.BY_ID, id.value()).map(row -> UserView.of(loader.complete(List.of(row)).get(0)));
    }

    @Override
    public Optional<UserView> findByEmail(dev.roster.domain.user.Email email) {
        return UsersTable.findOne(jdbc, UsersTable.BY_EMAIL_CANONICAL, email.canonical())
                .map(row -> UserView.of(loader.complete(List.of(row)).get(0)));
    }

    /**
     * One query: the roles and session generation of an ACTIVE user (a user always has USER, so no row means absent
     * or inactive).
     */
    @Override
    public Optional<Principal> findActivePrincipal(UserId id) {
        return jdbc.prepareStatement("SELECT r.role, u.session_generation FROM users u "
                + "JOIN user_roles r ON r.user_id = u.id WHERE u.id = ? AND u.status = 'ACTIVE'", statement -> {
            statement.setObject(1, id.value());
            java.util.EnumSet<Role> roles = java.util.EnumSet.noneOf(Role.class);
            long generation = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    roles.add(Role.valueOf(rows.getString(1)));
                    generation = rows.getLong(2);
                }
            }
            return roles.isEmpty() ? Optional.<Principal>empty() : Optional.of(new Principal(id, roles, generation));
        });
    }

    @Override
    public List<UserView> list(UserFilter filter, UserSort sort, Optional<PageCursor> after, long offset, int limit) {
        Sql sql = new Sql("SELECT " + UsersTable.SELECT_COLUMNS + " FROM users u");
        where(sql, filter);
        String key = sort == UserSort.EMAIL_ASC || sort == UserSort.EMAIL_DESC ? "u.email_canonical" : "u.created_at";
        String direction = sort.descending() ? "DESC" : "ASC";
        if (after.isPresent() && after.get().sort() != sort) {
            throw new InvalidQueryException("cursor", "was issued for another sort order");
        }
        return reads.read(source -> {
            Sql page = sql.copy();
            if (after.isPresent()) {
                Object anchorKey = anchorKey(source, after.get(), key);
                page.and("(" + key + ", u.id) " + (sort.descending() ? "<" : ">") + " (?, ?)", anchorKey, after.get().after().value());
            }
            page.append(" ORDER BY " + key + " " + direction + ", u.id " + direction + " LIMIT ? OFFSET ?", limit, offset);
            List<UserRow> rows = source.jdbc().prepareStatement(page.text(), statement -> {
                page.bind(statement);
                try (ResultSet resultSet = statement.executeQuery()) {
                    return UsersTable.readAll(resultSet, limit);
                }
            });
            return loader.complete(source.jdbc(), rows).stream().map(UserView::of).toList();
        });
    }

    @Override
    public long count(UserFilter filter) {
        Sql sql = new Sql("SELECT COUNT(*) FROM users u");
        where(sql, filter);
        return reads.read(source -> source.jdbc().prepareStatement(sql.text(), statement -> {
            sql.bind(statement);
            try (ResultSet resultSet = statement.executeQuery()) {
                resultSet.next();
                return resultSet.getLong(1);
            }
        }));
    }

    private static Object anchorKey(ReplicaReads.Source source, PageCursor cursor, String key) {
        Optional<UserRow> found = UsersTable.findOne(source.jdbc(), UsersTable.BY_ID, cursor.after().value());
        if (found.isEmpty() && source.replica()) {
            throw new ReplicaReads.ReplicaBehindException(); // the cursor's user may be too new for the replica: ask the primary
        }
        UserRow anchor = found
                .orElseThrow(() -> new InvalidQueryException("cursor", "points at a user that no longer exists; start again without cursor"));
        return key.equals("u.email_canonical") ? anchor.emailCanonical() : anchor.createdAt();
    }

    private static void where(Sql sql, UserFilter filter) {
        // Status names are enum constants, so they are written as literals: PostgreSQL can then match the partial
        // index on the default statuses even with a generic (server-side prepared) plan.
        sql.and("u.status IN (" + filter.statuses().stream().sorted().map(status -> "'" + status.name() + "'")
                .collect(java.util.stream.Collectors.joining(", ")) + ")");
        filter.text().ifPresent(text -> {
            // the email key folds and normalises more than the display name's (ADR 0005): each gets its own pattern
            List<Object> patterns = new ArrayList<>();
            StringBuilder condition = new StringBuilder("(");
            for (String fragment : Email.keyFragments(text)) {
                condition.append("u.email_canonical LIKE ? OR ");
                patterns.add("%" + escapeLike(fragment) + "%");
            }
            condition.append("u.display_name_lower LIKE ?)");
            patterns.add("%" + escapeLike(CaseFold.fold(text)) + "%");
            sql.and(condition.toString(), patterns.toArray());
        });
        filter.role().ifPresent(role ->
                sql.and("EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)", role.name()));
        if (!filter.restrictedIncluded()) {
            sql.and("u.restricted = FALSE");
        }
        filter.createdFrom().ifPresent(from -> sql.and("u.created_at >= ?", from));
        filter.createdTo().ifPresent(to -> sql.and("u.created_at < ?", to));
        for (AttributeFilter attribute : filter.attributes()) {
            sql.and("EXISTS (SELECT 1 FROM user_attributes a WHERE a.user_id = u.id AND a.attr_key = ? AND a.attr_value = ?)",
                    attribute.key(), attribute.value());
        }
    }

    /** Backslash is the default LIKE escape character of PostgreSQL and H2 alike. */
    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** A statement under construction and its positional parameters. */
    private static final class Sql {
        private final StringBuilder text;
        private final List<Object> parameters = new ArrayList<>();
        private boolean hasWhere;

        Sql(String select) {
            this.text = new StringBuilder(select);
        }

        /** A statement to extend without changing this one (a read may run twice: on the replica, then the primary). */
        Sql copy() {
            Sql copy = new Sql(text.toString());
            copy.parameters.addAll(parameters);
            copy.hasWhere = hasWhere;
            return copy;
        }

        void and(String condition, Object... values) {
            text.append(hasWhere ? " AND " : " WHERE ").append(condition);
            hasWhere = true;
            parameters.addAll(List.of(values));
        }

        void append(String clause, Object... values) {
            text.append(clause);
            parameters.addAll(List.of(values));
        }

        String text() {
            return text.toString();
        }

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object value = parameters.get(i);
                if (value instanceof Instant instant) {
                    statement.setObject(i + 1, SqlTimestamps.of(instant));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
        }
    }
}
