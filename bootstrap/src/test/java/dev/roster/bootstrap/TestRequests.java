package dev.roster.bootstrap;

import io.micronaut.http.uri.UriBuilder;

/** Small request-building helpers shared by the HTTP test clients. */
public final class TestRequests {
    private TestRequests() {
    }

    /** The path with query parameters given as name, value, name, value, ... (names may repeat), encoded. */
    public static String uri(String path, String... parameters) {
        UriBuilder builder = UriBuilder.of(path);
        for (int i = 0; i < parameters.length; i += 2) {
            builder.queryParam(parameters[i], parameters[i + 1]);
        }
        return builder.toString();
    }

    /** A JSON string literal. */
    public static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
