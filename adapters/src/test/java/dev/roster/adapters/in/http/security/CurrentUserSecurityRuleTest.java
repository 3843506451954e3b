package dev.roster.adapters.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.model.access.Principal;
import dev.roster.application.model.accounts.Scope;
import dev.roster.application.model.accounts.ServiceAccount;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

class CurrentUserSecurityRuleTest {
    private static final UserId ID = new UserId(UUID.fromString("019b76da-a800-7000-8000-000000000001"));
    private static final Principal USER = new Principal(ID, Set.of(Role.USER), 0);
    private static final Principal ADMIN = new Principal(ID, Set.of(Role.USER, Role.ADMIN), 0);

    @Nested
    class Decide {
        @Test
        void aRouteForAnyAuthenticatedUserAllowsEveryActiveUser() {
            assertThat(CurrentUserSecurityRule.decide(USER, Set.of(SecurityRule.IS_AUTHENTICATED))).isEqualTo(SecurityRuleResult.ALLOWED);
        }

        @Test
        void aRouteForARoleAllowsItsHoldersAndRejectsTheOthers() {
            assertThat(CurrentUserSecurityRule.decide(ADMIN, Set.of("ADMIN"))).isEqualTo(SecurityRuleResult.ALLOWED);
            assertThat(CurrentUserSecurityRule.decide(USER, Set.of("ADMIN", "AUDITOR"))).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void aValueThatNamesNoKnownRoleGrantsNothing() {
            assertThat(CurrentUserSecurityRule.decide(ADMIN, Set.of("ADMINS"))).isEqualTo(SecurityRuleResult.REJECTED);
            assertThat(CurrentUserSecurityRule.decide(USER, Set.of("admin"))).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void aRouteThatNamesNothingUsableIsRefusedToEverybody() {
            assertThat(CurrentUserSecurityRule.decide(ADMIN, Set.of())).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void aTypoBesideARealRoleStillLetsTheRealRoleIn() {
            assertThat(CurrentUserSecurityRule.decide(ADMIN, Set.of("ADMIN", "AUDITORS"))).isEqualTo(SecurityRuleResult.ALLOWED);
            assertThat(CurrentUserSecurityRule.decide(USER, Set.of("ADMIN", "AUDITORS"))).isEqualTo(SecurityRuleResult.REJECTED);
        }
    }

    @Nested
    class ServiceAccounts {
        private final ServiceAccount reader = new ServiceAccount(ID.value(), "feed", Set.of(Scope.USERS_READ, Scope.STATS_READ),
                Instant.EPOCH, Instant.EPOCH, Optional.empty(), Optional.empty());

        @Test
        void aRouteThatNamesOneOfItsScopesAllowsIt() {
            assertThat(CurrentUserSecurityRule.decide(reader, Set.of("ADMIN", "AUDITOR", "users:read"))).isEqualTo(SecurityRuleResult.ALLOWED);
            assertThat(CurrentUserSecurityRule.decide(reader, Set.of("stats:read"))).isEqualTo(SecurityRuleResult.ALLOWED);
        }

        @Test
        void rolesAndOtherScopesGrantItNothing() {
            assertThat(CurrentUserSecurityRule.decide(reader, Set.of("ADMIN", "AUDITOR", "audit:read"))).isEqualTo(SecurityRuleResult.REJECTED);
            assertThat(CurrentUserSecurityRule.decide(reader, Set.of("USER"))).isEqualTo(SecurityRuleResult.REJECTED);
            assertThat(CurrentUserSecurityRule.decide(reader, Set.of("USERS:READ"))).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void aRouteForAnyAuthenticatedUserIsNotForAServiceAccount() {
            assertThat(CurrentUserSecurityRule.decide(reader, Set.of(SecurityRule.IS_AUTHENTICATED))).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void aRevokedAccountIsAllowedNothing() {
            assertThat(CurrentUserSecurityRule.decide(reader.revoked(Instant.EPOCH), Set.of("users:read"))).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void aUserHoldingEveryRoleIsNeverGrantedAScope() {
            Principal everything = new Principal(ID, Set.of(Role.USER, Role.AUDITOR, Role.ADMIN), 0);
            assertThat(CurrentUserSecurityRule.decide(everything, Set.of("users:read", "metrics:read"))).isEqualTo(SecurityRuleResult.REJECTED);
        }

        @Test
        void onlyTheValidatorsAuthenticationCarriesAnAccount() {
            assertThat(ServiceAccountTokenValidator.accountOf(ServiceAccountTokenValidator.authentication(reader))).contains(reader);
            var claimsOnly = io.micronaut.security.authentication.Authentication.build(ID.toString(), java.util.List.of("users:read"),
                    Map.of(ServiceAccountTokenValidator.KIND, ServiceAccountTokenValidator.SERVICE_ACCOUNT,
                            ServiceAccountTokenValidator.ACCOUNT, Map.of("id", ID.toString())));
            assertThat(ServiceAccountTokenValidator.claimsServiceAccount(claimsOnly)).isTrue();
            assertThat(ServiceAccountTokenValidator.accountOf(claimsOnly)).isEmpty();
        }
    }
}
