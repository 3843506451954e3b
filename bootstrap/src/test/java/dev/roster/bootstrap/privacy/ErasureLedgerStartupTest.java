package dev.roster.bootstrap.privacy;

import dev.roster.adapters.out.privacy.FileErasureLedger;
import dev.roster.application.model.audit.AuditAction;
import dev.roster.application.model.audit.AuditFilter;
import dev.roster.application.model.audit.StoredAuditEvent;
import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.application.port.out.audit.AuditLog;
import dev.roster.application.port.out.common.TransactionBoundary;
import dev.roster.application.port.out.events.EventSequencer;
import dev.roster.application.port.out.privacy.LedgerContents;
import dev.roster.application.port.out.users.UserQueries;
import dev.roster.application.service.privacy.ErasureLedgerRecorder;
import dev.roster.bootstrap.RowBackup;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.DisplayName;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.UserId;
import dev.roster.domain.user.UserStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The erasure ledger across restarts (ADR 0021): Roster started on a database restored to before an erasure erases
 * the person again before it serves anyone, even when the ledger's last line was cut short by a crash; and an erasure
 * committed just before a crash, which never reached the ledger, is in it once the service is back.
 */
class ErasureLedgerStartupTest {

    private static Path aLedger() {
        return Path.of("target", "erasure-ledgers", "startup-" + UUID.randomUUID() + ".ndjson");
    }

    private static ApplicationContext start(Path ledger, Map<String, Object> more) {
        Map<String, Object> properties = new java.util.HashMap<>(more);
        properties.put("roster.erasure.ledger-path", ledger.toString());
        return ApplicationContext.run(properties, "test");
    }

    private static UserView createUser(ApplicationContext context, String email) {
        return context.getBean(CreateUserUseCase.class).create(new CreateUserCommand(new Email(email),
                Optional.of(new DisplayName("Philippa Quarrington")), Optional.empty(), Attributes.none(), Set.of(), Optional.empty()));
    }

    @SuppressWarnings("unchecked")
    private static RowBackup backupOf(ApplicationContext context, UUID id) {
        return RowBackup.of(context.getBean(JdbcOperations.class), context.getBean(TransactionOperations.class), List.of(id));
    }

    @Test
    void aUserARestoredBackupBroughtBackIsErasedAgainAtStartUpDespiteACutLastLine() throws IOException {
        Path ledger = aLedger();
        UUID id;
        ErasureReceipt first;
        try (ApplicationContext before = start(ledger, Map.of())) {
            before.getBean(TestDatabase.class).clear();
            id = createUser(before, "philippa.quarrington@example.org").id();
            RowBackup backup = backupOf(before, id); // the nightly backup
            first = before.getBean(AnonymizeUserUseCase.class).anonymize(new UserId(id));
            backup.restore(); // the database is restored from it...
        }
        // ...and the ledger's last write was cut short by the crash that made the restore necessary
        Files.writeString(ledger, "{\"userId\":\"" + id + "\",\"erasedAt\":\"2026-", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (ApplicationContext after = start(ledger, Map.of())) {
            TransactionBoundary transactions = after.getBean(TransactionBoundary.class);
            var user = transactions.readOnly(() -> after.getBean(UserQueries.class).findById(new UserId(id))).orElseThrow();
            assertThat(user.status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(user.email()).isNotEqualTo("philippa.quarrington@example.org");
            UUID second = user.erasureReceiptId();
            assertThat(second).isNotNull();
            assertThat(second).isNotEqualTo(first.id());

            after.getBean(EventSequencer.class).linkPending();
            List<StoredAuditEvent> replayed = transactions.readOnly(() -> after.getBean(AuditLog.class).find(new AuditFilter(
                    Optional.of(new UserId(id)), Optional.empty(), Optional.of(AuditAction.USER_ERASURE_REPLAYED), Optional.empty(),
                    Optional.empty()), 0, 10));
            assertThat(replayed).hasSize(1);
            assertThat(replayed.get(0).event().actor().userId()).isEmpty(); // the system, at start-up
            assertThat(replayed.get(0).event().details()).containsEntry("ledgerReceipt", first.id().toString())
                    .containsEntry("receipt", second.toString());
            assertThat(after.getBean(VerifyAuditChainUseCase.class).verify().valid()).isTrue();

            LedgerContents contents = after.getBean(FileErasureLedger.class).read();
            assertThat(contents.skippedLines()).isEqualTo(1);
            // (the ledger also holds the receipts this database had when the first instance started: earlier tests')
            assertThat(contents.entries()).filteredOn(entry -> entry.userId().value().equals(id))
                    .extracting(entry -> entry.receiptId()).containsExactly(first.id(), second);
        }
    }

    @Test
    void anErasureCommittedJustBeforeACrashReachesTheLedgerWhenTheServiceIsBack() {
        Path ledger = aLedger();
        ErasureReceipt receipt;
        // with the sequencer stopped, the erasure's events stay pending: as if the process died right after the commit
        try (ApplicationContext crashed = start(ledger, Map.of("roster.events.sequencer.enabled", false))) {
            crashed.getBean(TestDatabase.class).clear();
            crashed.getBean(ErasureLedgerRecorder.class).catchUp(); // takes in the cleared database (the feed starts over)
            UUID id = createUser(crashed, "crashed@example.org").id();
            receipt = crashed.getBean(AnonymizeUserUseCase.class).anonymize(new UserId(id));
            assertThat(crashed.getBean(FileErasureLedger.class).read().entries()).extracting(entry -> entry.receiptId())
                    .doesNotContain(receipt.id());
        }

        try (ApplicationContext back = start(ledger, Map.of())) {
            assertThat(back.getBean(FileErasureLedger.class).read().entries()).extracting(entry -> entry.receiptId())
                    .contains(receipt.id());
        }
    }
}
