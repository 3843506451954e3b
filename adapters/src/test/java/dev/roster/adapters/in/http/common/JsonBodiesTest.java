package dev.roster.adapters.in.http.common;

import dev.roster.adapters.in.http.problem.MalformedJsonException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonBodiesTest {
    private static final JsonBodies BODIES = new JsonBodies(JsonMapper.createDefault());

    /** {@code {"a":"<bytes>"}} with the given bytes, in hex, inside the string. */
    private static byte[] withBytes(String hex) {
        byte[] inside = HexFormat.of().parseHex(hex);
        byte[] before = "{\"a\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[before.length + inside.length + 2];
        System.arraycopy(before, 0, body, 0, before.length);
        System.arraycopy(inside, 0, body, before.length, inside.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        return body;
    }

    @Nested
    class TheBytes {
        @ParameterizedTest
        @ValueSource(strings = {"41", "c3a9", "e282ac", "f09f9880", "efbbbf", "f48fbfbf", "ed9fbf", "ee8080", "c280"})
        void mayBeAnyWellFormedUtf8(String hex) {
            assertThat(BODIES.readTree(withBytes(hex)).get("a").getStringValue())
                    .isEqualTo(new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8));
        }

        @ParameterizedTest
        @ValueSource(strings = {"c0af", "c1bf", "e080af", "f08080af", "eda080", "edbfbf", "f4908080", "f5808080", "ff", "80",
                "c328", "e282", "f09f98", "f888808080"})
        void mustNotBeMalformedOverlongSurrogatesOrBeyondUnicode(String hex) {
            assertThatThrownBy(() -> BODIES.readTree(withBytes(hex))).isInstanceOf(MalformedJsonException.class);
        }

        @Test
        void mustNotEndInsideACharacter() {
            byte[] cut = {'"', 'a', (byte) 0xE2, (byte) 0x82};
            assertThatThrownBy(() -> BODIES.readTree(cut)).isInstanceOf(MalformedJsonException.class);
        }

        @Test
        void mustBeUtf8NotUtf16OrUtf32() {
            assertThatThrownBy(() -> BODIES.readTree("{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)))
                    .isInstanceOf(MalformedJsonException.class);
            assertThatThrownBy(() -> BODIES.readTree("{\"a\":1}".getBytes(StandardCharsets.UTF_16BE)))
                    .isInstanceOf(MalformedJsonException.class);
        }
    }

    @Nested
    class TheEscapes {
        @ParameterizedTest
        @ValueSource(strings = {"{\"a\":\"\\ud800\"}", "{\"a\":\"x\\udc00\"}", "{\"a\":[\"ok\",\"\\ud83d\"]}", "{\"a\":{\"b\":\"\\ude00\\ud83d\"}}",
                "{\"\\ud800\":1}", "\"\\udbff\""})
        void mustNotLeaveASurrogateUnpairedInAStringOrAMemberName(String body) {
            assertThatThrownBy(() -> BODIES.readTree(body.getBytes(StandardCharsets.UTF_8))).isInstanceOf(MalformedJsonException.class);
        }

        @Test
        void mayPairSurrogates() {
            JsonNode tree = BODIES.readTree("{\"a\":\"\\ud83d\\ude00\",\"\\ud83d\\ude00\":[\"\\uD83D\\uDE00\"]}".getBytes(StandardCharsets.UTF_8));

            assertThat(tree.get("a").getStringValue()).isEqualTo("\uD83D\uDE00");
            assertThat(tree.get("\uD83D\uDE00").get(0).getStringValue()).isEqualTo("\uD83D\uDE00");
        }
    }
}
