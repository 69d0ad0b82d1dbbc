package dev.mailwright.core.mime;

/**
 * The RFC 5322 §3.2 lexical tokens of a structured field value, scanned on demand with one
 * token of lookahead. Comments and whitespace never become tokens; a token only remembers
 * whether some preceded it. Quoted strings and domain literals come unquoted and unfolded.
 * Anything that cannot start a token, and an unterminated quote, literal or comment, is an
 * {@link Kind#ERROR} token, so the parser always makes progress.
 */
final class AddressTokens {

    enum Kind { ATOM, QUOTED, LITERAL, SPECIAL, ERROR, END }

    /** {@code text} is the atom, the unquoted string or the literal's content. */
    record Token(Kind kind, String text, char special, boolean spaced) {
    }

    private static final Token END = new Token(Kind.END, "", '\0', false);
    private static final String ATEXT_SYMBOLS = "!#$%&'*+-/=?^_`{|}~";

    private final String input;
    private int pos;
    private Token peeked;

    AddressTokens(String input) {
        this.input = input;
    }

    /** RFC 5322 atext, extended by RFC 6532 to every non-ASCII character. */
    static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c >= 0x80 || ATEXT_SYMBOLS.indexOf(c) >= 0;
    }

    Token peek() {
        if (peeked == null) {
            peeked = scan();
        }
        return peeked;
    }

    Token next() {
        Token t = peek();
        peeked = null;
        return t;
    }

    private Token scan() {
        boolean spaced = false;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
                spaced = true;
            } else if (c == '(') {
                spaced = true;
                if (!skipComment()) {
                    return new Token(Kind.ERROR, "", '\0', true);
                }
            } else {
                break;
            }
        }
        if (pos >= input.length()) {
            return END;
        }
        char c = input.charAt(pos);
        switch (c) {
            case '"':
                return quotedString(spaced);
            case '[':
                return domainLiteral(spaced);
            case '<', '>', '@', ',', ';', ':', '.':
                pos++;
                return new Token(Kind.SPECIAL, "", c, spaced);
            default:
                int start = pos;
                while (pos < input.length() && isAtext(input.charAt(pos))) {
                    pos++;
                }
                if (pos == start) {
                    pos++;
                    return new Token(Kind.ERROR, "", c, spaced);
                }
                return new Token(Kind.ATOM, input.substring(start, pos), '\0', spaced);
        }
    }

    /** Skips a comment, nested ones included; false (and the rest skipped) if unterminated or too deep. */
    private boolean skipComment() {
        int depth = 0;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '\\') {
                pos++;
            } else if (c == '(') {
                if (++depth > AddressList.MAX_COMMENT_DEPTH) {
                    break;
                }
            } else if (c == ')' && --depth == 0) {
                return true;
            }
        }
        pos = input.length();
        return false;
    }

    private Token quotedString(boolean spaced) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == '"') {
                return new Token(Kind.QUOTED, text.toString(), '\0', spaced);
            }
            if (c == '\\') {
                if (pos < input.length()) {
                    text.append(input.charAt(pos++));
                }
            } else if (c != '\r' && c != '\n') {
                text.append(c);
            }
        }
        return new Token(Kind.ERROR, "", '"', spaced);
    }

    private Token domainLiteral(boolean spaced) {
        StringBuilder text = new StringBuilder();
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos++);
            if (c == ']') {
                return new Token(Kind.LITERAL, text.toString(), '\0', spaced);
            }
            if (c == '[') {
                break;
            }
            if (c == '\\') {
                if (pos < input.length()) {
                    text.append(input.charAt(pos++));
                }
            } else if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                text.append(c);
            }
        }
        return new Token(Kind.ERROR, "", '[', spaced);
    }
}
