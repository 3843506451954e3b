package dev.roster.adapters.out.webhooks;

import dev.roster.application.model.webhooks.WebhookSecret;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checking an erasure recipient's signature, on the Standard Webhooks specification's own test vector. */
class StandardWebhookSignatureTest {
    private static final WebhookSecret SECRET = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final WebhookSecret OTHER = new WebhookSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[32]));
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
    private static final String VECTOR = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    private final StandardWebhookSignature signatures = new StandardWebhookSignature();

    @Test
    void theSpecificationsExampleVerifies() {
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, VECTOR, List.of(SECRET))).isTrue();
    }

    @Test
    void anyOfSeveralSignaturesAndAnyOfTheValidSecretsWillDo() {
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, "v1,bm9wZQ== " + VECTOR, List.of(SECRET))).isTrue();
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, VECTOR, List.of(OTHER, SECRET))).as("the previous secret").isTrue();
    }

    @Test
    void aChangedIdTimestampOrBodyOrAnotherSecretDoesNotVerify() {
        assertThat(signatures.verifies("msg_other", TIMESTAMP, BODY, VECTOR, List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP + 1, BODY, VECTOR, List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP, "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8), VECTOR, List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, VECTOR, List.of(OTHER))).isFalse();
    }

    @Test
    void otherVersionsGarbageAndFloodsDoNotVerify() {
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, VECTOR.replace("v1,", "v2,"), List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, VECTOR.substring(3), List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, "", List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, "v1,ü€ " + "v1,x ".repeat(3), List.of(SECRET))).isFalse();
        assertThat(signatures.verifies(ID, TIMESTAMP, BODY, "v1,x ".repeat(10) + VECTOR, List.of(SECRET))).as("at most ten signatures").isFalse();
    }
}
