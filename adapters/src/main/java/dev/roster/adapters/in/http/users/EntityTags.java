package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.problem.InvalidRequestException;
import dev.roster.application.model.users.UserView;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;

import java.util.OptionalLong;

/** The user's version as a strong entity tag, {@code "<version>"}, and {@code If-Match} parsing. */
public final class EntityTags {
    private EntityTags() {
    }

    static String of(long version) {
        return "\"" + version + "\"";
    }

    /** 200 with the user and its version as ETag. */
    public static HttpResponse<UserResponse> ok(UserView user) {
        return HttpResponse.ok(UserResponse.of(user)).header(HttpHeaders.ETAG, of(user.version()));
    }

    /**
     * Whether an {@code If-None-Match} header names the user's current version (or is {@code *}): then a conditional
     * read answers 304. The comparison is weak (RFC 9110 section 13.1.2), so {@code W/"3"} matches version 3 too.
     */
    public static boolean noneMatchIsMet(String ifNoneMatch, long version) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        String current = of(version);
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(current) || candidate.equals("W/" + current)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version an {@code If-Match} header requires: empty for no header or {@code *}. Weak tags never match
     * strongly (RFC 9110 §13.1.1), so they require a version no user has.
     */
    public static OptionalLong requiredVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            return OptionalLong.of(-1);
        }
        if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
            throw InvalidRequestException.of("If-Match", "must be an entity tag such as \"3\" as sent in ETag");
        }
        try {
            long version = Long.parseLong(tag.substring(1, tag.length() - 1));
            return OptionalLong.of(version < 0 ? -1 : version);
        } catch (NumberFormatException e) {
            return OptionalLong.of(-1); // a tag this service never issued matches no user
        }
    }
}
