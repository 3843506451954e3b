package dev.roster.bootstrap;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Test helper: sends a request (with a bearer token, or none) and returns status and raw body whatever the status. */
@Singleton
public final class HttpCalls {
    private final HttpClient client;
    private final JsonMapper json;

    HttpCalls(@Client("/") HttpClient client, JsonMapper json) {
        this.client = client;
        this.json = json;
    }

    /** A response: its status and its body as text (empty when there is none). */
    public record Reply(int status, String body) {
    }

    public Reply call(MutableHttpRequest<?> request, String token) {
        if (token != null) {
            request.bearerAuth(token);
        }
        try {
            HttpResponse<String> response = client.toBlocking().exchange(request, Argument.of(String.class), Argument.of(String.class));
            return new Reply(response.code(), response.getBody().orElse(""));
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(String.class).orElse(""));
        }
    }

    /** A JSON object body as a map. */
    public Map<String, Object> object(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
