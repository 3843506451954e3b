package dev.roster.bootstrap.persistence;

import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.erasure.StoredDataPackages;
import dev.roster.application.port.out.privacy.PrivacyRequests;
import dev.roster.application.port.out.privacy.PrivacyRequestsContract;
import dev.roster.application.port.out.users.UserRepository;
import dev.roster.bootstrap.TestDatabase;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;

/** The {@link PrivacyRequests} contract against the JDBC adapter on the configured database (H2, or PostgreSQL in CI). */
@MicronautTest(transactional = false)
class JdbcPrivacyRequestsTest extends PrivacyRequestsContract {
    @Inject
    PrivacyRequests requests;
    @Inject
    StoredDataPackages packages;
    @Inject
    UserRepository users;
    @Inject
    TransactionBoundary transactions;
    @Inject
    TestDatabase database;

    @BeforeEach
    void startEmpty() {
        database.clear();
    }

    @Override
    protected PrivacyRequests requests() {
        return requests;
    }

    @Override
    protected StoredDataPackages packages() {
        return packages;
    }

    @Override
    protected UserRepository users() {
        return users;
    }

    @Override
    protected TransactionBoundary transactions() {
        return transactions;
    }
}
