package dev.roster.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The training run of the class-data-sharing archive (AppCDS) that the build makes beside the jar
 * ({@code bootstrap/target/roster.jsa}, docs/operations.md "Start-up and memory"): with
 * {@code roster.cds.training=true}, once the server has started it sends itself the requests an instance serves
 * most (health, logins refused and accepted, a create, a read, a list, a merge patch, a refused call, the API
 * document) as the first administrator of the training run ({@code roster.admin.*}), so that the classes they load
 * are archived too, then stops the application. The JVM, started with {@code -XX:ArchiveClassesAtExit}, writes the archive
 * as it exits. Never on in production: the build runs it on an in-memory database.
 */
@Singleton
@Requires(property = "roster.cds.training", value = "true")
final class ClassDataSharingTraining {
    private static final Logger LOG = LoggerFactory.getLogger(ClassDataSharingTraining.class);

    private final ApplicationContext context;

    ClassDataSharingTraining(ApplicationContext context) {
        this.context = context;
    }

    @EventListener
    void onStartup(ServerStartupEvent event) {
        EmbeddedServer server = event.getSource();
        Thread training = new Thread(() -> train(server.getURI()), "roster-cds-training");
        training.start();
    }

    private void train(URI base) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String admin = context.getProperty("roster.admin.email", String.class).orElse("");
        String password = context.getProperty("roster.admin.password", String.class).orElse("");
        try {
            send(client, base, "GET", "/health", null, null);
            send(client, base, "POST", "/login", null, "{\"username\":\"nobody@example.org\",\"password\":\"not the password of anyone\"}");
            String login = send(client, base, "POST", "/login", null,
                    "{\"username\":\"" + admin + "\",\"password\":\"" + password + "\"}");
            String token = login.replaceAll("(?s).*\"access_token\":\"([^\"]+)\".*", "$1");
            String created = send(client, base, "POST", "/api/v1/users", token,
                    "{\"email\":\"cds-user@example.org\",\"displayName\":\"Training\"}");
            String id = created.replaceAll("(?s)^\\{\"id\":\"([^\"]+)\".*", "$1");
            send(client, base, "GET", "/api/v1/users/" + id, token, null);
            send(client, base, "GET", "/api/v1/users?limit=10&q=train", token, null);
            send(client, base, "GET", "/api/v1/users/count", token, null);
            send(client, base, "PATCH", "/api/v1/users/" + id, token, "{\"displayName\":\"Trained\"}");
            send(client, base, "GET", "/api/v1/users/not-an-id", token, null);
            send(client, base, "GET", "/api/v1/users", null, null);
            send(client, base, "GET", "/swagger/roster-v1.yml", null, null);
            LOG.info("Class-data-sharing training done: stopping");
        } catch (IOException e) {
            LOG.warn("Class-data-sharing training request failed ({}): the archive holds fewer classes", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            context.stop();
            System.exit(0);
        }
    }

    private static String send(HttpClient client, URI base, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "PATCH".equals(method) ? "application/merge-patch+json" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
