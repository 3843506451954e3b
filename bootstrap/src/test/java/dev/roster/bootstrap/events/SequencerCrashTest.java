package dev.roster.bootstrap.events;

import dev.roster.application.model.events.EventFilter;
import dev.roster.application.model.events.StoredChangeEvent;
import dev.roster.application.model.users.UserView;
import dev.roster.application.port.in.audit.ChainVerification;
import dev.roster.application.port.in.audit.VerifyAuditChainUseCase;
import dev.roster.application.port.in.events.ChangeFeedQuery;
import dev.roster.application.port.in.events.ReadChangeFeedUseCase;
import dev.roster.application.port.in.lifecycle.DeactivateUserUseCase;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Email;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing is lost on a crash between a write's commit and the sequencer (ADR 0018): an instance whose sequencer is
 * stopped ({@code roster.events.sequencer.enabled=false}, as if the process died right after each commit) commits
 * changes and goes away; the next instance places them at start-up, and both the audit chain and the feed are
 * complete and in order.
 */
class SequencerCrashTest {
    private static final int USERS = 20;

    @Test
    void eventsCommittedBeforeTheCrashArePlacedWhenTheServiceIsBack() {
        try (ApplicationContext crashed = ApplicationContext.run(Map.of("roster.events.sequencer.enabled", false), "test")) {
            crashed.getBean(TestDatabase.class).clear();
            CreateUserUseCase create = crashed.getBean(CreateUserUseCase.class);
            DeactivateUserUseCase deactivate = crashed.getBean(DeactivateUserUseCase.class);
            for (int i = 0; i < USERS; i++) {
                UserView user = create.create(new CreateUserCommand(new Email("crash-" + i + "@example.org"), Optional.empty(),
                        Optional.empty(), Attributes.none(), Set.of(), Optional.empty()));
                if (i % 2 == 0) {
                    deactivate.deactivate(new dev.roster.domain.user.UserId(user.id()));
                }
            }
            assertThat(count(crashed, "change_events_pending")).isEqualTo(USERS + USERS / 2);
            assertThat(count(crashed, "audit_pending")).isEqualTo(USERS + USERS / 2);
            assertThat(count(crashed, "change_events")).isZero();
            assertThat(count(crashed, "audit_events")).isZero();
        }

        try (ApplicationContext back = ApplicationContext.run("test")) {
            ChainVerification verification = back.getBean(VerifyAuditChainUseCase.class).verify();
            List<StoredChangeEvent> feed = back.getBean(ReadChangeFeedUseCase.class)
                    .read(new ChangeFeedQuery(OptionalLong.of(0), 1000, EventFilter.ALL, Duration.ofSeconds(5))).items();

            assertThat(verification.valid()).isTrue();
            assertThat(verification.checked()).isEqualTo(USERS + USERS / 2);
            assertThat(feed).hasSize(USERS + USERS / 2);
            assertThat(feed).extracting(StoredChangeEvent::position)
                    .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, USERS + USERS / 2).boxed().toList());
            for (StoredChangeEvent event : feed) {
                if (event.event().type().wireName().equals("user.deactivated")) {
                    assertThat(feed.stream().filter(other -> other.event().userId().equals(event.event().userId())).findFirst()
                            .orElseThrow().event().type().wireName()).isEqualTo("user.created");
                }
            }
            assertThat(count(back, "change_events_pending")).isZero();
            assertThat(count(back, "audit_pending")).isZero();
        }
    }

    @SuppressWarnings("unchecked")
    private static long count(ApplicationContext context, String table) {
        JdbcOperations jdbc = context.getBean(JdbcOperations.class);
        TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
        return transactions.executeRead(status -> jdbc.prepareStatement("SELECT COUNT(*) FROM " + table, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }));
    }
}
