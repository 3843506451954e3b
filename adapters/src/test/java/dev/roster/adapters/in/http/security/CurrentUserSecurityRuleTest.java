package dev.roster.adapters.in.http.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.application.model.access.Principal;
import dev.roster.domain.user.Role;
import dev.roster.domain.user.UserId;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

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
}
