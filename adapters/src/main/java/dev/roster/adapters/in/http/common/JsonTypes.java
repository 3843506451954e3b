package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.InvalidRequestException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON type of every member of a body, checked against the request record before binding: the binder coerces
 * {@code 5} or {@code true} into the string {@code "5"} or {@code "true"} for a string field, and a request must
 * not be stored differently from how it was sent (SPEC §5, "wrong types"). Strings must be JSON strings, whole
 * numbers JSON integers, booleans {@code true}/{@code false}, maps objects and lists arrays of such values;
 * {@code null} is always accepted here (whether a field is required is the record's reader's business). Members
 * the record does not declare are left to the binder, which refuses them.
 */
final class JsonTypes {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();
    private static final Map<Class<?>, Map<String, Type>> COMPONENTS = new ConcurrentHashMap<>();

    private JsonTypes() {
    }

    /** @throws InvalidRequestException naming the first member whose JSON type does not fit */
    static void check(byte[] body, Class<?> record) {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_OBJECT) {
                object(parser, record, "");
            }
        } catch (IOException malformed) {
            // the caller checked the syntax already; the binder reports what is left
        }
    }

    private static void object(JsonParser parser, Class<?> record, String prefix) throws IOException {
        Map<String, Type> components = COMPONENTS.computeIfAbsent(record, JsonTypes::componentsOf);
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken token = parser.nextToken();
            Type type = components.get(name);
            if (type == null) {
                parser.skipChildren();
            } else {
                value(parser, token, type, prefix + name);
            }
        }
    }

    private static void value(JsonParser parser, JsonToken token, Type type, String field) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return;
        }
        Class<?> raw = raw(type);
        if (raw == String.class) {
            require(token == JsonToken.VALUE_STRING, field, "must be a string");
        } else if (raw == Long.class || raw == long.class || raw == Integer.class || raw == int.class) {
            require(token == JsonToken.VALUE_NUMBER_INT, field, "must be a whole number");
        } else if (raw == Boolean.class || raw == boolean.class) {
            require(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE, field, "must be true or false");
        } else if (Map.class.isAssignableFrom(raw)) {
            require(token == JsonToken.START_OBJECT, field, "must be an object");
            Type values = argument(type, 1);
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                value(parser, parser.nextToken(), values, field);
            }
        } else if (Collection.class.isAssignableFrom(raw)) {
            require(token == JsonToken.START_ARRAY, field, "must be an array");
            Type elements = argument(type, 0);
            for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser.nextToken()) {
                value(parser, element, elements, field);
            }
        } else if (raw.isRecord()) {
            require(token == JsonToken.START_OBJECT, field, "must be an object");
            object(parser, raw, field + ".");
        } else {
            parser.skipChildren(); // a free-form member (a JSON tree)
        }
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw InvalidRequestException.of(field, message);
        }
    }

    private static Map<String, Type> componentsOf(Class<?> record) {
        Map<String, Type> components = new HashMap<>();
        RecordComponent[] declared = record.getRecordComponents();
        if (declared != null) {
            for (RecordComponent component : declared) {
                components.put(component.getName(), component.getGenericType());
            }
        }
        return Map.copyOf(components);
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> plain) {
            return plain;
        }
        return Object.class;
    }

    private static Type argument(Type type, int index) {
        return type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index
                ? parameterized.getActualTypeArguments()[index] : Object.class;
    }
}
