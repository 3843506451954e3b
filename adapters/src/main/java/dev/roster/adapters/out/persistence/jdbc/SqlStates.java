package dev.roster.adapters.out.persistence.jdbc;

import java.sql.SQLException;

/** Reads the SQLSTATE out of an exception's cause chain. */
public final class SqlStates {
    private static final String UNIQUE_VIOLATION = "23505"; // PostgreSQL and H2 agree

    private SqlStates() {
    }

    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
