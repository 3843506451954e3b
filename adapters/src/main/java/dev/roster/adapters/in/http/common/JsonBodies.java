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
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies strictly: exactly one JSON value (the framework's reader stops after the first value and would
 * accept {@code {...}} followed by garbage), bound to a request record with unknown fields and wrong JSON types
 * ({@link JsonTypes}) rejected. Errors become
 * {@link InvalidRequestException} (unknown field) or {@link MalformedJsonException}; none quotes the body.
 *
 * <p>The body must be Unicode text in UTF-8 (RFC 8259 section 8): well-formed UTF-8 bytes (Jackson's byte reader
 * decodes an overlong form such as {@code C0 AF} as '/' without a word, and guesses UTF-16 or UTF-32 from NUL bytes),
 * and no string or member name with an unpaired surrogate, escaped ({@code "\ud800"}) or not (it has no UTF-8 form, so
 * it could be neither stored nor answered faithfully). Both are malformed JSON.
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
        if (!isUtf8WithoutNul(body)) {
            throw new MalformedJsonException();
        }
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw InvalidRequestException.of("body", "a JSON object is required");
            }
            int depth = 0;
            for (JsonToken token = first; token != null; token = depth == 0 ? null : parser.nextToken()) {
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if ((token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) && hasUnpairedSurrogate(parser)) {
                    throw new MalformedJsonException();
                }
            }
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new MalformedJsonException();
            }
        } catch (IOException e) {
            throw new MalformedJsonException();
        }
    }

    /**
     * Well-formed UTF-8 (no overlong forms, no encoded surrogates, nothing above U+10FFFF, no cut sequence: the JDK's
     * decoder, told to report instead of replacing) without a NUL byte, which JSON text never holds raw and which would
     * make Jackson read the body as UTF-16 or UTF-32.
     */
    static boolean isUtf8WithoutNul(byte[] body) {
        for (byte b : body) {
            if (b == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static boolean hasUnpairedSurrogate(JsonParser parser) throws IOException {
        char[] text = parser.getTextCharacters();
        int end = parser.getTextOffset() + parser.getTextLength();
        for (int i = parser.getTextOffset(); i < end; i++) {
            char c = text[i];
            if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static RuntimeException translate(Exception error) {
        return JsonErrors.unknownProperty(error)
                .<RuntimeException>map(name -> InvalidRequestException.of(name, UNKNOWN_FIELD))
                .orElseGet(MalformedJsonException::new);
    }
}
