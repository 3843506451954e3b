package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.adapters.in.http.problem.JsonErrors;
import dev.roster.adapters.in.http.problem.MalformedJsonException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;

/**
 * Reads request bodies strictly: exactly one JSON value (the framework's reader stops after the first value and would
 * accept {@code {...}} followed by garbage), bound to a request record with unknown fields and wrong JSON types
 * ({@link JsonTypes}) rejected. Errors become
 * {@link InvalidRequestException} (unknown field) or {@link MalformedJsonException}; none quotes the body.
 */
@Singleton
public final class JsonBodies {
    /** The JSON merge patch media type (RFC 7396). */
    public static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    /** The message of the error for a member the request record does not declare. */
    public static final String UNKNOWN_FIELD = "is not a known field";
    private static final JsonFactory STRICT = JsonFactory.builder().build();

    private final JsonMapper mapper;

    public JsonBodies(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public <T> T read(byte[] body, Class<T> type) {
        requireSingleValue(body);
        if (type.isRecord()) {
            JsonTypes.check(body, type); // one strict binding: no "5" for 5, whatever the body
        }
        T value;
        try {
            value = mapper.readValue(body, Argument.of(type));
        } catch (IOException | RuntimeException e) {
            throw translate(e);
        }
        if (value == null) { // the body is the JSON literal null
            throw InvalidRequestException.of("body", "a JSON object is required");
        }
        return value;
    }

    public JsonNode readTree(byte[] body) {
        return read(body, JsonNode.class);
    }

    private static void requireSingleValue(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.of("body", "a JSON object is required");
        }
        try (JsonParser parser = STRICT.createParser(body)) {
            if (parser.nextToken() == null) {
                throw InvalidRequestException.of("body", "a JSON object is required");
            }
            parser.skipChildren();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new MalformedJsonException();
            }
        } catch (IOException e) {
            throw new MalformedJsonException();
        }
    }

    private static RuntimeException translate(Exception error) {
        return JsonErrors.unknownProperty(error)
                .<RuntimeException>map(name -> InvalidRequestException.of(name, UNKNOWN_FIELD))
                .orElseGet(MalformedJsonException::new);
    }
}
