package dev.roster.application.port.out.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.domain.user.InvalidUserDataException;
import dev.roster.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LegalHoldTest {
    private static final UserId ADA = UserId.parse("00000000-0000-7000-8000-000000000001");
    private static final Instant PLACED = Instant.parse("2026-01-01T00:00:00Z");

    private static LegalHold hold(String reason) {
        return new LegalHold(ADA, reason, PLACED, Optional.empty());
    }

    @Nested
    class Reasons {
        @ParameterizedTest
        @ValueSource(strings = {"case 17\ncourt order", "a\tb", "line\r\nline"})
        void mayRunOverSeveralLines(String reason) {
            assertThat(hold(reason).reason()).isEqualTo(reason);
        }

        @ParameterizedTest
        @ValueSource(strings = {"case\u0001 17", "case\u001B[31m", "case\u007F", "case\u0085 17", "case\u009B17", "case\u000B17",
                "case \uD800", "\uDC00 case"})
        void refuseOtherControlCharactersAndUnpairedSurrogatesWithoutQuotingThem(String reason) {
            assertThatThrownBy(() -> hold(reason))
                    .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("reason"))
                    .hasMessageNotContaining("case");
        }
    }
}
