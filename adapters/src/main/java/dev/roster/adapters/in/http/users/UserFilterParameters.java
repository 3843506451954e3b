package dev.roster.adapters.in.http.users;

import dev.roster.adapters.in.http.problem.FieldErrors;
import dev.roster.application.model.users.AttributeFilter;
import dev.roster.application.model.users.UserFilter;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the list filters shared by list, count and (later) export: {@code q}, {@code status} (comma list or
 * {@code ALL}), {@code role}, {@code createdFrom}, {@code createdTo} (ISO-8601 instants with offset) and repeatable
 * {@code attr=key:value}. Every bad parameter is reported.
 */
public final class UserFilterParameters {
    private UserFilterParameters() {
    }

    public static UserFilter parse(String q, String status, String role, String createdFrom, String createdTo, List<String> attr) {
        FieldErrors errors = new FieldErrors();
        Set<UserStatus> statuses = statuses(status, errors);
        Role wantedRole = role == null || role.isBlank() ? null : errors.attempt(() -> Role.parse(role));
        Instant from = errors.instant("createdFrom", createdFrom);
        Instant to = errors.instant("createdTo", createdTo);
        if (q != null && hasNul(q)) {
            errors.add("q", "must not contain the NUL character");
        }
        List<AttributeFilter> attributes = new ArrayList<>();
        if (attr != null) {
            for (String pair : attr) {
                if (hasNul(pair)) {
                    errors.add("attr", "must not contain the NUL character");
                    continue;
                }
                int colon = pair.indexOf(':');
                if (colon < 1) {
                    errors.add("attr", "must have the form key:value");
                    continue;
                }
                AttributeFilter filter = errors.attemptAs("attr", () -> new AttributeFilter(pair.substring(0, colon), pair.substring(colon + 1)));
                if (filter != null) {
                    attributes.add(filter);
                }
            }
        }
        errors.throwIfAny();
        UserFilter filter = errors.attempt(() -> new UserFilter(Optional.ofNullable(q).filter(text -> !hasNul(text)).map(String::strip), statuses,
                Optional.ofNullable(wantedRole), Optional.ofNullable(from), Optional.ofNullable(to), attributes));
        errors.throwIfAny();
        return filter;
    }

    private static Set<UserStatus> statuses(String status, FieldErrors errors) {
        if (status == null || status.isBlank()) {
            return UserFilter.DEFAULT_STATUSES;
        }
        if (status.strip().equalsIgnoreCase("ALL")) {
            return EnumSet.allOf(UserStatus.class);
        }
        Set<UserStatus> statuses = EnumSet.noneOf(UserStatus.class);
        for (String name : status.split(",", -1)) {
            UserStatus parsed = errors.attempt(() -> UserStatus.parse(name));
            if (parsed != null) {
                statuses.add(parsed);
            }
        }
        return statuses.isEmpty() ? UserFilter.DEFAULT_STATUSES : statuses;
    }

    /** No database stores U+0000 in text (PostgreSQL refuses it), so no value may carry it into a query. */
    private static boolean hasNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }
}
