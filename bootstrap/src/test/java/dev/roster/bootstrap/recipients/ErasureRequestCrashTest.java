package dev.roster.bootstrap.recipients;

import dev.roster.application.model.erasure.ErasureReceipt;
import dev.roster.application.model.recipients.ErasureRecipient;
import dev.roster.application.model.recipients.RecipientStatus;
import dev.roster.application.model.recipients.RecipientStatuses;
import dev.roster.application.model.users.UserView;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.in.erasure.AnonymizeUserUseCase;
import dev.roster.application.port.in.recipients.CreateRecipientCommand;
import dev.roster.application.port.in.recipients.ManageErasureRecipientsUseCase;
import dev.roster.application.port.in.recipients.RecipientStatusesUseCase;
import dev.roster.application.port.in.users.CreateUserCommand;
import dev.roster.application.port.in.users.CreateUserUseCase;
import dev.roster.bootstrap.TestDatabase;
import dev.roster.bootstrap.webhooks.Receiver;
import dev.roster.domain.user.Attributes;
import dev.roster.domain.user.Email;
import dev.roster.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static dev.roster.bootstrap.webhooks.Receiver.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An erasure committed just before a crash (the sequencer stopped: {@code roster.events.sequencer.enabled=false}, as if
 * the process died right after the commit) is still asked of the recipients: until its change event is placed the
 * receipt lists them as about to be asked, and the next instance makes the request at start-up and delivers it.
 */
class ErasureRequestCrashTest {

    @Test
    void anErasureCommittedBeforeTheCrashIsAskedOfTheRecipientsWhenTheServiceIsBack() throws Exception {
        try (Receiver receiver = new Receiver()) {
            ErasureReceipt receipt;
            ErasureRecipient recipient;
            try (ApplicationContext crashed = ApplicationContext.run(Map.of("roster.events.sequencer.enabled", false), "test")) {
                crashed.getBean(TestDatabase.class).clear();
                recipient = crashed.getBean(ManageErasureRecipientsUseCase.class)
                        .create(new CreateRecipientCommand("orders", new WebhookUrl(receiver.url("/erasures"))));
                UserView user = crashed.getBean(CreateUserUseCase.class).create(new CreateUserCommand(new Email("crash@example.org"),
                        Optional.empty(), Optional.empty(), Attributes.none(), Set.of(), Optional.empty()));
                receipt = crashed.getBean(AnonymizeUserUseCase.class).anonymize(new UserId(user.id()), OptionalLong.empty());

                RecipientStatuses before = crashed.getBean(RecipientStatusesUseCase.class).statuses(receipt.id());
                assertThat(before.recipients()).singleElement().satisfies(status -> {
                    assertThat(status.recipientId()).isEqualTo(recipient.id());
                    assertThat(status.status()).isEqualTo(RecipientStatus.Status.PENDING);
                    assertThat(status.requestedAt()).as("not asked yet").isEmpty();
                });
                assertThat(before.allConfirmed()).isFalse();
            }
            assertThat(receiver.requests()).isEmpty();

            try (ApplicationContext back = ApplicationContext.run("test")) {
                RecipientStatusesUseCase statuses = back.getBean(RecipientStatusesUseCase.class);
                await(Duration.ofSeconds(15), "the request made at start-up", () ->
                        statuses.statuses(receipt.id()).recipients().get(0).requestedAt().isPresent());
                await(Duration.ofSeconds(15), "the request delivered", () -> receiver.requests().size() == 1);
                assertThat(receiver.requests().get(0).body()).contains(receipt.id().toString()).contains("user.erasure_requested");
            }
        }
    }
}
