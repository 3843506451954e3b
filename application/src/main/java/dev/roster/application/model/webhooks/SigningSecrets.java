package dev.roster.application.model.webhooks;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The secrets of a receiver Roster signs for (a webhook subscription or an erasure recipient): the current one and, for
 * 24 hours after a rotation, the previous one, which keeps signing (and, for confirmations, verifying) beside it.
 */
public record SigningSecrets(WebhookSecret current, Optional<WebhookSecret> previous, Optional<Instant> previousExpiresAt) {
    /** How long the previous secret stays valid after a rotation. */
    public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

    public SigningSecrets {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(previousExpiresAt, "previousExpiresAt");
    }

    /** A new random secret, nothing before it. */
    public static SigningSecrets generate(SecureRandom random) {
        return new SigningSecrets(WebhookSecret.generate(random), Optional.empty(), Optional.empty());
    }

    /** The secrets valid at {@code now}: the current one first, then the previous one within its 24 hours. */
    public List<WebhookSecret> valid(Instant now) {
        List<WebhookSecret> secrets = new ArrayList<>(List.of(current));
        if (previous.isPresent() && previousExpiresAt.map(now::isBefore).orElse(false)) {
            secrets.add(previous.get());
        }
        return secrets;
    }

    /** {@code next} becomes current; the current one stays valid for {@link #ROTATION_OVERLAP}. */
    public SigningSecrets rotated(WebhookSecret next, Instant now) {
        return new SigningSecrets(next, Optional.of(current), Optional.of(now.plus(ROTATION_OVERLAP)));
    }

    @Override
    public String toString() {
        return "SigningSecrets[***]";
    }
}
