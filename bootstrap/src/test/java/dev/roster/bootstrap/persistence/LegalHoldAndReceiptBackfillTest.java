package dev.roster.bootstrap.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.erasure.PlaceLegalHoldUseCase;
import dev.roster.bootstrap.TestAccounts;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.UserId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * V8's backfill on the configured database (H2, or PostgreSQL when DATASOURCES_DEFAULT_URL points at one): users held
 * or erased before V8 get {@code legal_hold} and {@code erasure_receipt_id} from {@code legal_holds} and
 * {@code erasure_receipts}; nobody else changes.
 */
@MicronautTest(transactional = false)
class LegalHoldAndReceiptBackfillTest {
    private static final String V8 = "db/migration/V8__user_legal_hold_and_receipt.sql";

    @Inject
    TestDatabase database;
    @Inject
    TestAccounts accounts;
    @Inject
    PlaceLegalHoldUseCase holds;
    @Inject
    AnonymizeUserUseCase anonymize;
    @Inject
    JdbcOperations jdbc;
    @Inject
    TransactionOperations<Connection> transactions;

    @BeforeEach
    void startFromEmptyTables() {
        database.clear();
    }

    @Test
    void fillsTheHoldAndTheReceiptOfUsersFromBeforeV8AndNobodyElses() throws IOException {
        UserId held = new UserId(accounts.createUser("held@roster.test").id());
        UserId erased = new UserId(accounts.createUser("erased@roster.test").id());
        UserId plain = new UserId(accounts.createUser("plain@roster.test").id());
        holds.placeLegalHold(held, "pending litigation");
        ErasureReceipt receipt = anonymize.anonymize(erased);
        // the columns as V8 finds them: added with their defaults, before the backfill
        update("UPDATE users SET legal_hold = FALSE, erasure_receipt_id = NULL");

        for (String statement : backfillStatements()) {
            update(statement);
        }

        assertThat(legalHold(held)).isTrue();
        assertThat(receiptId(held)).isNull();
        assertThat(legalHold(erased)).isFalse();
        assertThat(receiptId(erased)).isEqualTo(receipt.id());
        assertThat(legalHold(plain)).isFalse();
        assertThat(receiptId(plain)).isNull();
    }

    /** The statements of V8 after its ALTERs: what fills the new columns. */
    private static List<String> backfillStatements() throws IOException {
        try (InputStream in = LegalHoldAndReceiptBackfillTest.class.getClassLoader().getResourceAsStream(V8)) {
            assertThat(in).as(V8).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            List<String> updates = Arrays.stream(text.split(";")).map(String::strip).filter(s -> s.startsWith("UPDATE")).toList();
            assertThat(updates).hasSize(2);
            return updates;
        }
    }

    private void update(String sql) {
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> statement.executeUpdate()));
    }

    private boolean legalHold(UserId id) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT legal_hold FROM users WHERE id = ?", statement -> {
            statement.setObject(1, id.value());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        }));
    }

    private UUID receiptId(UserId id) {
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT erasure_receipt_id FROM users WHERE id = ?", statement -> {
            statement.setObject(1, id.value());
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, UUID.class);
            }
        }));
    }
}
