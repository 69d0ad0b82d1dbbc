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
            int start = i;
            int end = text.indexOf(';', i);
            if (end < 0) {
                end = n;
            }
            i = end + 1;
            if (isBlank(text, start, end)) {
                if (end == n || isBlank(text, Math.min(i, n), n)) {
                    break;
                }
                throw new DkimSyntaxException("empty tag");
            }
            int equals = text.indexOf('=', start);
            if (equals < 0 || equals >= end) {
                throw new DkimSyntaxException("tag without '=': '" + text.substring(start, end).strip() + "'");
            }
            String name = text.substring(start, equals).strip();
            if (!isTagName(name)) {
                throw new DkimSyntaxException("invalid tag name '" + name + "'");
            }
            if (tags.containsKey(name)) {
                throw new DkimSyntaxException("duplicate tag '" + name + "'");
            }
            if (tags.size() == MAX_TAGS) {
                throw new DkimSyntaxException("more than " + MAX_TAGS + " tags");
            }
            tags.put(name, stripFws(text, equals + 1, end));
        }
        return tags;
    }

    /** Removes all folding whitespace, as values such as {@code b=} and {@code p=} may contain it anywhere. */
    static String removeWhitespace(String value) {
        // A char array is walked much faster than String.charAt.
        char[] chars = value.toCharArray();
        int n = 0;
        for (char c : chars) {
            if (!isFws(c)) {
                chars[n++] = c;
            }
        }
        return n == chars.length ? value : new String(chars, 0, n);
    }

    /**
     * Decodes a base64 value that may hold folding whitespace anywhere ({@code b=}, {@code bh=},
     * {@code p=}), strictly otherwise.
     *
     * @throws IllegalArgumentException if it is not valid base64
     */
    static byte[] base64(String value) {
        char[] chars = value.toCharArray();
        byte[] ascii = new byte[chars.length];
        int n = 0;
        for (char c : chars) {
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

    /** {@code text[from, to)} without folding whitespace at either end. */
    private static String stripFws(String text, int from, int to) {
        int start = from;
        int end = to;
        while (start < end && isFws(text.charAt(start))) {
            start++;
        }
        while (end > start && isFws(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isFws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static boolean isBlank(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!isFws(text.charAt(i))) {
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
