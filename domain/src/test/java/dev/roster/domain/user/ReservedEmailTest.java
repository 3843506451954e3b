package dev.roster.domain.user;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** No user can take an address in the erasure placeholder domain, in any letter case, nor a quoted local part. */
class ReservedEmailTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @ValueSource(strings = {"erased-0190abcd-0000-7000-8000-000000000001@erased.roster.invalid",
            "ERASED-0190ABCD-0000-7000-8000-000000000001@ERASED.ROSTER.INVALID", "anything@Erased.Roster.Invalid"})
    void registrationInTheReservedDomainIsRefused(String address) {
        assertThatThrownBy(() -> Users.anActiveUser().withEmail(address).build())
                .isInstanceOf(InvalidUserDataException.class)
                .hasMessageNotContaining(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ERASED-0190ABCD-0000-7000-8000-000000000001@ERASED.ROSTER.INVALID", "x@erased.roster.INVALID"})
    void changingTheEmailIntoTheReservedDomainIsRefused(String address) {
        User user = Users.anActiveUser().build();
        assertThatThrownBy(() -> user.changeProfile(ProfileChange.none().withEmail(new Email(address)), NOW))
                .isInstanceOf(InvalidUserDataException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"ab\"@example.org", "a,b@example.org", "a;b@example.org", "<ab>@example.org", "a\\b@example.org",
            "a:b@example.org", "a(b)@example.org", "a[b]@example.org"})
    void specialsOfQuotedLocalPartsAreRejected(String address) {
        assertThatThrownBy(() -> new Email(address)).isInstanceOf(InvalidUserDataException.class)
                .hasMessageNotContaining(address);
        assertThatThrownBy(() -> Optional.of(address).map(Email::new)).isInstanceOf(InvalidUserDataException.class);
    }
}
