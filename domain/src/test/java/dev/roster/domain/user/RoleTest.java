package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RoleTest {

    @Test
    void theRolesAreUserAuditorAndAdmin() {
        assertThat(Role.values()).containsExactly(Role.USER, Role.AUDITOR, Role.ADMIN);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "USER|USER",
            "user|USER",
            "Auditor|AUDITOR",
            "aDmIn|ADMIN",
            "'  admin  '|ADMIN"})
    void parsesNamesCaseInsensitivelyAndTrimmed(String name, Role role) {
        assertThat(Role.parse(name)).isEqualTo(role);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "root", "ADMINS", "USER_", "ad min", "superuser"})
    void rejectsUnknownNames(String name) {
        assertThatThrownBy(() -> Role.parse(name))
                .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("role"))
                .hasMessageContaining("USER, AUDITOR, ADMIN");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> Role.parse(null))
                .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("role"));
    }

    @Test
    void rejectionMessagesDoNotEchoTheInput() {
        assertThatThrownBy(() -> Role.parse("<script>superuser</script>"))
                .isInstanceOf(InvalidUserDataException.class)
                .message().doesNotContain("script", "superuser");
    }
}
