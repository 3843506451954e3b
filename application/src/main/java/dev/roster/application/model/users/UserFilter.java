package dev.roster.application.model.users;

import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserStatus;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which users a list, count or export wants; every part is optional and parts combine with AND.
 *
 * @param text        case-insensitive substring of the email or the display name
 * @param statuses    the statuses wanted (never empty)
 * @param role        users holding this role
 * @param createdFrom created at or after (inclusive)
 * @param createdTo   created before (exclusive)
 * @param attributes  every one must match
 * @param restrictedIncluded whether users whose processing is restricted (GDPR Art. 18) are wanted: true for lists and
 *                    counts, false for bulk exports, which leave them out until the restriction is lifted
 */
public record UserFilter(Optional<String> text, Set<UserStatus> statuses, Optional<Role> role,
                         Optional<Instant> createdFrom, Optional<Instant> createdTo, List<AttributeFilter> attributes,
                         boolean restrictedIncluded) {

    public static final int MAX_TEXT_LENGTH = 254;
    public static final int MAX_ATTRIBUTE_FILTERS = 10;
    public static final Set<UserStatus> DEFAULT_STATUSES = Set.copyOf(EnumSet.of(UserStatus.ACTIVE, UserStatus.DEACTIVATED));

    public UserFilter {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdFrom, "createdFrom");
        Objects.requireNonNull(createdTo, "createdTo");
        text = text.filter(t -> !t.isEmpty());
        if (text.isPresent() && text.get().length() > MAX_TEXT_LENGTH) {
            throw new InvalidQueryException("q", "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (statuses == null || statuses.isEmpty()) {
            throw new InvalidQueryException("status", "must name at least one status");
        }
        statuses = Set.copyOf(statuses);
        attributes = List.copyOf(attributes);
        if (attributes.size() > MAX_ATTRIBUTE_FILTERS) {
            throw new InvalidQueryException("attr", "at most " + MAX_ATTRIBUTE_FILTERS + " attribute filters");
        }
        if (createdFrom.isPresent() && createdTo.isPresent() && !createdFrom.get().isBefore(createdTo.get())) {
            throw new InvalidQueryException("createdTo", "must be after createdFrom");
        }
    }

    /** A filter that includes restricted users (lists, counts). */
    public UserFilter(Optional<String> text, Set<UserStatus> statuses, Optional<Role> role,
                      Optional<Instant> createdFrom, Optional<Instant> createdTo, List<AttributeFilter> attributes) {
        this(text, statuses, role, createdFrom, createdTo, attributes, true);
    }

    /** Users in the default statuses (ACTIVE, DEACTIVATED), nothing else narrowed. */
    public static UserFilter defaults() {
        return new UserFilter(Optional.empty(), DEFAULT_STATUSES, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    public UserFilter withText(String newText) {
        return new UserFilter(Optional.ofNullable(newText), statuses, role, createdFrom, createdTo, attributes, restrictedIncluded);
    }

    public UserFilter withStatuses(Set<UserStatus> newStatuses) {
        return new UserFilter(text, newStatuses, role, createdFrom, createdTo, attributes, restrictedIncluded);
    }

    public UserFilter withRole(Role newRole) {
        return new UserFilter(text, statuses, Optional.ofNullable(newRole), createdFrom, createdTo, attributes, restrictedIncluded);
    }

    public UserFilter withCreated(Instant from, Instant to) {
        return new UserFilter(text, statuses, role, Optional.ofNullable(from), Optional.ofNullable(to), attributes, restrictedIncluded);
    }

    public UserFilter withAttributes(List<AttributeFilter> newAttributes) {
        return new UserFilter(text, statuses, role, createdFrom, createdTo, newAttributes, restrictedIncluded);
    }

    /** The same filter without the users whose processing is restricted: what a bulk export reads. */
    public UserFilter withoutRestricted() {
        return new UserFilter(text, statuses, role, createdFrom, createdTo, attributes, false);
    }

    @Override
    public String toString() {
        return "UserFilter[text=" + (text.isPresent() ? "***" : "-") + ", statuses=" + statuses + ", role=" + role
                + ", createdFrom=" + createdFrom + ", createdTo=" + createdTo + ", attributes=" + attributes.size()
                + ", restrictedIncluded=" + restrictedIncluded + "]";
    }
}
