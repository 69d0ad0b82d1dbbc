package dev.mailwright.core.mime;

import java.util.ArrayList;
import java.util.List;

/** Reads the simple MIME header fields of an entity (RFC 2045 §6-8, RFC 2183, RFC 2557, RFC 3282). */
final class EntityFields {

    private EntityFields() {
    }

    /** The lower-cased mechanism without comments, {@code 7bit} when absent or empty. */
    static String transferEncoding(Headers headers) {
        String value = headers.firstValue("Content-Transfer-Encoding").orElse(null);
        if (value == null) {
            return "7bit";
        }
        String head = ParameterizedValue.parse(value).head();
        return head.isEmpty() ? "7bit" : ContentType.common(ParameterizedValue.asciiLower(head));
    }

    static Disposition disposition(Headers headers) {
        String value = headers.firstValue("Content-Disposition").orElse(null);
        if (value == null) {
            return null;
        }
        ParameterizedValue parsed = ParameterizedValue.parse(value);
        if (!ContentType.isToken(parsed.head(), 0, parsed.head().length())) {
            return null;
        }
        return new Disposition(ContentType.common(ParameterizedValue.asciiLower(parsed.head())), parsed.parameters());
    }

    /** The value of the first field named {@code name}, trimmed, or null if absent or blank. */
    static String trimmed(Headers headers, String name) {
        String value = headers.firstValue(name).orElse(null);
        if (value == null) {
            return null;
        }
        String stripped = value.strip();
        return stripped.isEmpty() ? null : stripped;
    }

    /** RFC 2557 §4.4: a folded Content-Location URI is unfolded by removing the whitespace. */
    static String location(Headers headers) {
        String value = trimmed(headers, "Content-Location");
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != ' ' && c != '\t') {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** RFC 3282: a comma-separated list of language tags, comments and whitespace around them ignored. */
    static List<String> language(Headers headers) {
        String value = headers.firstValue("Content-Language").orElse(null);
        if (value == null) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(2);
        StringBuilder tag = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth = 1;
            } else if (c == ',') {
                addTag(tags, tag);
            } else if (c != ' ' && c != '\t') {
                tag.append(c);
            }
        }
        addTag(tags, tag);
        return List.copyOf(tags);
    }

    private static void addTag(List<String> tags, StringBuilder tag) {
        if (tag.length() > 0) {
            tags.add(tag.toString());
            tag.setLength(0);
        }
    }
}
