package dev.roster.domain.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnedFileTest {
    private static final UUID ID = UUID.fromString("00000000-0000-4000-8000-00000000f11e");
    private static final UserId OWNER = UserId.parse("00000000-0000-7000-8000-000000000001");
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

    private static OwnedFile file(String name, String contentType) {
        return new OwnedFile(ID, OWNER, name, 1, contentType, CREATED);
    }

    @Nested
    class Names {
        @Test
        void keepATrimmedNameOfAnyScript() {
            assertThat(file("  Bericht für Zoë 😀.pdf ", "application/pdf").name()).isEqualTo("Bericht für Zoë 😀.pdf");
        }

        @ParameterizedTest
        @ValueSource(strings = {"a\uD800.txt", "\uDC00.txt", "a\uDE00\uD83D.txt"})
        void rejectUnpairedSurrogates(String name) {
            assertThatThrownBy(() -> file(name, "text/plain"))
                    .isInstanceOfSatisfying(InvalidUserDataException.class, e -> assertThat(e.field()).isEqualTo("name"))
                    .hasMessageContaining("unpaired surrogates")
                    .hasMessageNotContaining(name);
        }
    }
}
