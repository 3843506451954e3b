package dev.roster.bootstrap.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Test helper: malformed and borderline inputs drawn from one seeded {@link Random}, so that a run can be repeated
 * exactly: strings, JSON values and whole JSON bodies (wrong types, unknown members, deep nesting, huge numbers, escaped
 * lone surrogates, invalid UTF-8, trailing garbage, other encodings) built as bytes, since many of them are not text.
 * No value contains the words the fuzz test looks for in responses (stack-trace markers), so an echoed value cannot
 * be mistaken for a leak.
 */
final class MalformedInputs {
    /**
     * Byte sequences that are not UTF-8: a bad continuation, bytes never used, an overlong '/', a UTF-16 surrogate,
     * a code point past U+10FFFF, a cut sequence, a lone continuation byte, a 5-byte form.
     */
    static final List<byte[]> INVALID_UTF8 = List.of(
            new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
            new byte[] {(byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});

    private static final List<String> ODD_TEXT = List.of("' OR 1=1 --", "%s%n%x%d", "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>", "../../etc/passwd", "=HYPERLINK(\"http://x\")", "+1+1", "@SUM(A1)", "\\", "\"", "null",
            "true", "0", "-1", "1e309", "NaN", "\r\nX-Injected: 1", "%00", "%ZZ", "\u202Eevil\u202C", "e\u0301\u0301\u0301",
            "Zoë 名前 😀", "\uFEFF", "\u0000", "\u0001\u001F\u007F", "\u2028\u2029", "\uFFFF\uFFFE", "ß".repeat(40));

    private final Random random;
    private int serial;
    private int oversizeLeft;

    MalformedInputs(Random random, int oversizeBodies) {
        this.random = random;
        this.oversizeLeft = oversizeBodies;
    }

    // ---------------------------------------------------------------- choices

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int low, int highInclusive) {
        return low + random.nextInt(highInclusive - low + 1);
    }

    <T> T pick(List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    @SafeVarargs
    final <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, random);
        return copy;
    }

    int serial() {
        return ++serial;
    }

    /** A UUID from the seeded generator (so the run stays repeatable), which no stored row has. */
    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    String uniqueEmail() {
        return "fuzz-" + serial() + "@fuzz.test";
    }

    byte[] invalidUtf8() {
        return pick(INVALID_UTF8);
    }

    // ---------------------------------------------------------------- strings

    /** A text that is odd for most fields: empty, blank, control characters, long, bidi, injection-shaped, and so on. */
    String text() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> pick(" ", " \t ", "\n", "\u00A0");
            case 2, 3 -> asciiWord(between(1, 40));
            case 4 -> pick(ODD_TEXT);
            case 5 -> pick(ODD_TEXT) + asciiWord(between(1, 10));
            case 6 -> "x".repeat(pick(64, 65, 200, 201, 320, 1000, 1001, 5000));
            case 7 -> chance(0.1) ? "y".repeat(100_000) : "y".repeat(between(100, 3000));
            case 8 -> controlCharacters(between(1, 20));
            case 9 -> "fuzz-" + serial() + "@fuzz.test";
            case 10 -> pick("Zoë Müller", "名前", "😀😀", "Ωmega", "ﷺ", "𝕏");
            default -> asciiWord(between(1, 8)) + pick(ODD_TEXT);
        };
    }

    String asciiWord(int length) {
        StringBuilder word = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            word.append((char) between(0x21, 0x7e));
        }
        // never spell a marker the test searches responses for (a word built at random could, in theory)
        return word.toString().replace("Exception", "Exc").replace("at ", "a_").replace("java.", "jv.");
    }

    private String controlCharacters(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (int) pick(0x00, 0x01, 0x07, 0x08, 0x0b, 0x0c, 0x1b, 0x1f, 0x7f, 0x85, 0x61, 0x62));
        }
        return text.toString();
    }

    // ---------------------------------------------------------------- JSON pieces

    /** A JSON string literal, proper or not: escaped lone surrogates, bad escapes, raw control characters, invalid UTF-8, unterminated. */
    byte[] stringLiteral() {
        return switch (random.nextInt(14)) {
            case 0 -> utf8(pick("\"\\uD800\"", "\"a\\uDC00b\"", "\"\\uD800\\uD800\"", "\"\\uDBFF\\u0041\"", "\"\\uDFFF\\uD800\""));
            case 1 -> utf8(pick("\"\\x41\"", "\"\\u12\"", "\"\\uZZZZ\"", "\"\\q\"", "\"\\\"", "\"\\u\""));
            case 2 -> utf8("\"a" + controlCharacters(between(1, 4)) + "b\"");
            case 3 -> new Bytes().add("\"a").add(invalidUtf8()).add("b\"").done();
            case 4 -> utf8(pick("\"abc", "'abc'", "abc", "\"\"\"", "\"\\u0000\""));
            default -> utf8(quote(text()));
        };
    }

    /** A JSON number, valid or not: huge, tiny, too precise, too long, hexadecimal, with leading zeros. */
    String number() {
        return pick("0", "-0", "1", "-1", "1.5", "1e309", "-1e309", "1e-400", "123456789012345678901234567890",
                "9223372036854775807", "9223372036854775808", "-9223372036854775809", "2147483648", "0x10", "01", "+1",
                ".5", "1.", "NaN", "Infinity", "-Infinity", "1e999999999", "1".repeat(1200), "0." + "0".repeat(2000) + "1",
                "1E+2", "-", "1e", "1.5e-");
    }

    /** A random JSON value (some members are the API's field names) nested up to {@code depth}. */
    byte[] jsonValue(int depth) {
        int kind = depth <= 0 ? random.nextInt(4) : random.nextInt(6);
        return switch (kind) {
            case 0 -> stringLiteral();
            case 1 -> utf8(number());
            case 2 -> utf8(pick("true", "false", "null", "tru", "nul", "True", "undefined"));
            case 3 -> utf8(pick("{}", "[]", "[null]", "{\"\":null}"));
            case 4 -> {
                Bytes object = new Bytes().add("{");
                int members = between(0, 6);
                for (int i = 0; i < members; i++) {
                    object.add(i == 0 ? "" : ",").add(chance(0.8) ? utf8(quote(memberName())) : stringLiteral()).add(":")
                            .add(jsonValue(depth - 1));
                }
                yield object.add("}").done();
            }
            default -> {
                Bytes array = new Bytes().add("[");
                int elements = between(0, 6);
                for (int i = 0; i < elements; i++) {
                    array.add(i == 0 ? "" : ",").add(jsonValue(depth - 1));
                }
                yield array.add("]").done();
            }
        };
    }

    private String memberName() {
        return pick("email", "displayName", "phone", "attributes", "roles", "password", "id", "op", "user", "changes",
                "atomic", "operations", "name", "sizeBytes", "contentType", "reason", "currentPassword", "newPassword",
                "username", "status", "version", "passwordHash", "__proto__", "constructor", asciiWord(between(1, 12)), "");
    }

    /** Nesting of the given depth: arrays, objects or both, closed or left open. */
    byte[] deep(int depth) {
        Bytes out = new Bytes();
        int shape = random.nextInt(4);
        StringBuilder closing = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            boolean array = shape == 0 || shape == 2 && i % 2 == 0;
            out.add(array ? "[" : "{\"a\":");
            closing.append(array ? ']' : '}');
        }
        out.add("1");
        if (shape != 3) {
            out.add(closing.reverse().toString());
        }
        return out.done();
    }

    /** Bodies that are not one JSON object: nothing, other values, syntax errors, comments, other encodings. */
    byte[] specialBody() {
        return switch (random.nextInt(8)) {
            case 0 -> utf8(pick("", " ", "\n", "\r\n\t", "null", "{}", "[]", "\"\"", "\"x\"", "0", "-0", "1e309", "true"));
            case 1 -> utf8(pick("{}x", "{} {}", "{}}", "{\"a\":1,}", "[1,]", "{'a':1}", "{a:1}", "/*c*/{}", "// c\n{}", "#c\n{}",
                    "{\"a\":NaN}", "NaN", "Infinity", "[1,2", "{\"a\":", "{\"a\"", "{", "}", "[", "]", "{\"a\":1}]", "{\"a\" 1}",
                    "{\"a\":tru}", "{\"a\":nul}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":0x1}"));
            case 2 -> utf8(pick("\u0000", "{\"a\":1}\u0000", "\u0000{}", "{\"a\":\"\t\"}", "{\"a\n\":1}", "{\"a\":1}\u001a"));
            case 3 -> new Bytes().add(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}).add(pick("{}", "{\"email\":\"bom@fuzz.test\"}")).done();
            case 4 -> ("{\"email\":\"" + uniqueEmail() + "\",\"reason\":\"x\"}")
                    .getBytes(pick(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16, Charset.forName("UTF-32")));
            case 5 -> utf8(pick("{\"a\":1, \"a\":2}", "{\"email\":null}", "{\"email\":\"\"}", "[{}]", "[null]", "{\"\":\"\"}",
                    "{\"a\":\"\\uD800\"}", "{\"\\uD800\":1}", "{\"a\":1e99999}", "\"" + "\\u0000".repeat(1000) + "\""));
            case 6 -> new Bytes().add(invalidUtf8()).done();
            default -> new Bytes().add("{\"").add(invalidUtf8()).add("\":1}").done();
        };
    }

    /** A big body that is still under the 1 MB the API buffers. */
    byte[] hugeBody(List<String> fields) {
        String field = fields.isEmpty() ? "reason" : pick(fields);
        return switch (random.nextInt(7)) {
            case 0 -> utf8("{" + quote(field) + ":" + quote("h".repeat(100_000)) + "}");
            case 1 -> utf8("{" + quote(field) + ":" + quote("h".repeat(900_000)) + "}");
            case 2 -> {
                StringBuilder members = new StringBuilder("{");
                for (int i = 0; i < 20_000; i++) {
                    members.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
                }
                yield utf8(members.append('}').toString());
            }
            case 3 -> utf8("[" + "0,".repeat(100_000) + "0]");
            case 4 -> {
                StringBuilder attributes = new StringBuilder("{\"attributes\":{");
                for (int i = 0; i < 5_000; i++) {
                    attributes.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":\"v\"");
                }
                yield utf8(attributes.append("}}").toString());
            }
            case 5 -> utf8("{" + quote(field) + ":" + "9".repeat(500_000) + "}");
            default -> utf8("{\"" + "k".repeat(900_000) + "\":1}");
        };
    }

    /** A body over the 1 MB limit, while the run's budget of them lasts; null after. */
    byte[] oversizeBody() {
        if (oversizeLeft <= 0) {
            return null;
        }
        oversizeLeft--;
        return utf8("{\"reason\":\"" + "o".repeat(pick(1_100_000, 1_600_000, 3_000_000)) + "\"}");
    }

    /** The JSON broken at the byte level: invalid UTF-8 inside a string, cut short, a byte changed, garbage after it, re-encoded. */
    byte[] corrupt(byte[] json) {
        if (json.length == 0) {
            return invalidUtf8();
        }
        return switch (random.nextInt(9)) {
            case 0 -> {
                int quote = nthQuote(json);
                yield splice(json, quote + 1, invalidUtf8());
            }
            case 1 -> Arrays.copyOf(json, random.nextInt(json.length));
            case 2 -> {
                byte[] changed = json.clone();
                changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
                yield changed;
            }
            case 3 -> RawHttp.concat(json, utf8(pick("x", "}", " {}", "\u0000", "]", ",", " garbage", "\n{\"a\":1}")));
            case 4 -> RawHttp.concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, json);
            case 5 -> new String(json, StandardCharsets.UTF_8).getBytes(pick(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE));
            case 6 -> new String(json, StandardCharsets.UTF_8).replace('"', '\'').getBytes(StandardCharsets.UTF_8);
            case 7 -> splice(json, random.nextInt(json.length), new byte[] {0});
            default -> {
                int quote = nthQuote(json);
                yield splice(json, quote + 1, utf8(pick("\n", "\t", "\r", "\u0000", "\u001f")));
            }
        };
    }

    private int nthQuote(byte[] json) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < json.length; i++) {
            if (json[i] == '"') {
                quotes.add(i);
            }
        }
        return quotes.isEmpty() ? 0 : pick(quotes);
    }

    private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
        int position = Math.min(at, bytes.length);
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, position);
        System.arraycopy(inserted, 0, result, position, inserted.length);
        System.arraycopy(bytes, position, result, position + inserted.length, bytes.length - position);
        return result;
    }

    // ---------------------------------------------------------------- field values

    /** A value the API accepts for the field (emails are fresh, passwords rarely strong, to keep hashing rare). */
    byte[] goodValue(String field) {
        return utf8(switch (field) {
            case "email", "username" -> quote(uniqueEmail());
            case "displayName" -> quote(pick("Fuzz Tester", "Zoë Müller", "名前", "A"));
            case "phone" -> quote("+49" + between(1_000_000, 9_999_999));
            case "attributes" -> pick("{\"team\":\"fuzz\"}", "{}", "null", "{\"a\":\"1\",\"b\":\"2\"}");
            case "roles" -> pick("[\"USER\"]", "[\"AUDITOR\"]", "[]", "[\"USER\",\"AUDITOR\"]");
            case "password", "newPassword" -> chance(0.1) ? quote("fuzzing passphrase number " + serial()) : pick("null", quote("short"));
            case "currentPassword" -> quote("not the password " + serial());
            case "sizeBytes" -> pick("0", "1", "1048576");
            case "name" -> quote(pick("report.pdf", "a.txt", "ü.bin"));
            case "contentType" -> quote(pick("text/plain", "application/pdf", "x/y"));
            case "reason" -> quote(pick("litigation", "tax audit 2026"));
            case "note" -> pick(quote("by letter"), quote("asked by phone\nfor everything"), "null");
            case "type" -> quote(pick("ACCESS", "PORTABILITY", "OBJECTION", "RECTIFICATION", "erasure", "RESTRICTION"));
            case "months" -> pick("1", "2");
            case "receivedAt" -> quote(pick("2026-01-31T10:00:00Z", "2024-02-29T23:59:59.999999+01:00", "2020-01-01T00:00:00Z"));
            case "userId" -> quote(pick("019b76da-a800-7000-8000-00000000dead", "00000000-0000-0000-0000-000000000000"));
            case "erasedAt", "since" -> quote(pick("2026-01-01T00:00:00Z", "2020-02-29T23:59:59.999999Z", "2025-06-01T12:00:00+02:00"));
            case "counts" -> pick("{}", "{\"orders\":3}", "null", "{\"a.b\":0,\"c_d\":9223372036854775807}");
            default -> quote(asciiWord(5));
        });
    }

    /** A value of the wrong type or shape for the field, or an invalid one of the right type. */
    byte[] badValue(String field) {
        List<String> specific = switch (field) {
            case "email", "username" -> List.of(quote("not-an-email"), quote("a@"), quote("@b.c"), quote("a@b@c.d"),
                    quote("x".repeat(65) + "@fuzz.test"), quote("a@" + "d".repeat(300) + ".test"), quote("a b@c.d"), quote(" \t "),
                    quote("nul\u0000@fuzz.test"), quote("ä@ü.de"), quote("a@b"), quote("a@b.c\n"), quote("\u202Ea@b.c"), "5", "[]",
                    // issue 11: invisible and format characters, a fullwidth @, a domain IDNA refuses
                    quote("a\u200Bb@fuzz.test"), quote("a\u00ADb@fuzz.test"), quote("a\u00A0b@fuzz.test"),
                    quote("a\uFF20b@fuzz.test"), quote("a@fu_zz.test"));
            case "roles" -> List.of(quote("ADMIN"), "[1]", "[\"NOPE\"]", "[null]", "[[\"ADMIN\"]]", "{}", "[\"admin\"]", "[\"\"]",
                    "{\"0\":\"USER\"}", "[" + "\"USER\",".repeat(2000) + "\"USER\"]", quote("USER,ADMIN"), "true");
            case "attributes" -> List.of("[1]", quote("x"), "{\"k\":1}", "{\"k\":null}", "{\"k\":{\"x\":\"y\"}}", "{\"\":\"v\"}",
                    manyAttributes(51), "{\"" + "k".repeat(65) + "\":\"v\"}", "{\"k\":\"" + "v".repeat(1001) + "\"}", "{\"k\":[\"v\"]}",
                    "{\"k\\u0000\":\"v\"}", "{\"k\":true}", "{\"k\":\"\\uD800\"}", "[]", "5");
            case "sizeBytes" -> List.of("-1", quote("ten"), "1e309", "99999999999999999999", "1.5", quote("10"),
                    "9223372036854775807", "-9223372036854775808", "1e18", "true", "[]", "{}", "-0", "1" + "0".repeat(30));
            case "phone" -> List.of(quote("abc"), quote("+"), quote("+1" + "2".repeat(200)), quote("++1"), quote(" +49 "), "491234",
                    quote("+49 (0) 123"), quote("+٣٣٣٣٣"));
            case "months" -> List.of("0", "3", "-1", quote("2"), "1.5", "1e0", "99999999999999999999", "2147483648", "true", "[]", "{}");
            case "receivedAt" -> List.of(quote("yesterday"), quote("+999999999-12-31T23:59:59Z"), quote("-999999999-01-01T00:00:00Z"),
                    quote("2026-13-01T00:00:00Z"), quote("2099-01-01T00:00:00Z"), quote("2026-01-01"), quote(""), "5", "[]");
            case "type" -> List.of(quote("NOPE"), quote(""), quote("ACCESS,ERASURE"), quote("user.created"), "5", "[]", "{}", "true");
            case "userId" -> List.of(quote("not-a-uuid"), quote(""), quote("%00"), "5", "[]", quote("0-0-0-0-0"));
            case "note" -> List.of(quote("x".repeat(2001)), quote("\u0000"), quote("a\u0085b"), "5", "[]", "{}", quote("\uD800"));
            case "displayName", "name", "reason", "contentType" -> List.of(quote(""), quote("   "), quote("x".repeat(201)),
                    quote("\n\t"), quote("x".repeat(10_000)), "5", "[]", "{}", quote("\u0000"), quote("a/b/../../c"));
            case "password", "newPassword", "currentPassword" -> List.of(quote(""), quote("a"), quote("password"),
                    quote("x".repeat(10_000)), "5", "[]", "{}", quote("\u0000"), "true");
            case "erasedAt", "since" -> List.of(quote("yesterday"), quote("-999999999-01-01T00:00:00Z"), quote("+999999999-12-31T23:59:59Z"),
                    quote("2026-13-01T00:00:00Z"), quote("2026-01-01"), quote("9999-12-31T23:59:59Z"), "1700000000", quote(""));
            case "counts" -> List.of("[]", quote("3"), "{\"orders\":-1}", "{\"orders\":1.5}", "{\"orders\":\"3\"}", "{\"\":1}",
                    "{\"order lines\":1}", "{\"o\":99999999999999999999}", "{\"o\":null}", "{\"o\":{}}", manyCounts(51));
            default -> List.of();
        };
        if (!specific.isEmpty() && chance(0.55)) {
            return utf8(pick(specific));
        }
        return switch (random.nextInt(6)) {
            case 0 -> utf8(pick("5", "-1", "1.5", "1e309", "true", "false", "[]", "{}", "[1]", "{\"a\":1}", "null"));
            case 1, 2 -> stringLiteral();
            case 3 -> utf8(number());
            case 4 -> deep(between(2, 60));
            default -> jsonValue(3);
        };
    }

    private static String manyCounts(int count) {
        StringBuilder counts = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            counts.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        return counts.append('}').toString();
    }

    private static String manyAttributes(int count) {
        StringBuilder attributes = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            attributes.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
        }
        return attributes.append('}').toString();
    }

    /**
     * An object with some of the known fields (each good, bad or, in a merge patch, null), perhaps unknown members
     * and a repeated member.
     */
    byte[] fieldObject(List<String> fields, List<String> unknown, double goodShare, boolean nullsAllowed) {
        List<String> members = new ArrayList<>();
        for (String field : shuffled(fields)) {
            if (chance(0.65)) {
                members.add(field);
            }
        }
        if (!unknown.isEmpty() && chance(0.3)) {
            for (int i = between(1, 3); i > 0; i--) {
                members.add(between(0, members.size()) == 0 ? 0 : members.size(), pick(unknown));
            }
        }
        if (!members.isEmpty() && chance(0.08)) {
            members.add(pick(members));
        }
        Bytes object = new Bytes().add(pick("{", "{ ", "{\n  "));
        for (int i = 0; i < members.size(); i++) {
            String name = members.get(i);
            byte[] value = nullsAllowed && chance(0.12) ? utf8("null") : chance(goodShare) ? goodValue(name) : badValue(name);
            object.add(i == 0 ? "" : pick(",", ", ", ",\n  ")).add(quote(name)).add(pick(":", ": ", " : ")).add(value);
        }
        return object.add(pick("}", " }", "\n}")).done();
    }

    /** Only known fields with acceptable values: the happy path, to reach conflicts and state rules too. */
    byte[] validObject(List<String> fields) {
        Bytes object = new Bytes().add("{");
        boolean first = true;
        for (String field : fields) {
            if (field.equals("email") || field.equals("username") || field.equals("sizeBytes") || chance(0.7)) {
                object.add(first ? "" : ",").add(quote(field)).add(":").add(goodValue(field));
                first = false;
            }
        }
        return object.add("}").done();
    }

    // ---------------------------------------------------------------- helpers

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal of the text (control characters escaped; lone surrogates become '?' in UTF-8). */
    static String quote(String text) {
        return dev.roster.bootstrap.TestRequests.quote(text);
    }

    /** Percent-encodes every byte of the UTF-8 form except unreserved characters (RFC 3986). */
    static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : utf8(text)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    /** A growing byte array. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes add(String text) {
            out.writeBytes(utf8(text));
            return this;
        }

        Bytes add(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        byte[] done() {
            return out.toByteArray();
        }
    }
}
