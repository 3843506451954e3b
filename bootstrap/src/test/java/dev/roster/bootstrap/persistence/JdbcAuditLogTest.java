package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.audit.AuditLogContract;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** The {@link AuditLog} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI). */
@MicronautTest(transactional = false)
class JdbcAuditLogTest extends AuditLogContract {
    @Inject
    AuditLog auditLog;
    @Inject
    TransactionBoundary transactions;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Override
    protected AuditLog auditLog() {
        return auditLog;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}
