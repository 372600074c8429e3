package pro.dailydoco.core;

import java.util.OptionalInt;

/**
 * The rules every piece of text a person sends must keep, and how its length is counted
 * (docs/decisions/0090-input-rules.md).
 */
public final class Text {

    private Text() {
    }

    /**
     * The first character no stored text may hold, if any: the C0 control characters except tab, line feed and
     * carriage return, DEL, and the C1 control characters. PostgreSQL refuses NUL in text outright; the others are
     * invisible, reorder or recolour a terminal, and never come from a keyboard, so text with them is refused whole
     * rather than stored or silently changed.
     */
    public static OptionalInt forbiddenCharacter(String value) {
        if (value == null) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isForbidden(c)) {
                return OptionalInt.of(c);
            }
        }
        return OptionalInt.empty();
    }

    static boolean isForbidden(char c) {
        if (c < 0x20) {
            return c != '\t' && c != '\n' && c != '\r';
        }
        return c >= 0x7F && c <= 0x9F;
    }

    /** How a refused character is named in messages: {@code U+0000}. */
    public static String codePoint(int c) {
        return String.format("U+%04X", c);
    }

    /**
     * The length people mean by "characters": Unicode code points, with a line break sent as CR LF (as browsers send
     * a text area's line breaks) counted once. Java's {@code length()} counts an emoji twice; limits stated in
     * characters are checked with this.
     */
    public static int characters(String value) {
        if (value == null) {
            return 0;
        }
        int count = value.codePointCount(0, value.length());
        for (int i = value.indexOf("\r\n"); i >= 0; i = value.indexOf("\r\n", i + 2)) {
            count--;
        }
        return count;
    }

    /** At most {@code max} characters (code points) of {@code value}, never splitting a character in two. */
    public static String truncate(String value, int max) {
        if (value == null || value.codePointCount(0, value.length()) <= max) {
            return value;
        }
        return value.substring(0, value.offsetByCodePoints(0, max));
    }
}
