package dev.mailwright.auth.dkim;

import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An RFC 6376 §3.2 tag list ({@code v=1; a=rsa-sha256; ...}): names are case-sensitive, values
 * have surrounding whitespace removed, a duplicate name is an error, and a trailing ';' is allowed.
 */
final class TagList {

    /** Tags read from one list. */
    private static final int MAX_TAGS = 64;

    private TagList() {
    }

    /** The tags of {@code text} in order, or throws naming what is malformed. */
    static Map<String, String> parse(String text) throws DkimSyntaxException {
        Map<String, String> tags = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int end = text.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            String spec = text.substring(i, end);
            i = end + 1;
            if (isBlank(spec)) {
                if (end == n || isBlank(text.substring(Math.min(i, n)))) {
                    break;
                }
                throw new DkimSyntaxException("empty tag");
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                throw new DkimSyntaxException("tag without '=': '" + spec.strip() + "'");
            }
            String name = spec.substring(0, equals).strip();
            if (!isTagName(name)) {
                throw new DkimSyntaxException("invalid tag name '" + name + "'");
            }
            if (tags.containsKey(name)) {
                throw new DkimSyntaxException("duplicate tag '" + name + "'");
            }
            if (tags.size() == MAX_TAGS) {
                throw new DkimSyntaxException("more than " + MAX_TAGS + " tags");
            }
            tags.put(name, stripFws(spec.substring(equals + 1)));
        }
        return tags;
    }

    /** Removes all folding whitespace, as values such as {@code b=} and {@code p=} may contain it anywhere. */
    static String removeWhitespace(String value) {
        int first = 0;
        while (first < value.length() && !isFws(value.charAt(first))) {
            first++;
        }
        if (first == value.length()) {
            return value;
        }
        char[] out = new char[value.length()];
        value.getChars(0, first, out, 0);
        int n = first;
        for (int i = first + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!isFws(c)) {
                out[n++] = c;
            }
        }
        return new String(out, 0, n);
    }

    /**
     * Decodes a base64 value that may hold folding whitespace anywhere ({@code b=}, {@code bh=},
     * {@code p=}), strictly otherwise.
     *
     * @throws IllegalArgumentException if it is not valid base64
     */
    static byte[] base64(String value) {
        byte[] ascii = new byte[value.length()];
        int n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isFws(c)) {
                continue;
            }
            if (c > 0x7F) {
                throw new IllegalArgumentException("not base64: " + (int) c);
            }
            ascii[n++] = (byte) c;
        }
        return Base64.getDecoder().decode(n == ascii.length ? ascii : Arrays.copyOf(ascii, n));
    }

    static String lower(String value) {
        return value.toLowerCase(Locale.ROOT);
    }

    private static String stripFws(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isFws(value.charAt(start))) {
            start++;
        }
        while (end > start && isFws(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isFws(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code tag-name = ALPHA *ALNUMPUNC} where ALNUMPUNC is a letter, digit or '_'. */
    private static boolean isTagName(String name) {
        if (name.isEmpty() || !Character.isLetter(name.charAt(0)) || name.charAt(0) > 0x7F) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
