package dev.mailwright.core.store.maildir;

import java.util.Arrays;

/**
 * Modified UTF-7 of RFC 3501 §5.1.3, the encoding Dovecot and Courier use for Maildir++
 * folder names on disk. Printable US-ASCII stands for itself except {@code &}, written
 * {@code &-}; everything else is UTF-16 in a modified BASE64 ({@code ,} for {@code /}, no
 * padding) between {@code &} and {@code -}.
 *
 * <p>Decoding is strict, so that every string has at most one spelling: printable ASCII
 * hidden in BASE64 (such as {@code &AC4-} for {@code .}), non-zero padding bits, unpaired
 * surrogates and empty or adjacent BASE64 runs are refused.
 */
final class ModifiedUtf7 {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".toCharArray();
    private static final int[] VALUES = new int[128];

    static {
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private ModifiedUtf7() {}

    static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isPrintable(c)) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int end = i;
            while (end < text.length() && !isPrintable(text.charAt(end))) {
                end++;
            }
            out.append('&');
            encodeRun(text, i, end, out);
            out.append('-');
            i = end;
        }
        return out.toString();
    }

    private static void encodeRun(String text, int from, int to, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        for (int i = from; i < to; i++) {
            buffer = (buffer << 16) | text.charAt(i);
            bits += 16;
            while (bits >= 6) {
                bits -= 6;
                out.append(ALPHABET[(buffer >>> bits) & 0x3f]);
            }
            buffer &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (6 - bits)) & 0x3f]);
        }
    }

    /**
     * Decodes a modified UTF-7 string.
     *
     * @throws IllegalArgumentException if the text is not in the one canonical spelling
     */
    static String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        int i = 0;
        boolean afterRun = false;
        while (i < encoded.length()) {
            char c = encoded.charAt(i);
            if (!isPrintable(c)) {
                throw new IllegalArgumentException("character outside printable ASCII");
            }
            if (c != '&') {
                out.append(c);
                afterRun = false;
                i++;
                continue;
            }
            int end = encoded.indexOf('-', i + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unterminated BASE64 run");
            }
            if (end == i + 1) {
                out.append('&');
                afterRun = false;
            } else {
                if (afterRun) {
                    throw new IllegalArgumentException("adjacent BASE64 runs");
                }
                decodeRun(encoded, i + 1, end, out);
                afterRun = true;
            }
            i = end + 1;
        }
        return out.toString();
    }

    private static void decodeRun(String encoded, int from, int to, StringBuilder out) {
        int bits = 0;
        int buffer = 0;
        char pendingHigh = 0;
        for (int i = from; i < to; i++) {
            char c = encoded.charAt(i);
            int value = c < 128 ? VALUES[c] : -1;
            if (value < 0) {
                throw new IllegalArgumentException("not a modified BASE64 character: " + c);
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                char unit = (char) ((buffer >>> bits) & 0xffff);
                buffer &= (1 << bits) - 1;
                if (isPrintable(unit)) {
                    throw new IllegalArgumentException("printable ASCII inside BASE64");
                }
                if (Character.isHighSurrogate(unit)) {
                    if (pendingHigh != 0) {
                        throw new IllegalArgumentException("unpaired surrogate");
                    }
                    pendingHigh = unit;
                } else if (Character.isLowSurrogate(unit)) {
                    if (pendingHigh == 0) {
                        throw new IllegalArgumentException("unpaired surrogate");
                    }
                    out.append(pendingHigh).append(unit);
                    pendingHigh = 0;
                } else {
                    if (pendingHigh != 0) {
                        throw new IllegalArgumentException("unpaired surrogate");
                    }
                    out.append(unit);
                }
            }
        }
        if (pendingHigh != 0 || bits >= 6 || buffer != 0) {
            throw new IllegalArgumentException("bad BASE64 run ending");
        }
    }

    private static boolean isPrintable(char c) {
        return c >= 0x20 && c <= 0x7e;
    }
}
