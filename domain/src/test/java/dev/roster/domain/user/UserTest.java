package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UserTest {
    private static final Instant NOW = Users.CREATED_AT.plus(Duration.ofDays(10));
    private static final Instant LATER = NOW.plus(Duration.ofHours(1));
    private static final String HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo";

    /** A user in the given status, reached through the aggregate's own transitions. */
    private static Users.Builder in(UserStatus status) {
        Users.Builder builder = Users.anActiveUser();
        return switch (status) {
            case ACTIVE -> builder;
            case DEACTIVATED -> builder.deactivated();
            case DELETED -> builder.deleted();
            case ANONYMIZED -> builder.anonymized();
        };
    }

    /** A user with a value in every catalogued personal-data field. */
    private static Users.Builder withEveryPersonalField() {
        return Users.anActiveUser()
                .withPhone("+442071234567")
                .withAttributes(Map.of("team", "analytics", "city", "London"))
                .withPasswordHash(HASH)
                .withRoles(Role.AUDITOR);
    }

    // The aggregate exposes its lifecycle timestamps through its snapshot only.
    private static boolean isActive(User user) {
        return user.snapshot().active();
    }

    private static Instant createdAt(User user) {
        return user.snapshot().createdAt();
    }

    private static Instant updatedAt(User user) {
        return user.snapshot().updatedAt();
    }

    private static Optional<Instant> lastLoginAt(User user) {
        return Optional.ofNullable(user.snapshot().lastLoginAt());
    }

    private static Optional<Instant> deletedAt(User user) {
        return Optional.ofNullable(user.snapshot().deletedAt());
    }

    private static Optional<Instant> anonymizedAt(User user) {
        return Optional.ofNullable(user.snapshot().anonymizedAt());
    }

    /** Asserts that an action is refused as an illegal transition and leaves the user exactly as it was. */
    private static void assertRefused(User user, Consumer<User> action, UserStatus status, String verb) {
        UserSnapshot before = user.snapshot();
        assertThatThrownBy(() -> action.accept(user))
                .isInstanceOfSatisfying(IllegalUserStateTransitionException.class, e -> {
                    assertThat(e.userId()).isEqualTo(user.id());
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.action()).isEqualTo(verb);
                });
        assertThat(user.snapshot()).isEqualTo(before);
    }

    @Nested
    class Register {
        @Test
        void startsActiveWithTheUserRoleAndVersionZero() {
            User user = Users.anActiveUser().build();

            assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(user.roles()).containsExactly(Role.USER);
            assertThat(user.version()).isZero();
            assertThat(createdAt(user)).isEqualTo(Users.CREATED_AT);
            assertThat(updatedAt(user)).isEqualTo(Users.CREATED_AT);
            assertThat(lastLoginAt(user)).isEmpty();
            assertThat(deletedAt(user)).isEmpty();
            assertThat(anonymizedAt(user)).isEmpty();
        }

        @Test
        void addsTheUserRoleWhenOnlyOtherRolesAreGiven() {
            User user = User.register(Users.DEFAULT_ID, new Email(Users.DEFAULT_EMAIL), null, null, null,
                    Set.of(Role.ADMIN), null, NOW);

            assertThat(user.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
        }

        @Test
        void treatsMissingOptionalFieldsAsAbsent() {
            User user = User.register(Users.DEFAULT_ID, new Email(Users.DEFAULT_EMAIL), null, null, null, null, null, NOW);

            assertThat(user.displayName()).isEmpty();
            assertThat(user.phone()).isEmpty();
            assertThat(user.attributes()).isEqualTo(Attributes.none());
            assertThat(user.passwordHash()).isEmpty();
            assertThat(user.roles()).containsExactly(Role.USER);
        }
    }

    @Nested
    class Deactivate {
        @Test
        void turnsAnActiveUserDeactivated() {
            User user = Users.anActiveUser().build();

            user.deactivate(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.DEACTIVATED);
            assertThat(isActive(user)).isFalse();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"DEACTIVATED", "DELETED", "ANONYMIZED"})
        void isRefusedUnlessTheUserIsActive(UserStatus status) {
            assertRefused(in(status).build(), u -> u.deactivate(NOW), status, "deactivate");
        }

        @Test
        void isRefusedForADeletedUserThatWasDeactivated() {
            User user = Users.anActiveUser().deactivated().deleted().build();

            assertRefused(user, u -> u.deactivate(NOW), UserStatus.DELETED, "deactivate");
        }
    }

    @Nested
    class Reactivate {
        @Test
        void turnsADeactivatedUserActive() {
            User user = Users.anActiveUser().deactivated().build();

            user.reactivate(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(isActive(user)).isTrue();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"ACTIVE", "DELETED", "ANONYMIZED"})
        void isRefusedUnlessTheUserIsDeactivated(UserStatus status) {
            assertRefused(in(status).build(), u -> u.reactivate(NOW), status, "reactivate");
        }

        @Test
        void isRefusedForADeletedUserThatWasDeactivated() {
            User user = Users.anActiveUser().deactivated().deleted().build();

            assertRefused(user, u -> u.reactivate(NOW), UserStatus.DELETED, "reactivate");
        }
    }

    @Nested
    class SoftDelete {
        @Test
        void deletesAnActiveUserAndRemembersItWasActive() {
            User user = Users.anActiveUser().build();

            user.softDelete(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.DELETED);
            assertThat(isActive(user)).isTrue();
            assertThat(deletedAt(user)).contains(NOW);
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void deletesADeactivatedUserAndRemembersItWasDeactivated() {
            User user = Users.anActiveUser().deactivated().build();

            user.softDelete(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.DELETED);
            assertThat(isActive(user)).isFalse();
            assertThat(deletedAt(user)).contains(NOW);
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"DELETED", "ANONYMIZED"})
        void isRefusedForADeletedOrAnonymizedUser(UserStatus status) {
            assertRefused(in(status).build(), u -> u.softDelete(NOW), status, "delete");
        }
    }

    @Nested
    class Restore {
        @Test
        void bringsAUserDeletedWhileActiveBackToActive() {
            User user = Users.anActiveUser().deleted().build();

            user.restore(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(deletedAt(user)).isEmpty();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void bringsAUserDeletedWhileDeactivatedBackToDeactivated() {
            User user = Users.anActiveUser().deactivated().deleted().build();

            user.restore(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.DEACTIVATED);
            assertThat(deletedAt(user)).isEmpty();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void undoesASoftDeleteOnTheSameAggregate() {
            User user = Users.anActiveUser().deactivated().build();
            user.softDelete(NOW);

            user.restore(LATER);

            assertThat(user.status()).isEqualTo(UserStatus.DEACTIVATED);
            assertThat(updatedAt(user)).isEqualTo(LATER);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"ACTIVE", "DEACTIVATED", "ANONYMIZED"})
        void isRefusedUnlessTheUserIsDeleted(UserStatus status) {
            assertRefused(in(status).build(), u -> u.restore(NOW), status, "restore");
        }
    }

    @Nested
    class Anonymize {
        /** Every way a user can be before anonymization: each non-anonymized status, and both kinds of DELETED. */
        enum Before {
            ACTIVE(Users.anActiveUser()),
            DEACTIVATED(Users.anActiveUser().deactivated()),
            DELETED_WHILE_ACTIVE(Users.anActiveUser().deleted()),
            DELETED_WHILE_DEACTIVATED(Users.anActiveUser().deactivated().deleted());

            private final Users.Builder builder;

            Before(Users.Builder builder) {
                this.builder = builder;
            }

            User user() {
                return builder.withPhone("+442071234567")
                        .withAttributes(Map.of("team", "analytics"))
                        .withPasswordHash(HASH)
                        .build();
            }
        }

        @ParameterizedTest
        @EnumSource(Before.class)
        void turnsEveryNonAnonymizedUserAnonymizedAndInactive(Before before) {
            User user = before.user();

            user.anonymize(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.ANONYMIZED);
            assertThat(isActive(user)).isFalse();
            assertThat(anonymizedAt(user)).contains(NOW);
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(deletedAt(user)).isPresent();
        }

        @ParameterizedTest
        @EnumSource(Before.class)
        void erasesEveryPersonalField(Before before) {
            User user = before.user();
            UserSnapshot original = user.snapshot();
            assertThat(PersonalData.catalogue()).allSatisfy(field -> assertThat(field.holdsDataIn(original))
                    .as("%s holds data before anonymization", field).isTrue());

            user.anonymize(NOW);

            UserSnapshot erased = user.snapshot();
            assertThat(PersonalData.catalogue()).allSatisfy(field -> assertThat(field.holdsDataIn(erased))
                    .as("%s holds data after anonymization", field).isFalse());
            assertThat(PersonalData.presentIn(erased)).isEmpty();
            assertThat(user.displayName()).isEmpty();
            assertThat(user.phone()).isEmpty();
            assertThat(user.attributes().isEmpty()).isTrue();
            assertThat(user.passwordHash()).isEmpty();
            assertThat(user.email().value()).isNotEqualToIgnoringCase(original.email().value());
        }

        @Test
        void catalogsEveryPersonalFieldTheAggregateHas() {
            assertThat(PersonalData.catalogue()).extracting(PersonalDataField::fieldName)
                    .containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
        }

        @Test
        void replacesTheEmailWithAPlaceholderInTheReservedInvalidDomain() {
            User user = Users.anActiveUser().build();

            user.anonymize(NOW);

            assertThat(user.email().value()).endsWith(".invalid").doesNotContain("ada");
            assertThat(user.email().isPlaceholder()).isTrue();
            assertThat(user.email()).isEqualTo(Email.placeholderFor(user.id()));
        }

        @Test
        void givesEachUserADifferentPlaceholderEmail() {
            User ada = Users.anActiveUser().build();
            User twin = Users.anActiveUser()
                    .withId(new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000099")))
                    .build();

            ada.anonymize(NOW);
            twin.anonymize(NOW);

            assertThat(ada.email().canonical()).isNotEqualTo(twin.email().canonical());
        }

        @Test
        void keepsTheDeletionTimeOfAnAlreadyDeletedUser() {
            User user = Users.anActiveUser().deleted().build();
            Instant deletedAt = Users.CREATED_AT.plus(Users.DELETED_AFTER);

            user.anonymize(NOW);

            assertThat(deletedAt(user)).contains(deletedAt);
            assertThat(anonymizedAt(user)).contains(NOW);
        }

        @ParameterizedTest
        @EnumSource(value = Before.class, names = {"ACTIVE", "DEACTIVATED"})
        void marksAUserThatWasNotDeletedAsDeletedNow(Before before) {
            User user = before.user();

            user.anonymize(NOW);

            assertThat(deletedAt(user)).contains(NOW);
        }

        @Test
        void reportsEveryFieldWhenEveryFieldHeldData() {
            User user = withEveryPersonalField().build();

            ErasedFields erased = user.anonymize(NOW);

            assertThat(erased.fields()).containsExactlyElementsOf(PersonalData.catalogue());
            assertThat(erased.names()).containsExactly("email", "displayName", "phone", "attributes", "passwordHash");
        }

        @Test
        void reportsOnlyTheEmailForAUserWithNothingElse() {
            User user = Users.anActiveUser().withDisplayName(null).build();

            ErasedFields erased = user.anonymize(NOW);

            assertThat(erased.fields()).containsExactly(PersonalDataField.EMAIL);
        }

        @Test
        void reportsExactlyTheFieldsThatHeldDataInCatalogueOrder() {
            User user = Users.anActiveUser()
                    .withDisplayName(null)
                    .withPasswordHash(HASH)
                    .withAttributes(Map.of("team", "analytics"))
                    .build();
            List<PersonalDataField> held = PersonalData.presentIn(user.snapshot());

            ErasedFields erased = user.anonymize(NOW);

            assertThat(erased.fields())
                    .containsExactly(PersonalDataField.EMAIL, PersonalDataField.ATTRIBUTES, PersonalDataField.PASSWORD_HASH)
                    .isEqualTo(held);
        }

        @Test
        void isRefusedForAnAnonymizedUser() {
            assertRefused(Users.anActiveUser().anonymized().build(), u -> u.anonymize(LATER), UserStatus.ANONYMIZED,
                    "anonymize");
        }
    }

    @Nested
    class AnonymizedIsTerminal {
        /** Every action the aggregate offers, each of which would be legal for some non-anonymized user. */
        enum Action {
            DEACTIVATE("deactivate", u -> u.deactivate(LATER)),
            REACTIVATE("reactivate", u -> u.reactivate(LATER)),
            SOFT_DELETE("delete", u -> u.softDelete(LATER)),
            RESTORE("restore", u -> u.restore(LATER)),
            ANONYMIZE("anonymize", u -> u.anonymize(LATER)),
            CHANGE_PROFILE("update",
                    u -> u.changeProfile(ProfileChange.none().withDisplayName(Change.set(new DisplayName("New"))), LATER)),
            CHANGE_PROFILE_TO_NOTHING("update", u -> u.changeProfile(ProfileChange.none(), LATER)),
            GRANT_ROLE("grant a role to", u -> u.grantRole(Role.ADMIN, LATER)),
            GRANT_HELD_ROLE("grant a role to", u -> u.grantRole(Role.AUDITOR, LATER)),
            REVOKE_ROLE("revoke a role from", u -> u.revokeRole(Role.AUDITOR, LATER)),
            REVOKE_ROLE_NOT_HELD("revoke a role from", u -> u.revokeRole(Role.ADMIN, LATER)),
            CHANGE_PASSWORD_HASH("set a password for", u -> u.changePasswordHash(new PasswordHash(HASH), LATER)),
            RESTRICT("restrict processing of", u -> u.changeRestriction(true, LATER));

            private final String verb;
            private final Consumer<User> action;

            Action(String verb, Consumer<User> action) {
                this.verb = verb;
                this.action = action;
            }
        }

        @ParameterizedTest
        @EnumSource(Action.class)
        void refusesEveryActionAndChangesNothing(Action action) {
            User user = Users.anActiveUser().withRoles(Role.AUDITOR).anonymized().build();

            assertRefused(user, action.action, UserStatus.ANONYMIZED, action.verb);
        }

        @ParameterizedTest
        @EnumSource(Action.class)
        void refusesEveryActionForAUserAnonymizedAfterDeletion(Action action) {
            User user = Users.anActiveUser().withRoles(Role.AUDITOR).deactivated().deleted().anonymized().build();

            assertRefused(user, action.action, UserStatus.ANONYMIZED, action.verb);
        }
    }

    @Nested
    class Roles {
        @Test
        void grantingANewRoleAddsItAndReportsTrue() {
            User user = Users.anActiveUser().build();

            boolean granted = user.grantRole(Role.AUDITOR, NOW);

            assertThat(granted).isTrue();
            assertThat(user.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(user.hasRole(Role.AUDITOR)).isTrue();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void grantingAHeldRoleIsANoOp() {
            User user = Users.anActiveUser().withRoles(Role.ADMIN).build();
            UserSnapshot before = user.snapshot();

            boolean granted = user.grantRole(Role.ADMIN, NOW);

            assertThat(granted).isFalse();
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void grantingTheUserRoleIsANoOpBecauseEveryUserHoldsIt() {
            User user = Users.anActiveUser().build();
            UserSnapshot before = user.snapshot();

            assertThat(user.grantRole(Role.USER, NOW)).isFalse();
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void revokingAHeldRoleRemovesItAndReportsTrue() {
            User user = Users.anActiveUser().withRoles(Role.ADMIN, Role.AUDITOR).build();

            boolean revoked = user.revokeRole(Role.ADMIN, NOW);

            assertThat(revoked).isTrue();
            assertThat(user.roles()).containsExactlyInAnyOrder(Role.USER, Role.AUDITOR);
            assertThat(user.hasRole(Role.ADMIN)).isFalse();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void revokingARoleNotHeldIsANoOp() {
            User user = Users.anActiveUser().build();
            UserSnapshot before = user.snapshot();

            boolean revoked = user.revokeRole(Role.ADMIN, NOW);

            assertThat(revoked).isFalse();
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void grantingAndRevokingTwiceEndsWhereOnceWould() {
            User user = Users.anActiveUser().build();

            assertThat(user.grantRole(Role.AUDITOR, NOW)).isTrue();
            assertThat(user.grantRole(Role.AUDITOR, LATER)).isFalse();
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(user.revokeRole(Role.AUDITOR, NOW)).isTrue();
            assertThat(user.revokeRole(Role.AUDITOR, LATER)).isFalse();
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(user.roles()).containsExactly(Role.USER);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"ACTIVE", "DEACTIVATED", "DELETED"})
        void theUserRoleCannotBeRevoked(UserStatus status) {
            User user = in(status).withRoles(Role.ADMIN).build();
            UserSnapshot before = user.snapshot();

            assertThatThrownBy(() -> user.revokeRole(Role.USER, NOW))
                    .isInstanceOf(IllegalRoleChangeException.class)
                    .hasMessageContaining("USER");
            assertThat(user.hasRole(Role.USER)).isTrue();
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"DEACTIVATED", "DELETED"})
        void rolesCanBeChangedInEveryStatusButAnonymized(UserStatus status) {
            User user = in(status).build();

            assertThat(user.grantRole(Role.ADMIN, NOW)).isTrue();
            assertThat(user.revokeRole(Role.ADMIN, LATER)).isTrue();
            assertThat(user.roles()).containsExactly(Role.USER);
            assertThat(user.status()).isEqualTo(status);
        }

        @Test
        void rolesReturnedAreACopy() {
            User user = Users.anActiveUser().build();

            Set<Role> roles = user.roles();

            assertThat(roles).isUnmodifiable();
            user.grantRole(Role.ADMIN, NOW);
            assertThat(roles).containsExactly(Role.USER);
        }

        @Test
        void onlyAnActiveAdminCountsAsActiveAdmin() {
            assertThat(Users.anAdmin().build().isActiveAdmin()).isTrue();
            assertThat(Users.anAdmin().deactivated().build().isActiveAdmin()).isFalse();
            assertThat(Users.anAdmin().deleted().build().isActiveAdmin()).isFalse();
            assertThat(Users.anAdmin().anonymized().build().isActiveAdmin()).isFalse();
            assertThat(Users.anActiveUser().withRoles(Role.AUDITOR).build().isActiveAdmin()).isFalse();
        }
    }

    @Nested
    class ChangePasswordHash {
        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"ACTIVE", "DEACTIVATED", "DELETED"})
        void setsTheHashInEveryStatusButAnonymized(UserStatus status) {
            User user = in(status).build();
            PasswordHash hash = new PasswordHash(HASH);

            user.changePasswordHash(hash, NOW);

            assertThat(user.passwordHash()).contains(hash);
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(user.status()).isEqualTo(status);
        }

        @Test
        void replacesAnExistingHash() {
            User user = Users.anActiveUser().withPasswordHash(HASH).build();
            PasswordHash newHash = new PasswordHash("$argon2id$v=19$m=65536,t=3,p=4$bmV3c2FsdA$bmV3aGFzaA");

            user.changePasswordHash(newHash, NOW);

            assertThat(user.passwordHash()).contains(newHash);
        }
    }

    @Nested
    class ChangeProfile {
        private final Email newEmail = new Email("lovelace@example.org");
        private final DisplayName newName = new DisplayName("Augusta Ada King");
        private final Phone newPhone = new Phone("+442079460000");

        @Test
        void returnsTheNamesOfTheFieldsThatChangedInCatalogueOrder() {
            User user = Users.anActiveUser().build();

            Set<String> changed = user.changeProfile(ProfileChange.none()
                    .withAttributes(new AttributeChanges(false, Map.of("team", "analytics"), Set.of()))
                    .withPhone(Change.set(newPhone))
                    .withDisplayName(Change.set(newName))
                    .withEmail(newEmail), NOW);

            assertThat(changed).containsExactly("email", "displayName", "phone", "attributes");
            assertThat(user.email()).isEqualTo(newEmail);
            assertThat(user.displayName()).contains(newName);
            assertThat(user.phone()).contains(newPhone);
            assertThat(user.attributes().asMap()).containsExactly(Map.entry("team", "analytics"));
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void namesOnlyTheFieldsThatActuallyChanged() {
            User user = Users.anActiveUser().build();

            Set<String> changed = user.changeProfile(ProfileChange.none()
                    .withEmail(new Email(Users.DEFAULT_EMAIL))
                    .withPhone(Change.set(newPhone)), NOW);

            assertThat(changed).containsExactly("phone");
        }

        @Test
        void anEmptyChangeReturnsNothingAndDoesNotTouchUpdatedAt() {
            User user = withEveryPersonalField().build();
            UserSnapshot before = user.snapshot();

            Set<String> changed = user.changeProfile(ProfileChange.none(), NOW);

            assertThat(changed).isEmpty();
            assertThat(updatedAt(user)).isEqualTo(Users.CREATED_AT);
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void settingEveryFieldToItsCurrentValueIsANoOp() {
            User user = withEveryPersonalField().build();
            UserSnapshot before = user.snapshot();

            Set<String> changed = user.changeProfile(new ProfileChange(
                    Optional.of(new Email(" " + Users.DEFAULT_EMAIL + " ")),
                    Change.set(new DisplayName(Users.DEFAULT_DISPLAY_NAME)),
                    Change.set(new Phone("+442071234567")),
                    new AttributeChanges(false, Map.of("team", "analytics"), Set.of("not-there"))), NOW);

            assertThat(changed).isEmpty();
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void changingOnlyTheCaseOfTheEmailIsAChangeBecauseTheAddressIsStoredAsGiven() {
            User user = Users.anActiveUser().build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withEmail(new Email("Ada@Example.org")), NOW);

            assertThat(changed).containsExactly("email");
            assertThat(user.email().value()).isEqualTo("Ada@Example.org");
        }

        @Test
        void keepLeavesDisplayNameAndPhoneAlone() {
            User user = Users.anActiveUser().withPhone("+442071234567").build();

            Set<String> changed = user.changeProfile(ProfileChange.none()
                    .withDisplayName(Change.keep())
                    .withPhone(Change.keep()), NOW);

            assertThat(changed).isEmpty();
            assertThat(user.displayName()).contains(new DisplayName(Users.DEFAULT_DISPLAY_NAME));
            assertThat(user.phone()).contains(new Phone("+442071234567"));
        }

        @Test
        void clearRemovesTheDisplayName() {
            User user = Users.anActiveUser().build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withDisplayName(Change.clear()), NOW);

            assertThat(changed).containsExactly("displayName");
            assertThat(user.displayName()).isEmpty();
            assertThat(updatedAt(user)).isEqualTo(NOW);
        }

        @Test
        void clearRemovesThePhone() {
            User user = Users.anActiveUser().withPhone("+442071234567").build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withPhone(Change.clear()), NOW);

            assertThat(changed).containsExactly("phone");
            assertThat(user.phone()).isEmpty();
        }

        @Test
        void clearingFieldsThatAreAlreadyEmptyIsANoOp() {
            User user = Users.anActiveUser().withDisplayName(null).build();
            UserSnapshot before = user.snapshot();

            Set<String> changed = user.changeProfile(ProfileChange.none()
                    .withDisplayName(Change.clear())
                    .withPhone(Change.setOrClear(null))
                    .withAttributes(AttributeChanges.clearAll()), NOW);

            assertThat(changed).isEmpty();
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void upsertsAddAndOverwriteKeysAndKeepTheOthers() {
            User user = Users.anActiveUser().withAttributes(Map.of("team", "analytics", "city", "London")).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withAttributes(
                    new AttributeChanges(false, Map.of("team", "research", "floor", "3"), Set.of())), NOW);

            assertThat(changed).containsExactly("attributes");
            assertThat(user.attributes().asMap())
                    .containsExactly(Map.entry("city", "London"), Map.entry("floor", "3"), Map.entry("team", "research"));
        }

        @Test
        void removalsDropKeysAndKeepTheOthers() {
            User user = Users.anActiveUser().withAttributes(Map.of("team", "analytics", "city", "London")).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withAttributes(
                    new AttributeChanges(false, Map.of(), Set.of("city", "absent"))), NOW);

            assertThat(changed).containsExactly("attributes");
            assertThat(user.attributes().asMap()).containsExactly(Map.entry("team", "analytics"));
        }

        @Test
        void removingOnlyAbsentKeysIsANoOp() {
            User user = Users.anActiveUser().withAttributes(Map.of("team", "analytics")).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withAttributes(
                    new AttributeChanges(false, Map.of(), Set.of("absent"))), NOW);

            assertThat(changed).isEmpty();
            assertThat(updatedAt(user)).isEqualTo(Users.CREATED_AT);
        }

        @Test
        void replaceAllDropsEveryKeyThatIsNotUpserted() {
            User user = Users.anActiveUser().withAttributes(Map.of("team", "analytics", "city", "London")).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withAttributes(
                    AttributeChanges.replaceWith(Attributes.of(Map.of("floor", "3")))), NOW);

            assertThat(changed).containsExactly("attributes");
            assertThat(user.attributes().asMap()).containsExactly(Map.entry("floor", "3"));
        }

        @Test
        void replacingAttributesWithTheSameEntriesIsANoOp() {
            Map<String, String> entries = Map.of("team", "analytics", "city", "London");
            User user = Users.anActiveUser().withAttributes(entries).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withAttributes(
                    AttributeChanges.replaceWith(Attributes.of(entries))), NOW);

            assertThat(changed).isEmpty();
            assertThat(updatedAt(user)).isEqualTo(Users.CREATED_AT);
        }

        @Test
        void clearAllRemovesEveryAttribute() {
            User user = Users.anActiveUser().withAttributes(Map.of("team", "analytics")).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withAttributes(AttributeChanges.clearAll()), NOW);

            assertThat(changed).containsExactly("attributes");
            assertThat(user.attributes()).isEqualTo(Attributes.none());
        }

        @Test
        void anAttributeMergeOverTheLimitIsRejected() {
            Map<String, String> full = new HashMap<>();
            for (int i = 0; i < Attributes.MAX_ENTRIES; i++) {
                full.put("key" + i, "value");
            }
            User user = Users.anActiveUser().withAttributes(full).build();
            UserSnapshot before = user.snapshot();

            assertThatThrownBy(() -> user.changeProfile(ProfileChange.none()
                    .withAttributes(new AttributeChanges(false, Map.of("one-more", "value"), Set.of())), NOW))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes"));
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void aMergeThatWouldExceedTheAttributeLimitIsRejectedAndChangesNothing() {
            Map<String, String> full = new HashMap<>();
            for (int i = 0; i < Attributes.MAX_ENTRIES; i++) {
                full.put("key" + i, "value");
            }
            User user = Users.anActiveUser().withAttributes(full).build();
            UserSnapshot before = user.snapshot();

            assertThatThrownBy(() -> user.changeProfile(ProfileChange.none()
                    .withDisplayName(Change.set(newName))
                    .withAttributes(new AttributeChanges(false, Map.of("one-more", "value"), Set.of())), NOW))
                    .isInstanceOfSatisfying(InvalidUserDataException.class,
                            e -> assertThat(e.field()).isEqualTo("attributes"));
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @Test
        void isRefusedForADeletedUserAndChangesNothing() {
            User user = in(UserStatus.DELETED).build();
            UserSnapshot before = user.snapshot();

            assertThatThrownBy(() -> user.changeProfile(ProfileChange.none().withEmail(newEmail), NOW))
                    .isInstanceOf(IllegalUserStateTransitionException.class);
            assertThatThrownBy(() -> user.changeProfile(ProfileChange.none(), NOW))
                    .isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(user.snapshot()).isEqualTo(before);
        }

        @ParameterizedTest
        @EnumSource(value = UserStatus.class, names = {"ACTIVE", "DEACTIVATED"})
        void isAllowedWhileActiveOrDeactivated(UserStatus status) {
            User user = in(status).build();

            Set<String> changed = user.changeProfile(ProfileChange.none().withEmail(newEmail), NOW);

            assertThat(changed).containsExactly("email");
            assertThat(user.email()).isEqualTo(newEmail);
            assertThat(user.status()).isEqualTo(status);
        }
    }

    @Nested
    class SnapshotAndRehydrate {
        @ParameterizedTest
        @EnumSource(UserStatus.class)
        void rehydratingASnapshotGivesBackTheSameUser(UserStatus status) {
            User user = switch (status) {
                case ACTIVE -> withEveryPersonalField().build();
                case DEACTIVATED -> withEveryPersonalField().deactivated().build();
                case DELETED -> withEveryPersonalField().deactivated().deleted().build();
                case ANONYMIZED -> withEveryPersonalField().deleted().anonymized().build();
            };
            UserSnapshot snapshot = user.snapshot();

            User copy = User.rehydrate(snapshot);

            assertThat(copy.snapshot()).isEqualTo(snapshot);
            assertThat(copy.status()).isEqualTo(status);
            assertThat(copy.id()).isEqualTo(user.id());
            assertThat(copy.email()).isEqualTo(user.email());
            assertThat(copy.displayName()).isEqualTo(user.displayName());
            assertThat(copy.phone()).isEqualTo(user.phone());
            assertThat(copy.attributes()).isEqualTo(user.attributes());
            assertThat(copy.roles()).isEqualTo(user.roles());
            assertThat(copy.passwordHash()).isEqualTo(user.passwordHash());
            assertThat(createdAt(copy)).isEqualTo(createdAt(user));
            assertThat(updatedAt(copy)).isEqualTo(updatedAt(user));
            assertThat(deletedAt(copy)).isEqualTo(deletedAt(user));
            assertThat(anonymizedAt(copy)).isEqualTo(anonymizedAt(user));
        }

        @Test
        void keepsFieldsNoTransitionSetsSuchAsLastLoginAndVersion() {
            UserSnapshot stored = new UserSnapshot(Users.DEFAULT_ID, new Email(Users.DEFAULT_EMAIL), null, null,
                    Attributes.none(), Set.of(Role.USER), null, true, Users.CREATED_AT, NOW, LATER, null, null, 7, 3, true, null, true);

            User user = User.rehydrate(stored);

            assertThat(lastLoginAt(user)).contains(LATER);
            assertThat(user.version()).isEqualTo(7);
            assertThat(user.snapshot()).isEqualTo(stored);
        }

        @Test
        void aRehydratedUserRemembersWhereRestoreGoesBack() {
            UserSnapshot stored = Users.anActiveUser().deactivated().deleted().snapshot();

            User user = User.rehydrate(stored);
            user.restore(NOW);

            assertThat(user.status()).isEqualTo(UserStatus.DEACTIVATED);
        }

        @Test
        void aSnapshotDoesNotChangeWhenTheUserDoes() {
            User user = Users.anActiveUser().build();
            UserSnapshot before = user.snapshot();

            user.grantRole(Role.ADMIN, NOW);
            user.deactivate(NOW);

            assertThat(before.roles()).containsExactly(Role.USER);
            assertThat(before.status()).isEqualTo(UserStatus.ACTIVE);
            assertThat(before.updatedAt()).isEqualTo(Users.CREATED_AT);
        }

        @Test
        void aRehydratedUserDoesNotChangeTheSnapshotItCameFrom() {
            UserSnapshot stored = Users.anActiveUser().snapshot();
            User user = User.rehydrate(stored);

            user.grantRole(Role.ADMIN, NOW);
            user.softDelete(NOW);

            assertThat(stored.roles()).containsExactly(Role.USER);
            assertThat(stored.status()).isEqualTo(UserStatus.ACTIVE);
        }

        @Test
        void aSnapshotAlwaysHoldsTheUserRole() {
            UserSnapshot noRoles = new UserSnapshot(Users.DEFAULT_ID, new Email(Users.DEFAULT_EMAIL), null, null,
                    Attributes.none(), Set.of(), null, true, Users.CREATED_AT, Users.CREATED_AT, null, null, null, 0, 0, false, null, false);
            UserSnapshot adminOnly = new UserSnapshot(Users.DEFAULT_ID, new Email(Users.DEFAULT_EMAIL), null, null,
                    Attributes.none(), Set.of(Role.ADMIN), null, true, Users.CREATED_AT, Users.CREATED_AT, null, null,
                    null, 0, 0, false, null, false);

            assertThat(noRoles.roles()).containsExactly(Role.USER);
            assertThat(adminOnly.roles()).containsExactlyInAnyOrder(Role.USER, Role.ADMIN);
        }

        @Test
        void aSnapshotDerivesTheSameStatusAsTheUser() {
            List<User> users = new ArrayList<>(List.of(
                    Users.anActiveUser().build(),
                    Users.anActiveUser().deactivated().build(),
                    Users.anActiveUser().deleted().build(),
                    Users.anActiveUser().anonymized().build()));

            assertThat(users).allSatisfy(u -> assertThat(u.snapshot().status()).isEqualTo(u.status()));
            assertThat(users).extracting(User::status).containsExactly(UserStatus.values());
        }

        @Test
        void aSnapshotRejectsANegativeVersion() {
            assertThatThrownBy(() -> new UserSnapshot(Users.DEFAULT_ID, new Email(Users.DEFAULT_EMAIL), null, null,
                    Attributes.none(), Set.of(), null, true, Users.CREATED_AT, Users.CREATED_AT, null, null, null, -1, 0, false, null, false))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Printing {
        @Test
        void toStringShowsNoPersonalData() {
            User user = withEveryPersonalField().build();

            assertThat(user.toString())
                    .contains(user.id().toString())
                    .doesNotContain("ada", "Ada", "Lovelace", "+44", "analytics", "London", "argon2");
        }
    }

    @Nested
    class Sessions {
        private static final PasswordHash OTHER_HASH = new PasswordHash("$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0$b3RoZXJoYXNo");

        /** A security event: every token issued before it must stay dead. */
        enum Ending {
            DEACTIVATE(u -> u.deactivate(LATER)),
            SOFT_DELETE(u -> u.softDelete(LATER)),
            ANONYMIZE(u -> u.anonymize(LATER)),
            LOSE_A_ROLE(u -> u.revokeRole(Role.AUDITOR, LATER)),
            SET_THE_PASSWORD(u -> u.changePasswordHash(OTHER_HASH, LATER)),
            CHANGE_THE_EMAIL(u -> u.changeProfile(ProfileChange.none().withEmail(new Email("ada.new@example.org")), LATER)),
            SIGN_OUT_EVERYWHERE(u -> u.endSessions(LATER));

            final Consumer<User> event;

            Ending(Consumer<User> event) {
                this.event = event;
            }
        }

        /** Not a security event: the sessions live on. */
        enum Keeping {
            GRANT_A_ROLE(u -> u.grantRole(Role.ADMIN, LATER)),
            REVOKE_A_ROLE_NOT_HELD(u -> u.revokeRole(Role.ADMIN, LATER)),
            CHANGE_THE_DISPLAY_NAME(u -> u.changeProfile(ProfileChange.none().withDisplayName(Change.set(new DisplayName("Countess"))), LATER)),
            KEEP_THE_SAME_EMAIL(u -> u.changeProfile(ProfileChange.none().withEmail(u.email()), LATER)),
            UPGRADE_THE_HASH_OF_THE_SAME_PASSWORD(u -> u.upgradePasswordHash(OTHER_HASH, LATER));

            final Consumer<User> event;

            Keeping(Consumer<User> event) {
                this.event = event;
            }
        }

        @ParameterizedTest
        @EnumSource(Ending.class)
        void aSecurityEventStartsANewGeneration(Ending ending) {
            User user = withEveryPersonalField().build();
            long before = user.sessionGeneration();

            ending.event.accept(user);

            assertThat(user.sessionGeneration()).isEqualTo(before + 1);
            assertThat(user.snapshot().sessionGeneration()).isEqualTo(before + 1);
        }

        @ParameterizedTest
        @EnumSource(Keeping.class)
        void otherChangesKeepTheGeneration(Keeping keeping) {
            User user = withEveryPersonalField().build();
            long before = user.sessionGeneration();

            keeping.event.accept(user);

            assertThat(user.sessionGeneration()).isEqualTo(before);
        }

        @Test
        void reactivationDoesNotGoBackToTheGenerationDeactivationEnded() {
            User user = Users.anActiveUser().build();
            long issuedIn = user.sessionGeneration();

            user.deactivate(NOW);
            user.reactivate(LATER);

            assertThat(user.sessionGeneration()).isNotEqualTo(issuedIn);
        }

        @Test
        void restoreDoesNotGoBackToTheGenerationDeletionEnded() {
            User user = Users.anActiveUser().build();
            long issuedIn = user.sessionGeneration();

            user.softDelete(NOW);
            user.restore(LATER);

            assertThat(user.sessionGeneration()).isNotEqualTo(issuedIn);
        }

        @Test
        void aNewUserStartsAtGenerationZero() {
            assertThat(Users.anActiveUser().build().sessionGeneration()).isZero();
        }
    }

    @Nested
    class LegalHoldAndReceipt {
        private final java.util.UUID receipt = java.util.UUID.fromString("019b76da-a800-7000-8000-0000000000aa");

        @Test
        void placingAndLiftingAHoldIsRecordedOnTheUser() {
            User user = Users.anActiveUser().build();

            assertThat(user.changeLegalHold(true, NOW)).isTrue();
            assertThat(user.isOnLegalHold()).isTrue();
            assertThat(user.snapshot().legalHold()).isTrue();
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(user.changeLegalHold(true, LATER)).as("placing it again changes nothing").isFalse();
            assertThat(user.changeLegalHold(false, LATER)).isTrue();
            assertThat(user.isOnLegalHold()).isFalse();
        }

        @Test
        void anAnonymizedUserCannotBePutOnHold() {
            User user = Users.anActiveUser().anonymized().build();

            assertThatThrownBy(() -> user.changeLegalHold(true, NOW)).isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(user.isOnLegalHold()).isFalse();
        }

        @Test
        void theReceiptIsRecordedOnceAfterTheErasure() {
            User user = Users.anActiveUser().build();
            assertThatThrownBy(() -> user.recordErasureReceipt(receipt)).isInstanceOf(IllegalUserStateTransitionException.class);

            user.anonymize(NOW);
            user.recordErasureReceipt(receipt);

            assertThat(user.erasureReceiptId()).contains(receipt);
            assertThat(user.snapshot().erasureReceiptId()).isEqualTo(receipt);
            assertThatThrownBy(() -> user.recordErasureReceipt(java.util.UUID.randomUUID()))
                    .isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(user.erasureReceiptId()).contains(receipt);
        }
    }

    @Nested
    class Restriction {
        @Test
        void restrictingAndLiftingIsRecordedOnTheUser() {
            User user = Users.anActiveUser().build();

            assertThat(user.changeRestriction(true, NOW)).isTrue();
            assertThat(user.isRestricted()).isTrue();
            assertThat(user.snapshot().restricted()).isTrue();
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(user.changeRestriction(true, LATER)).as("restricting again changes nothing").isFalse();
            assertThat(updatedAt(user)).isEqualTo(NOW);
            assertThat(user.changeRestriction(false, LATER)).isTrue();
            assertThat(user.isRestricted()).isFalse();
            assertThat(user.changeRestriction(false, LATER)).as("lifting again changes nothing").isFalse();
        }

        @Test
        void aDeletedUserCanBeRestrictedItsDataIsKept() {
            User user = Users.anActiveUser().deleted().build();

            assertThat(user.changeRestriction(true, NOW)).isTrue();
            assertThat(user.status()).isEqualTo(UserStatus.DELETED);
        }

        @Test
        void anAnonymizedUserCannotBeRestrictedButALiftIsAllowed() {
            User restrictedThenErased = Users.anActiveUser().build();
            restrictedThenErased.changeRestriction(true, NOW);
            restrictedThenErased.anonymize(NOW);

            assertThat(restrictedThenErased.changeRestriction(false, LATER)).isTrue();
            assertThatThrownBy(() -> restrictedThenErased.changeRestriction(true, LATER))
                    .isInstanceOf(IllegalUserStateTransitionException.class);
            assertThat(restrictedThenErased.isRestricted()).isFalse();
        }

        @Test
        void theRestrictionSurvivesASnapshotRoundTrip() {
            User user = Users.anActiveUser().build();
            user.changeRestriction(true, NOW);

            assertThat(User.rehydrate(user.snapshot()).isRestricted()).isTrue();
            assertThat(user.snapshot().withVersion(5).restricted()).isTrue();
        }
    }
}
