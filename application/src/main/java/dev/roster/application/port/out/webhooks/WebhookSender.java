package dev.roster.application.port.out.webhooks;

import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookUrl;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Sends one webhook as Standard Webhooks says: a POST of the message as JSON, with {@code webhook-id} (the message's
 * event id), {@code webhook-timestamp} ({@code sentAt} in Unix seconds) and {@code webhook-signature} (one {@code v1,}
 * signature per secret, space-separated). Checks the resolved addresses against the SSRF rule first, follows no
 * redirect and gives up after 10 seconds. Never throws for the receiver's or the network's faults.
 */
public interface WebhookSender {

    Result send(WebhookUrl url, WebhookMessage message, List<WebhookSecret> secrets, Instant sentAt);

    /** The receiver's HTTP status, or none and a fixed word saying why there was no answer. */
    record Result(OptionalInt status, Optional<String> error) {
        public Result {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(error, "error");
        }

        public static Result answered(int status) {
            return new Result(OptionalInt.of(status), Optional.empty());
        }

        public static Result noAnswer(String error) {
            return new Result(OptionalInt.empty(), Optional.of(error));
        }

        public boolean succeeded() {
            return status.isPresent() && status.getAsInt() >= 200 && status.getAsInt() < 300;
        }
    }
}
