package dev.mailwright.smtp.internal;

import java.util.Optional;

/**
 * The argument of MAIL and RCPT: {@code FROM:<path> params} or {@code TO:<path> params}. The
 * keyword is case-insensitive and spaces after the colon are tolerated, as many clients send
 * them; the path must be in angle brackets. A {@code >} inside a quoted local part does not
 * end the path.
 *
 * @param path the path with its brackets
 * @param parameters the text after the path, without leading spaces
 */
record PathArgument(String path, String parameters) {

    static Optional<PathArgument> parse(String argument, String keyword) {
        int colon = keyword.length();
        if (argument.length() <= colon || !argument.regionMatches(true, 0, keyword, 0, colon)
                || argument.charAt(colon) != ':') {
            return Optional.empty();
        }
        int start = colon + 1;
        while (start < argument.length() && argument.charAt(start) == ' ') {
            start++;
        }
        if (start >= argument.length() || argument.charAt(start) != '<') {
            return Optional.empty();
        }
        int end = closingBracket(argument, start + 1);
        if (end < 0) {
            return Optional.empty();
        }
        String rest = argument.substring(end + 1);
        if (!rest.isEmpty() && rest.charAt(0) != ' ') {
            return Optional.empty();
        }
        return Optional.of(new PathArgument(argument.substring(start, end + 1), rest.strip()));
    }

    private static int closingBracket(String s, int from) {
        boolean quoted = false;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the path has characters beyond ASCII, which only SMTPUTF8 allows (RFC 6531 §3.3). */
    boolean isNonAscii() {
        for (int i = 0; i < path.length(); i++) {
            if (path.charAt(i) >= 0x80) {
                return true;
            }
        }
        return false;
    }
}
