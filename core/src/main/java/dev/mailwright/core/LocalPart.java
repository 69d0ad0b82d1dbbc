package dev.mailwright.core;

/**
 * The local part of a mailbox: RFC 5321 Dot-string or Quoted-string, with the UTF-8
 * extensions of RFC 6531 §3.3. Parsing yields the semantic form (quotes and quoted-pair
 * backslashes removed); formatting quotes only when the Dot-string form is impossible.
 */
final class LocalPart {

    static final int MAX_OCTETS = 64;

    private LocalPart() {
    }

    /** A parsed local part and the index just after it (the '@', or the end). */
    record Parsed(String value, int end) {
    }

    /**
     * Parses the local part that starts at {@code from}; it ends before the first '@'
     * outside quotes, or at {@code to}.
     *
     * @throws AddressException naming what is malformed
     */
    static Parsed parse(String s, int from, int to) {
        if (from < to && s.charAt(from) == '"') {
            return parseQuoted(s, from, to);
        }
        int i = from;
        int previous = '.';
        while (i < to) {
            int cp = s.codePointAt(i);
            if (cp == '@') {
                break;
            }
            if (cp == '.') {
                if (i == from) {
                    throw new AddressException("local part: starts with '.'");
                }
                if (previous == '.') {
                    throw new AddressException("local part: consecutive dots");
                }
            } else if (!isDotStringChar(cp)) {
                throw new AddressException("local part: invalid character " + Syntax.describe(cp)
                        + (cp == '"' || cp == '\\' || cp == ' ' ? " outside quotes" : ""));
            }
            previous = cp;
            i += Character.charCount(cp);
        }
        if (i == from) {
            throw new AddressException("local part: empty");
        }
        if (previous == '.') {
            throw new AddressException("local part: ends with '.'");
        }
        return new Parsed(s.substring(from, i), i);
    }

    private static Parsed parseQuoted(String s, int from, int to) {
        StringBuilder value = new StringBuilder(to - from);
        int i = from + 1;
        while (i < to) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '"') {
                if (i < to && s.charAt(i) != '@') {
                    throw new AddressException("local part: unexpected " + Syntax.describe(s.codePointAt(i))
                            + " after closing quote");
                }
                return new Parsed(value.toString(), i);
            }
            if (cp == '\\') {
                if (i >= to) {
                    break;
                }
                int escaped = s.codePointAt(i);
                if (escaped < 0x20 || escaped > 0x7E) {
                    throw new AddressException("local part: invalid quoted-pair \\" + Syntax.describe(escaped));
                }
                value.append((char) escaped);
                i++;
            } else if (isQtext(cp)) {
                value.appendCodePoint(cp);
            } else {
                throw new AddressException("local part: invalid character " + Syntax.describe(cp) + " in quoted string");
            }
        }
        throw new AddressException("local part: unbalanced quote");
    }

    /**
     * Checks a semantic local part (as given to {@code MailAddress.of}): every character
     * must be one a Quoted-string can carry.
     */
    static void validate(String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (!isQtext(cp) && cp != '"' && cp != '\\') {
                throw new AddressException("local part: invalid character " + Syntax.describe(cp));
            }
            i += Character.charCount(cp);
        }
    }

    /** The wire form of a semantic local part: Dot-string if possible, else Quoted-string. */
    static String format(String value) {
        if (isDotString(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 4).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    static boolean isDotString(String value) {
        if (value.isEmpty() || value.charAt(0) == '.' || value.charAt(value.length() - 1) == '.'
                || value.contains("..")) {
            return false;
        }
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp != '.' && !isDotStringChar(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** atext, or (RFC 6531) a non-ASCII character that is not white space. */
    private static boolean isDotStringChar(int cp) {
        return cp < 0x80 ? Syntax.isAtext(cp) : Syntax.isAllowedNonAscii(cp) && !Syntax.isUnicodeSpace(cp);
    }

    /** RFC 5321 qtextSMTP (printable ASCII and space, except '"' and '\'), or UTF-8 (RFC 6531). */
    private static boolean isQtext(int cp) {
        if (cp < 0x80) {
            return cp >= 0x20 && cp <= 0x7E && cp != '"' && cp != '\\';
        }
        return Syntax.isAllowedNonAscii(cp);
    }
}
