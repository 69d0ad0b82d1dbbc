package dev.mailwright.auth.spf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 7208 §7.1 macro-string, parsed once: literal text and macros such as {@code %{ir}} or
 * {@code %{l1r-}}, expanded against one check's {@link MacroContext}.
 */
final class MacroString {

    /** RFC 7208 §7.1: implementations must support at least 128 parts; more digits than that change nothing. */
    private static final int MAX_DIGITS = 128;
    private static final String DELIMITERS = ".-+,/_=";
    private static final String LETTERS = "slodiphcrtv";
    private static final String EXPLANATION_ONLY = "crt";

    private final String text;
    private final List<Object> parts;
    private final boolean endsWithMacro;
    private final String trailingLiteral;

    private MacroString(String text, List<Object> parts, boolean endsWithMacro, String trailingLiteral) {
        this.text = text;
        this.parts = parts;
        this.endsWithMacro = endsWithMacro;
        this.trailingLiteral = trailingLiteral;
    }

    /**
     * Parses a macro-string as found in a domain-spec or modifier value.
     *
     * @param explanation whether this is explanation text, where spaces and the {@code c}, {@code r}
     *                    and {@code t} macros are allowed
     */
    static MacroString parse(String text, boolean explanation) throws SpfSyntaxException {
        return parse(text, explanation, explanation);
    }

    /** Parses an unknown modifier's value: any macro letter, but no spaces. */
    static MacroString parseModifierValue(String text) throws SpfSyntaxException {
        return parse(text, false, true);
    }

    private static MacroString parse(String text, boolean spaces, boolean allLetters) throws SpfSyntaxException {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean endsWithMacro = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '%') {
                if ((c < 0x21 || c > 0x7E) && !(spaces && c == ' ')) {
                    throw new SpfSyntaxException("invalid character in '" + printable(text) + "'");
                }
                literal.append(c);
                endsWithMacro = false;
                i++;
                continue;
            }
            if (i + 1 >= n) {
                throw new SpfSyntaxException("'%' at the end of '" + text + "'");
            }
            char next = text.charAt(i + 1);
            switch (next) {
                case '%' -> literal.append('%');
                case '_' -> literal.append(' ');
                case '-' -> literal.append("%20");
                case '{' -> {
                    int close = text.indexOf('}', i + 2);
                    if (close < 0) {
                        throw new SpfSyntaxException("unclosed macro in '" + text + "'");
                    }
                    if (literal.length() > 0) {
                        parts.add(literal.toString());
                        literal.setLength(0);
                    }
                    parts.add(Macro.parse(text.substring(i + 2, close), allLetters, text));
                    endsWithMacro = true;
                    i = close + 1;
                    continue;
                }
                default -> throw new SpfSyntaxException("invalid macro '%" + next + "' in '" + text + "'");
            }
            // %%, %_ and %- are macro-expands too: a domain-spec may end with one.
            endsWithMacro = true;
            i += 2;
        }
        String trailing = literal.toString();
        if (!trailing.isEmpty()) {
            parts.add(trailing);
        }
        if (endsWithMacro) {
            trailing = "";
        }
        return new MacroString(text, List.copyOf(parts), endsWithMacro, trailing);
    }

    /**
     * Checks the RFC 7208 {@code domain-end} rule: a domain-spec ends with a macro or with
     * {@code "." toplabel ["."]}, where a top label is not all digits.
     */
    void requireDomainEnd() throws SpfSyntaxException {
        if (endsWithMacro) {
            return;
        }
        String tail = trailingLiteral.endsWith(".")
                ? trailingLiteral.substring(0, trailingLiteral.length() - 1)
                : trailingLiteral;
        int dot = tail.lastIndexOf('.');
        if (dot < 0 || !isTopLabel(tail.substring(dot + 1))) {
            throw new SpfSyntaxException("'" + text + "' does not end in a valid top-level label");
        }
    }

    private static boolean isTopLabel(String label) {
        if (label.isEmpty()) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean digit = c >= '0' && c <= '9';
            if (c == '-') {
                if (i == 0 || i == label.length() - 1) {
                    return false;
                }
                // "1*alphanum "-" *( alphanum / "-" ) alphanum": a hyphenated label may be all digits.
                letter = true;
            } else if (alpha) {
                letter = true;
            } else if (!digit) {
                return false;
            }
        }
        return letter;
    }

    /** The text as written in the record. */
    String text() {
        return text;
    }

    /** Whether expanding may need DNS (the {@code p} macro). */
    boolean usesValidatedName() {
        for (Object part : parts) {
            if (part instanceof Macro macro && Character.toLowerCase(macro.letter) == 'p') {
                return true;
            }
        }
        return false;
    }

    /** The expansion for one check. */
    String expand(MacroContext context) {
        StringBuilder out = new StringBuilder(text.length() + 32);
        for (Object part : parts) {
            if (part instanceof String literal) {
                out.append(literal);
            } else {
                ((Macro) part).expandInto(context, out);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return text;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                out.append(String.format("\\x%02x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One {@code %{...}} macro. */
    private record Macro(char letter, int digits, boolean reverse, String delimiters) {

        static Macro parse(String body, boolean allLetters, String text) throws SpfSyntaxException {
            if (body.isEmpty()) {
                throw new SpfSyntaxException("empty macro in '" + text + "'");
            }
            char letter = body.charAt(0);
            char lower = Character.toLowerCase(letter);
            if (LETTERS.indexOf(lower) < 0 || letter > 0x7F) {
                throw new SpfSyntaxException("unknown macro letter '" + letter + "' in '" + text + "'");
            }
            if (!allLetters && EXPLANATION_ONLY.indexOf(lower) >= 0) {
                throw new SpfSyntaxException("macro '" + letter + "' is allowed only in explanations: '" + text + "'");
            }
            int i = 1;
            int digits = 0;
            int start = i;
            while (i < body.length() && body.charAt(i) >= '0' && body.charAt(i) <= '9') {
                digits = Math.min(MAX_DIGITS, digits * 10 + body.charAt(i) - '0');
                i++;
            }
            if (i > start && digits == 0) {
                throw new SpfSyntaxException("macro keeps zero parts in '" + text + "'");
            }
            boolean reverse = false;
            if (i < body.length() && (body.charAt(i) == 'r' || body.charAt(i) == 'R')) {
                reverse = true;
                i++;
            }
            String delimiters = body.substring(i);
            for (int d = 0; d < delimiters.length(); d++) {
                if (DELIMITERS.indexOf(delimiters.charAt(d)) < 0) {
                    throw new SpfSyntaxException("invalid macro delimiter '" + delimiters.charAt(d) + "' in '" + text + "'");
                }
            }
            return new Macro(letter, digits, reverse, delimiters.isEmpty() ? "." : delimiters);
        }

        void expandInto(MacroContext context, StringBuilder out) {
            String value = context.value(Character.toLowerCase(letter));
            String transformed = transform(value);
            if (Character.isUpperCase(letter)) {
                escapeInto(transformed, out);
            } else {
                out.append(transformed);
            }
        }

        private String transform(String value) {
            if (digits == 0 && !reverse && ".".equals(delimiters)) {
                return value;
            }
            List<String> labels = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < value.length(); i++) {
                if (delimiters.indexOf(value.charAt(i)) >= 0) {
                    labels.add(value.substring(start, i));
                    start = i + 1;
                }
            }
            labels.add(value.substring(start));
            if (reverse) {
                java.util.Collections.reverse(labels);
            }
            int keep = digits == 0 ? labels.size() : Math.min(digits, labels.size());
            return String.join(".", labels.subList(labels.size() - keep, labels.size()));
        }

        /** RFC 7208 §7.3: upper-case macros are URL-escaped (RFC 3986 unreserved characters stay). */
        private static void escapeInto(String value, StringBuilder out) {
            for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xFF;
                boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '.' || c == '_' || c == '~';
                if (unreserved) {
                    out.append((char) c);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
                }
            }
        }
    }
}
