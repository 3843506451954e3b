package dev.roster.adapters.out.webhooks;

import dev.roster.application.model.webhooks.ForbiddenTargetException;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.webhooks.WebhookSender;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdkWebhookSenderTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private final JdkWebhookSender guarded = new JdkWebhookSender(JSON, false);

    @ParameterizedTest(name = "{0} is refused at subscription time")
    @ValueSource(strings = {"http://127.0.0.1/", "http://localhost:8080/x", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
            "http://[::ffff:7f00:1]/", "http://[::127.0.0.1]/", "http://10.1.2.3/", "http://172.16.0.1/", "https://192.168.1.1/",
            "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd00::1]/", "http://0.0.0.0/",
            "http://[::]/", "http://100.64.0.1/", "http://[64:ff9b::7f00:1]/", "http://2130706433/"})
    void refusesInternalTargets(String url) {
        assertThatThrownBy(() -> guarded.requireAllowed(new WebhookUrl(url))).isInstanceOf(ForbiddenTargetException.class);
    }

    @Test
    void acceptsAPublicAddressAndAHostThatDoesNotResolveYet() {
        assertThatCode(() -> guarded.requireAllowed(new WebhookUrl("https://93.184.216.34/hook"))).doesNotThrowAnyException();
        assertThatCode(() -> guarded.requireAllowed(new WebhookUrl("https://no-such-host.invalid/hook"))).doesNotThrowAnyException();
    }

    @Test
    void refusesAtDeliveryTimeAfterResolvingTheHost() {
        WebhookSender.Result result = guarded.send(new WebhookUrl("http://localhost:9/hook"), ping(), List.of(secret()), Instant.now());
        assertThat(result.status()).isEmpty();
        assertThat(result.error()).contains("forbidden-target");
    }

    @Test
    void signsIdTimestampAndBodyAsStandardWebhooksSays() throws Exception {
        WebhookSecret secret = new WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        byte[] body = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
        // the Standard Webhooks specification's own example (its test vector)
        assertThat(StandardWebhookSignature.header("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body, List.of(secret)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aPingBodyHasTheFeedsMembersButNoPositionOrUser() throws Exception {
        String body = new String(new JdkWebhookSender(JSON, true).body(ping()), StandardCharsets.UTF_8);
        assertThat(body).startsWith("{\"id\":\"").contains("\"type\":\"webhook.ping\"").contains("\"occurredAt\":\"2026-01-01T00:00:00Z\"")
                .doesNotContain("position").doesNotContain("userId");
    }

    private static WebhookMessage ping() {
        return WebhookMessage.ping(UUID.fromString("00000000-0000-4000-8000-000000000001"), Instant.parse("2026-01-01T00:00:00Z"),
                UUID.fromString("00000000-0000-4000-8000-000000000002"));
    }

    private static WebhookSecret secret() {
        return new WebhookSecret("whsec_" + Base64.getEncoder().encodeToString(new byte[32]));
    }
}
