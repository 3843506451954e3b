package dev.roster.adapters.out.webhooks;

import dev.roster.application.model.webhooks.ForbiddenTargetException;
import dev.roster.application.model.webhooks.WebhookMessage;
import dev.roster.application.model.webhooks.WebhookSecret;
import dev.roster.application.model.webhooks.WebhookUrl;
import dev.roster.application.port.out.webhooks.WebhookSender;
import dev.roster.application.port.out.webhooks.WebhookTargets;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends webhooks with the JDK's {@link HttpClient}: HTTP/1.1, redirects never followed (a 3xx is a failed attempt),
 * 10 seconds for the whole exchange, the answer's body discarded. Before each attempt the host is resolved and every
 * address checked against {@link TargetAddresses} (unless {@code roster.webhooks.allow-private-targets}); the client
 * then resolves the host again, from the JVM's address cache that this check just filled (positive lookups are cached
 * for 30 s by default), so a DNS answer that changes between check and connect is possible only when that entry
 * expires in between: the residual rebinding window docs/events.md ("SSRF rule") describes. The JDK client cannot be given the
 * checked address without breaking TLS host verification.
 */
@Singleton
final class JdkWebhookSender implements WebhookSender, WebhookTargets {
    private static final Logger LOG = LoggerFactory.getLogger(JdkWebhookSender.class);
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final JsonMapper json;
    private final boolean allowPrivateTargets;
    private final ExecutorService executor;
    private final HttpClient client;

    JdkWebhookSender(JsonMapper json, @Value("${roster.webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
        this.json = json;
        this.allowPrivateTargets = allowPrivateTargets;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "roster-webhook-http");
            thread.setDaemon(true);
            return thread;
        });
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .executor(executor)
                .build();
        if (allowPrivateTargets) {
            LOG.warn("roster.webhooks.allow-private-targets is true: webhooks may call loopback and private addresses "
                    + "(development and tests only)");
        }
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    @Override
    public void requireAllowed(WebhookUrl url) {
        if (allowPrivateTargets) {
            return;
        }
        try {
            if (TargetAddresses.anyForbidden(TargetAddresses.resolve(url.host()))) {
                throw new ForbiddenTargetException();
            }
        } catch (UnknownHostException e) {
            // not resolvable now: accepted, and checked again at every delivery
        }
    }

    @Override
    public Result send(WebhookUrl url, WebhookMessage message, List<WebhookSecret> secrets, Instant sentAt) {
        if (!allowPrivateTargets) {
            try {
                InetAddress[] addresses = TargetAddresses.resolve(url.host());
                if (TargetAddresses.anyForbidden(addresses)) {
                    return Result.noAnswer("forbidden-target");
                }
            } catch (UnknownHostException e) {
                return Result.noAnswer("dns-failure");
            }
        }
        byte[] body = body(message);
        String id = message.eventId().toString();
        long timestamp = sentAt.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url.uri())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Roster-Webhooks/1")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", StandardWebhookSignature.header(id, timestamp, body, secrets))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        CompletableFuture<HttpResponse<Void>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            return Result.answered(exchange.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).statusCode());
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return Result.noAnswer("timeout");
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            return Result.noAnswer("interrupted");
        } catch (ExecutionException e) {
            return Result.noAnswer(reason(e.getCause()));
        }
    }

    private static String reason(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connection-failed";
        }
        if (cause instanceof SSLException) {
            return "tls-failed";
        }
        if (cause instanceof IOException) {
            return "io-error";
        }
        return "send-failed";
    }

    /** The message as the feed shows an event: id, position, type, occurredAt, userId, data (a ping has no position and no user). */
    byte[] body(WebhookMessage message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", message.eventId().toString());
        message.position().ifPresent(position -> body.put("position", position));
        body.put("type", message.type());
        body.put("occurredAt", message.occurredAt().toString());
        message.userId().ifPresent(user -> body.put("userId", user.value().toString()));
        body.put("data", message.data());
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("a webhook body could not be written as JSON", e);
        }
    }
}
