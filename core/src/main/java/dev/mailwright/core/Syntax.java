package dev.mailwright.core;

/**
 * Character classes and error-text helpers shared by the address and ESMTP parameter
 * parsers. Error texts go back to SMTP clients, so input is described, never echoed raw.
 */
final class Syntax {

    private Syntax() {
    }

    static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHexDigit(int c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** RFC 5322 atext: the ASCII characters of an unquoted atom. */
    static boolean isAtext(int c) {
        return isAsciiLetterOrDigit(c) || (c < 0x80 && "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0);
    }

    /**
     * Whether a non-ASCII code point may appear in an address or parameter (RFC 6531
     * UTF8-non-ascii). Beyond the grammar, C1 controls, unpaired surrogates,
     * noncharacters, line and paragraph separators and bidi embedding/override/isolate
     * controls are refused: they have no business in an address and are the usual
     * tools for log injection and spoofed display.
     */
    static boolean isAllowedNonAscii(int cp) {
        if (cp < 0xA0 || cp > 0x10FFFF) {
            return false;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            return false;
        }
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            return false;
        }
        if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
            return false;
        }
        int type = Character.getType(cp);
        return type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR;
    }

    /** Non-ASCII white space such as NO-BREAK SPACE or IDEOGRAPHIC SPACE. */
    static boolean isUnicodeSpace(int cp) {
        return Character.isSpaceChar(cp) || Character.isWhitespace(cp);
    }

    static boolean isAscii(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The number of octets {@code s} takes in UTF-8. */
    static int utf8Length(CharSequence s) {
        int octets = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                octets += 1;
            } else if (c < 0x800) {
                octets += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                octets += 4;
                i++;
            } else {
                octets += 3;
            }
        }
        return octets;
    }

    /** A character for an error text: {@code 'x'} when printable ASCII, else {@code U+XXXX}. */
    static String describe(int cp) {
        if (cp > 0x20 && cp < 0x7F) {
            return "'" + (char) cp + "'";
        }
        return String.format("U+%04X", cp);
    }

    /**
     * A value for an error text: quoted, at most 40 characters, anything but printable
     * ASCII replaced by its {@code U+XXXX} code.
     */
    static String quote(String value) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length(); ) {
            if (shown == 40) {
                out.append("...");
                break;
            }
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp >= 0x20 && cp < 0x7F) {
                out.append((char) cp);
            } else {
                out.append(String.format("U+%04X", cp));
            }
            shown++;
        }
        return out.append('\'').toString();
    }
}
