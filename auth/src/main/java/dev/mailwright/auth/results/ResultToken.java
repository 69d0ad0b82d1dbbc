package dev.mailwright.auth.results;

/** How values are written into and read out of the header field (RFC 2045 tokens, RFC 5322 quoting). */
final class ResultToken {

    private static final String TSPECIALS = "()<>@,;:\\\"/[]?=";

    private ResultToken() {
    }

    /** Whether {@code text} may be written bare as a value: a token, or a dot-atom-like address/domain. */
    static boolean isBare(String text) {
        if (text.isEmpty()) {
            return false;
        }
        int at = text.lastIndexOf('@');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x7F || (TSPECIALS.indexOf(c) >= 0 && i != at)) {
                return false;
            }
        }
        return true;
    }

    /** {@code text} as a value: bare if it can be, else a quoted-string. */
    static String value(String text) {
        if (isBare(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            if (c >= ' ' && c != 0x7F) {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** {@code text} as a comment: parentheses and backslashes escaped, control characters dropped. */
    static String comment(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('(');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(' || c == ')' || c == '\\') {
                out.append('\\');
            }
            if (c >= ' ' && c != 0x7F) {
                out.append(c);
            }
        }
        return out.append(')').toString();
    }
}
