package dev.mailwright.core.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Byte and character rules shared by the header classes: WSP, field-name characters,
 * ASCII-only case folding and the RFC 6532 decoding of header bytes.
 */
final class HeaderText {

    private HeaderText() {
    }

    static boolean isWsp(int c) {
        return c == ' ' || c == '\t';
    }

    /** RFC 5322 ftext: printable US-ASCII except the colon. */
    static boolean isFieldNameByte(int b) {
        return b >= 33 && b <= 126 && b != ':';
    }

    /**
     * Compares field names ignoring ASCII case only. {@link String#equalsIgnoreCase} also
     * folds non-ASCII letters (U+017F LATIN SMALL LETTER LONG S matches "s"), which would let
     * a crafted name pass for another.
     */
    static boolean equalsIgnoreAsciiCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && toLowerAscii(x) != toLowerAscii(y)) {
                return false;
            }
        }
        return true;
    }

    private static char toLowerAscii(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    /** UTF-8 when the bytes are valid UTF-8 (RFC 3629), ISO-8859-1 otherwise. */
    static Charset charsetOf(byte[] bytes, int offset, int length) {
        return isValidUtf8(bytes, offset, length) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    /**
     * Strict UTF-8 validation: no overlong forms, no surrogates, nothing above U+10FFFF. Pure
     * ASCII passes through the first branch only.
     */
    static boolean isValidUtf8(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int extra;
            int min = 0x80;
            int max = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                extra = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                extra = 2;
                if (b == 0xe0) {
                    min = 0xa0;
                } else if (b == 0xed) {
                    max = 0x9f;
                }
            } else if (b >= 0xf0 && b <= 0xf4) {
                extra = 3;
                if (b == 0xf0) {
                    min = 0x90;
                } else if (b == 0xf4) {
                    max = 0x8f;
                }
            } else {
                return false;
            }
            if (end - i <= extra) {
                return false;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min || second > max) {
                return false;
            }
            for (int k = 2; k <= extra; k++) {
                int c = bytes[i + k] & 0xff;
                if (c < 0x80 || c > 0xbf) {
                    return false;
                }
            }
            i += extra + 1;
        }
        return true;
    }
}
