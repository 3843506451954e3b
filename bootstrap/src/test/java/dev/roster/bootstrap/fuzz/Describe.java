package dev.roster.bootstrap.fuzz;

/**
 * Test helper: short, printable renderings of request and response parts for failure messages. Backslashes are shown
 * as they are, so that JSON escapes read naturally; other bytes and characters that would not print are escaped.
 */
final class Describe {
    private Describe() {
    }

    /** The text with control characters, non-Latin-1 oddities and lone surrogates escaped, cut to {@code max} chars. */
    static String text(String text, int max) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        int shown = Math.min(text.length(), max);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || c > 0xff && !Character.isLetterOrDigit(c)) {
                        out.append(c <= 0xff ? String.format("\\x%02X", (int) c) : String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > max) {
            out.append("…(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }

    /** Bytes with printable ASCII shown as is and every other byte as \xHH, cut to {@code max} bytes. */
    static String bytes(byte[] bytes, int max) {
        if (bytes == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder();
        int shown = Math.min(bytes.length, max);
        for (int i = 0; i < shown; i++) {
            int b = bytes[i] & 0xff;
            if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else if (b == '\n') {
                out.append("\\n");
            } else if (b == '\r') {
                out.append("\\r");
            } else {
                out.append(String.format("\\x%02X", b));
            }
        }
        if (bytes.length > max) {
            out.append("…(").append(bytes.length).append(" bytes)");
        }
        return out.toString();
    }
}
