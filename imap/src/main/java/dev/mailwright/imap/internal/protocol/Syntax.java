package dev.mailwright.imap.internal.protocol;

/** Character classes of the IMAP grammar (RFC 3501 §9, RFC 9051 §9). */
public final class Syntax {

    private Syntax() {}

    /** ATOM-CHAR: any CHAR except atom-specials. */
    public static boolean isAtomChar(int c) {
        return c > 0x20 && c < 0x7f && c != '(' && c != ')' && c != '{' && c != '%' && c != '*' && c != '"'
                && c != '\\' && c != ']';
    }

    /** ASTRING-CHAR: ATOM-CHAR or resp-specials ({@code ]}). */
    public static boolean isAstringChar(int c) {
        return isAtomChar(c) || c == ']';
    }

    /** tag: 1*(ASTRING-CHAR except "+"). */
    public static boolean isTag(String tag) {
        if (tag.isEmpty() || tag.length() > 128) {
            return false;
        }
        for (int i = 0; i < tag.length(); i++) {
            char c = tag.charAt(i);
            if (!isAstringChar(c) || c == '+') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s} can be sent as an atom (non-empty, only ATOM-CHARs). */
    public static boolean isAtom(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isAtomChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
