package dev.roster.domain.user;

import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The user account aggregate: its profile, roles and lifecycle. Every state rule of SPEC §1 is a method here;
 * there are no setters. Status is derived from the lifecycle fields:
 * <pre>
 * ACTIVE ⇄ DEACTIVATED        deactivate / reactivate
 * ACTIVE | DEACTIVATED → DELETED    softDelete (the active flag is kept, so restore knows where to go back)
 * DELETED → ACTIVE | DEACTIVATED    restore
 * any but ANONYMIZED → ANONYMIZED   anonymize (terminal)
 * </pre>
 * Rules that span users (unique email, last admin) belong to the application services.
 */
public final class User {
    private final UserId id;
    // Personal data: package-private so that the catalogue (PersonalDataField) is the one place that erases it.
    Email email;
    DisplayName displayName;
    Phone phone;
    Attributes attributes;
    PasswordHash passwordHash;

    private final EnumSet<Role> roles;
    private boolean active;
    private final Instant createdAt;
    private Instant updatedAt;
    private Instant lastLoginAt;
    private Instant deletedAt;
    private Instant anonymizedAt;
    private final long version;
    private long sessionGeneration;
    private boolean legalHold;
    private UUID erasureReceiptId;
    private boolean restricted;

    private User(UserSnapshot s) {
        this.id = s.id();
        this.email = s.email();
        this.displayName = s.displayName();
        this.phone = s.phone();
        this.attributes = s.attributes();
        this.passwordHash = s.passwordHash();
        this.roles = EnumSet.copyOf(s.roles());
        this.active = s.active();
        this.createdAt = s.createdAt();
        this.updatedAt = s.updatedAt();
        this.lastLoginAt = s.lastLoginAt();
        this.deletedAt = s.deletedAt();
        this.anonymizedAt = s.anonymizedAt();
        this.version = s.version();
        this.sessionGeneration = s.sessionGeneration();
        this.legalHold = s.legalHold();
        this.erasureReceiptId = s.erasureReceiptId();
        this.restricted = s.restricted();
    }

    /** A new, active account. {@code roles} may be empty: every user has {@link Role#USER} anyway. */
    public static User register(UserId id, Email email, DisplayName displayName, Phone phone, Attributes attributes,
                                Set<Role> roles, PasswordHash passwordHash, Instant now) {
        Objects.requireNonNull(now, "now");
        if (email.isInReservedDomain()) {
            throw new InvalidUserDataException("email", "uses a domain reserved for erased accounts");
        }
        return new User(new UserSnapshot(id, email, displayName, phone,
                attributes == null ? Attributes.none() : attributes, roles == null ? Set.of() : roles,
                passwordHash, true, now, now, null, null, null, 0, 0, false, null, false));
    }

    /** Rebuilds a stored user; the snapshot is trusted to have been produced by {@link #snapshot()}. */
    public static User rehydrate(UserSnapshot snapshot) {
        return new User(Objects.requireNonNull(snapshot, "snapshot"));
    }

    public UserSnapshot snapshot() {
        return new UserSnapshot(id, email, displayName, phone, attributes, roles, passwordHash, active, createdAt,
                updatedAt, lastLoginAt, deletedAt, anonymizedAt, version, sessionGeneration, legalHold, erasureReceiptId,
                restricted);
    }

    public UserId id() {
        return id;
    }

    public Email email() {
        return email;
    }

    public Optional<DisplayName> displayName() {
        return Optional.ofNullable(displayName);
    }

    public Optional<Phone> phone() {
        return Optional.ofNullable(phone);
    }

    public Attributes attributes() {
        return attributes;
    }

    public Set<Role> roles() {
        return Set.copyOf(roles);
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public Optional<PasswordHash> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    /** The version this aggregate was loaded at; the store increments it on each successful update. */
    public long version() {
        return version;
    }

    /**
     * The generation of this user's sessions: tokens issued in an earlier generation are dead for good. Every
     * security event (password set or changed, email changed, deactivation, deletion, anonymization, a role lost,
     * an explicit "sign out everywhere") starts a new generation; reactivation and restore do not go back.
     */
    public long sessionGeneration() {
        return sessionGeneration;
    }

    /** Whether a legal hold (GDPR Art. 17(3)) stands on this user: erasure and purge are refused meanwhile. */
    public boolean isOnLegalHold() {
        return legalHold;
    }

    /**
     * Whether processing of this user's data is restricted (GDPR Art. 18): the data is kept, but the user is left out
     * of bulk exports until the restriction is lifted.
     */
    public boolean isRestricted() {
        return restricted;
    }

    /** The receipt of this user's erasure; empty until it is anonymized. */
    public Optional<UUID> erasureReceiptId() {
        return Optional.ofNullable(erasureReceiptId);
    }

    public UserStatus status() {
        return UserStatus.derive(active, deletedAt, anonymizedAt);
    }

    /** An active admin is what the last-admin guard counts. */
    public boolean isActiveAdmin() {
        return status() == UserStatus.ACTIVE && roles.contains(Role.ADMIN);
    }

    /**
     * Applies a partial profile change. Allowed while ACTIVE or DEACTIVATED: a DELETED user's profile stays as it was
     * deleted until it is restored (ADR 0004), and an ANONYMIZED one has none.
     *
     * @return the names of the fields whose value actually changed (empty when the change was a no-op)
     */
    public Set<String> changeProfile(ProfileChange change, Instant now) {
        requireNotAnonymized("update");
        if (status() == UserStatus.DELETED) {
            throw new IllegalUserStateTransitionException(id, UserStatus.DELETED, "update");
        }
        // Compute every new value before assigning any, so that a rejected change leaves the user untouched.
        Email newEmail = change.email().orElse(email);
        if (newEmail.isInReservedDomain() && !newEmail.equals(email)) {
            throw new InvalidUserDataException("email", "uses a domain reserved for erased accounts");
        }
        DisplayName newName = change.displayName().applyTo(displayName()).orElse(null);
        Phone newPhone = change.phone().applyTo(phone()).orElse(null);
        Attributes newAttributes = change.attributes().isEmpty() ? attributes : attributes.with(change.attributes());
        Set<String> changed = new LinkedHashSet<>();
        boolean emailChanged = !newEmail.value().equals(email.value());
        if (emailChanged) {
            changed.add(PersonalDataField.EMAIL.fieldName());
        }
        if (!Objects.equals(newName, displayName)) {
            changed.add(PersonalDataField.DISPLAY_NAME.fieldName());
        }
        if (!Objects.equals(newPhone, phone)) {
            changed.add(PersonalDataField.PHONE.fieldName());
        }
        if (!newAttributes.equals(attributes)) {
            changed.add(PersonalDataField.ATTRIBUTES.fieldName());
        }
        email = newEmail;
        displayName = newName;
        phone = newPhone;
        attributes = newAttributes;
        if (emailChanged) {
            sessionGeneration++; // the address a token was issued to is no longer the account's
        }
        if (!changed.isEmpty()) {
            updatedAt = now;
        }
        return changed;
    }

    /** ACTIVE → DEACTIVATED. */
    public void deactivate(Instant now) {
        requireStatus(UserStatus.ACTIVE, "deactivate");
        active = false;
        sessionGeneration++;
        updatedAt = now;
    }

    /** DEACTIVATED → ACTIVE. */
    public void reactivate(Instant now) {
        requireStatus(UserStatus.DEACTIVATED, "reactivate");
        active = true;
        updatedAt = now;
    }

    /** ACTIVE or DEACTIVATED → DELETED; the active flag is kept so that {@link #restore} can go back. */
    public void softDelete(Instant now) {
        UserStatus status = status();
        if (status != UserStatus.ACTIVE && status != UserStatus.DEACTIVATED) {
            throw new IllegalUserStateTransitionException(id, status, "delete");
        }
        deletedAt = now;
        sessionGeneration++;
        updatedAt = now;
    }

    /** DELETED → the status the user had before deletion. */
    public void restore(Instant now) {
        requireStatus(UserStatus.DELETED, "restore");
        deletedAt = null;
        updatedAt = now;
    }

    /** Irreversibly replaces personal data (see {@link PersonalDataField}). Allowed from every status but ANONYMIZED. */
    public ErasedFields anonymize(Instant now) {
        requireNotAnonymized("anonymize");
        ErasedFields erased = PersonalData.eraseFrom(this);
        active = false;
        deletedAt = deletedAt != null ? deletedAt : now;
        anonymizedAt = now;
        sessionGeneration++;
        updatedAt = now;
        return erased;
    }

    /** @return whether the role was newly granted (granting a held role is a no-op) */
    public boolean grantRole(Role role, Instant now) {
        Objects.requireNonNull(role, "role");
        requireNotAnonymized("grant a role to");
        if (!roles.add(role)) {
            return false;
        }
        updatedAt = now;
        return true;
    }

    /** @return whether the role was held and is now revoked; {@link Role#USER} cannot be revoked */
    public boolean revokeRole(Role role, Instant now) {
        Objects.requireNonNull(role, "role");
        requireNotAnonymized("revoke a role from");
        if (role == Role.USER) {
            throw new IllegalRoleChangeException("every user keeps the USER role");
        }
        if (!roles.remove(role)) {
            return false;
        }
        sessionGeneration++; // a token must not outlive the role it was issued with
        updatedAt = now;
        return true;
    }

    /**
     * Sets, changes or resets the password: a new hash of a new password. Ends every session (whoever knew the old
     * password may hold a token). Allowed in every status but ANONYMIZED.
     */
    public void changePasswordHash(PasswordHash newHash, Instant now) {
        Objects.requireNonNull(newHash, "newHash");
        requireNotAnonymized("set a password for");
        passwordHash = newHash;
        sessionGeneration++;
        updatedAt = now;
    }

    /**
     * Stores a stronger hash of the <em>same</em> password (a rehash at login with today's parameters): not a
     * security event, so sessions live on.
     */
    public void upgradePasswordHash(PasswordHash newHash, Instant now) {
        Objects.requireNonNull(newHash, "newHash");
        requireNotAnonymized("set a password for");
        passwordHash = newHash;
        updatedAt = now;
    }

    /** Remembers the receipt that proves this user's erasure; once, and only for an anonymized user. */
    public void recordErasureReceipt(UUID receiptId) {
        Objects.requireNonNull(receiptId, "receiptId");
        if (anonymizedAt == null || erasureReceiptId != null) {
            throw new IllegalUserStateTransitionException(id, status(), "record an erasure receipt for");
        }
        erasureReceiptId = receiptId;
    }

    /**
     * Places a legal hold (its reason and author are kept beside the user) or lifts it. Placing is refused for an
     * anonymized user: nothing personal is left to preserve.
     *
     * @return whether the user's hold status changed
     */
    public boolean changeLegalHold(boolean held, Instant now) {
        if (held) {
            requireNotAnonymized("place a legal hold on");
        }
        if (legalHold == held) {
            return false;
        }
        legalHold = held;
        updatedAt = now;
        return true;
    }

    /**
     * Restricts processing (GDPR Art. 18) or lifts the restriction. Restricting is refused for an anonymized user:
     * nothing personal is left to restrict. Lifting is allowed in every status.
     *
     * @return whether the user's restriction changed
     */
    public boolean changeRestriction(boolean restrict, Instant now) {
        if (restrict) {
            requireNotAnonymized("restrict processing of");
        }
        if (restricted == restrict) {
            return false;
        }
        restricted = restrict;
        updatedAt = now;
        return true;
    }

    /**
     * "Sign out everywhere": every token issued so far stops working. Allowed in every status (an anonymized user's
     * tokens are dead already; ending them again harms nothing).
     */
    public void endSessions(Instant now) {
        sessionGeneration++;
        updatedAt = now;
    }

    private void requireStatus(UserStatus expected, String action) {
        UserStatus status = status();
        if (status != expected) {
            throw new IllegalUserStateTransitionException(id, status, action);
        }
    }

    private void requireNotAnonymized(String action) {
        if (anonymizedAt != null) {
            throw new IllegalUserStateTransitionException(id, UserStatus.ANONYMIZED, action);
        }
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", status=" + status() + ", version=" + version + "]";
    }
}
