package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.InvalidRequestException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads a path segment from the raw request path. In a path, {@code +} is a literal plus sign (RFC 3986), common in
 * email addresses; form decoding would turn it into a space, so it is protected before percent-decoding.
 */
public final class PathSegments {
    private PathSegments() {
    }

    /** The one segment that follows {@code marker} (e.g. {@code /by-email/}) in the raw path, decoded. */
    public static String segmentAfter(io.micronaut.http.HttpRequest<?> request, String marker) {
        String raw = request.getUri().getRawPath();
        String segment = raw.substring(raw.indexOf(marker) + marker.length());
        if (segment.isEmpty() || segment.contains("/")) {
            throw InvalidRequestException.of("email", "must be one path segment (encode '/' as %2F)");
        }
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("email", "is not a valid percent-encoded path segment");
        }
    }
}
