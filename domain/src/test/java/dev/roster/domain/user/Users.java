package dev.roster.domain.user;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Test-data builders for {@link User} with deterministic defaults; shared with other modules' tests through the
 * domain test-jar.
 *
 * <p>A built user is registered at {@link Builder#createdAt(Instant) createdAt} and then taken through the real
 * transitions the builder asks for, so it can only be in a state the aggregate itself can reach:
 * deactivated at {@code createdAt + 1 day}, deleted at {@code createdAt + 2 days}, anonymized at
 * {@code createdAt + 3 days} (see {@link #DEACTIVATED_AFTER}, {@link #DELETED_AFTER}, {@link #ANONYMIZED_AFTER}).
 */
public final class Users {
    /** Id of {@link #anActiveUser()}: a UUIDv7 whose timestamp is {@link #CREATED_AT}. */
    public static final UserId DEFAULT_ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000001"));
    public static final String DEFAULT_EMAIL = "ada@example.org";
    public static final String DEFAULT_DISPLAY_NAME = "Ada Lovelace";

    /** Id of {@link #anAdmin()}, distinct from {@link #DEFAULT_ID} so both can live in one store. */
    public static final UserId ADMIN_ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000002"));
    public static final String ADMIN_EMAIL = "grace@example.org";
    public static final String ADMIN_DISPLAY_NAME = "Grace Hopper";

    public static final Instant CREATED_AT = Instant.parse("2026-01-01T00:00:00Z");
    public static final Duration DEACTIVATED_AFTER = Duration.ofDays(1);
    public static final Duration DELETED_AFTER = Duration.ofDays(2);
    public static final Duration ANONYMIZED_AFTER = Duration.ofDays(3);

    private Users() {
    }

    /** An ACTIVE user with only the USER role, an email and a display name; no phone, attributes or password. */
    public static Builder anActiveUser() {
        return new Builder(DEFAULT_ID, DEFAULT_EMAIL, DEFAULT_DISPLAY_NAME);
    }

    /** An ACTIVE user holding the ADMIN role (and USER), with its own id and email. */
    public static Builder anAdmin() {
        return new Builder(ADMIN_ID, ADMIN_EMAIL, ADMIN_DISPLAY_NAME).withRoles(Role.ADMIN);
    }

    /** A mutable builder; each {@code with…} replaces what was set before. */
    public static final class Builder {
        private UserId id;
        private String email;
        private String displayName;
        private String phone;
        private Map<String, String> attributes = Map.of();
        private Set<Role> roles = EnumSet.of(Role.USER);
        private String passwordHash;
        private Instant createdAt = CREATED_AT;
        private boolean deactivated;
        private boolean deleted;
        private boolean anonymized;

        private Builder(UserId id, String email, String displayName) {
            this.id = id;
            this.email = email;
            this.displayName = displayName;
        }

        public Builder withId(UserId id) {
            this.id = Objects.requireNonNull(id, "id");
            return this;
        }

        public Builder withEmail(String email) {
            this.email = Objects.requireNonNull(email, "email");
            return this;
        }

        /** {@code null} builds a user without a display name. */
        public Builder withDisplayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        /** {@code null} builds a user without a phone number. */
        public Builder withPhone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder withAttributes(Map<String, String> attributes) {
            this.attributes = new LinkedHashMap<>(Objects.requireNonNull(attributes, "attributes"));
            return this;
        }

        /** The roles besides USER, which every user holds anyway. */
        public Builder withRoles(Role... roles) {
            EnumSet<Role> set = EnumSet.of(Role.USER);
            for (Role role : roles) {
                set.add(Objects.requireNonNull(role, "role"));
            }
            this.roles = set;
            return this;
        }

        /** {@code null} builds a user without a password. */
        public Builder withPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
            return this;
        }

        /** Deactivated before any deletion, so a {@link #deleted()} user also restores to DEACTIVATED. */
        public Builder deactivated() {
            this.deactivated = true;
            return this;
        }

        /** Soft-deleted (from ACTIVE, or from DEACTIVATED together with {@link #deactivated()}). */
        public Builder deleted() {
            this.deleted = true;
            return this;
        }

        /** Anonymized last, after whatever else was asked for. */
        public Builder anonymized() {
            this.anonymized = true;
            return this;
        }

        public User build() {
            User user = User.register(
                    id,
                    new Email(email),
                    displayName == null ? null : new DisplayName(displayName),
                    phone == null ? null : new Phone(phone),
                    Attributes.of(attributes),
                    roles,
                    passwordHash == null ? null : new PasswordHash(passwordHash),
                    createdAt);
            if (deactivated) {
                user.deactivate(createdAt.plus(DEACTIVATED_AFTER));
            }
            if (deleted) {
                user.softDelete(createdAt.plus(DELETED_AFTER));
            }
            if (anonymized) {
                user.anonymize(createdAt.plus(ANONYMIZED_AFTER));
            }
            return user;
        }

        public UserSnapshot snapshot() {
            return build().snapshot();
        }
    }
}
