package dev.mailwright.auth.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an RFC 8601 §2.2 value: {@code authserv-id [version] (";" "none" / 1*(";" resinfo))}. CFWS
 * (whitespace, folding, nested comments) is skipped between all elements; the first comment after a
 * result is kept as that result's comment. Values may be tokens, quoted strings or addresses.
 */
final class ResultsParser {

    /** Results read from one field. */
    private static final int MAX_RESULTS = 100;
    private static final int MAX_COMMENT_DEPTH = 16;

    private final String text;
    private int position;
    private String lastComment = "";

    private ResultsParser(String text) {
        this.text = text;
    }

    static Optional<String> authservId(String value) {
        try {
            ResultsParser parser = new ResultsParser(value);
            parser.skipCfws();
            String id = parser.value();
            return id == null || id.isEmpty() ? Optional.empty() : Optional.of(id);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static Optional<AuthenticationResults> parse(String value) {
        try {
            return Optional.of(new ResultsParser(value).results());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private AuthenticationResults results() {
        skipCfws();
        String id = value();
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("no authserv-id");
        }
        skipCfws();
        if (position < text.length() && Character.isDigit(text.charAt(position))) {
            String version = token();
            if (!version.equals("1")) {
                throw new IllegalArgumentException("unknown version " + version);
            }
            skipCfws();
        }
        List<AuthenticationResults.MethodResult> results = new ArrayList<>();
        boolean none = false;
        while (position < text.length()) {
            expect(';');
            skipCfws();
            if (position == text.length()) {
                break;
            }
            String method = token();
            skipCfws();
            if (method.equalsIgnoreCase("none") && (position == text.length() || peek() == ';')) {
                none = true;
                continue;
            }
            if (peek() == '/') {
                position++;
                skipCfws();
                token();
                skipCfws();
            }
            expect('=');
            skipCfws();
            String result = token();
            lastComment = "";
            skipCfws();
            String comment = lastComment;
            String reason = "";
            Map<String, String> properties = new LinkedHashMap<>();
            while (position < text.length() && peek() != ';') {
                String name = token();
                skipCfws();
                expect('=');
                skipCfws();
                String propertyValue = value();
                if (propertyValue == null) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                if (name.equalsIgnoreCase("reason")) {
                    reason = propertyValue;
                } else {
                    if (name.indexOf('.') <= 0) {
                        throw new IllegalArgumentException("property without type: " + name);
                    }
                    properties.putIfAbsent(name.toLowerCase(java.util.Locale.ROOT), propertyValue);
                }
                skipCfws();
            }
            if (results.size() == MAX_RESULTS) {
                throw new IllegalArgumentException("too many results");
            }
            results.add(new AuthenticationResults.MethodResult(method.toLowerCase(java.util.Locale.ROOT),
                    result.toLowerCase(java.util.Locale.ROOT), comment, reason, properties));
        }
        if (none && !results.isEmpty()) {
            throw new IllegalArgumentException("none beside results");
        }
        return new AuthenticationResults(id, results);
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + position);
        }
        position++;
    }

    /** A token: up to whitespace, a comment, or one of {@code ; = / "}. */
    private String token() {
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c <= ' ' || c == '(' || c == ';' || c == '=' || c == '/' || c == '"' || c == 0x7F) {
                break;
            }
            position++;
        }
        if (position == start) {
            throw new IllegalArgumentException("expected a token at " + start);
        }
        return text.substring(start, position);
    }

    /** A value: a quoted string, or a token that may contain '@' and '/' (addresses, paths). */
    private String value() {
        if (peek() == '"') {
            position++;
            StringBuilder out = new StringBuilder();
            while (position < text.length()) {
                char c = text.charAt(position++);
                if (c == '"') {
                    return out.toString();
                }
                if (c == '\\' && position < text.length()) {
                    c = text.charAt(position++);
                }
                if (c != '\r' && c != '\n') {
                    out.append(c);
                }
            }
            throw new IllegalArgumentException("unterminated quoted string");
        }
        int start = position;
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c <= ' ' || c == '(' || c == ';' || c == '"' || c == 0x7F) {
                break;
            }
            position++;
        }
        return position == start ? null : text.substring(start, position);
    }

    private void skipCfws() {
        while (position < text.length()) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                position++;
            } else if (c == '(') {
                comment();
            } else {
                return;
            }
        }
    }

    private void comment() {
        int depth = 0;
        StringBuilder out = new StringBuilder();
        while (position < text.length()) {
            char c = text.charAt(position++);
            if (c == '\\' && position < text.length()) {
                out.append(text.charAt(position++));
                continue;
            }
            if (c == '(') {
                if (++depth > MAX_COMMENT_DEPTH) {
                    throw new IllegalArgumentException("comments nested too deep");
                }
                if (depth == 1) {
                    continue;
                }
            } else if (c == ')') {
                if (--depth == 0) {
                    if (lastComment.isEmpty()) {
                        lastComment = out.toString().strip();
                    }
                    return;
                }
            }
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unterminated comment");
    }
}
