package dev.mailwright.core.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A MIME header value of the form {@code head *(";" attribute "=" value)}, as in
 * Content-Type (RFC 2045 §5.1) and Content-Disposition (RFC 2183), read leniently.
 *
 * <p>Comments and whitespace around every token are skipped. Values may be tokens or quoted
 * strings; an unquoted value that contains spaces or tspecials (a common generator bug, as
 * in {@code name=my file.pdf} or {@code boundary=----=_Part_1}) runs to the next semicolon.
 * RFC 2231 continuations ({@code name*0}, {@code name*1*}), charsets and languages
 * ({@code name*=utf-8'en'%E2%82%AC}) are joined and decoded; the language is dropped. A plain
 * value holding RFC 2047 encoded words, which many clients send for file names, is decoded,
 * except for {@code boundary}, which is compared byte for byte and kept as written.
 * Parameter names are lower-cased; the first occurrence of a name wins, and an RFC 2231
 * form wins over a plain one.
 *
 * @param head       the text before the first semicolon, comments and whitespace reduced to
 *                   single spaces between words and removed elsewhere
 * @param parameters the parameters in the order their names first appear
 */
record ParameterizedValue(String head, Map<String, String> parameters) {

    /** RFC 2231 section numbers past this are ignored: no real value has a thousand pieces. */
    private static final int MAX_SECTION = 999;

    static ParameterizedValue parse(String text) {
        Scanner s = new Scanner(text);
        String head = s.head();
        List<Raw> raws = new ArrayList<>();
        while (s.nextParameter(raws)) {
            // each call appends at most one parameter
        }
        return new ParameterizedValue(head, Collections.unmodifiableMap(assemble(raws)));
    }

    /** One {@code attribute=value} as written, name lower-cased. */
    private record Raw(String name, String value) {
    }

    /** The values of one parameter name: plain, {@code name*}, and numbered sections. */
    private static final class Group {
        String plain;
        String extended;
        final TreeMap<Integer, Raw> sections = new TreeMap<>();
    }

    private static Map<String, String> assemble(List<Raw> raws) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Raw raw : raws) {
            String name = raw.name();
            boolean extended = name.endsWith("*");
            String base = extended ? name.substring(0, name.length() - 1) : name;
            int section = -1;
            int star = base.lastIndexOf('*');
            if (star > 0 && isSectionNumber(base, star + 1)) {
                section = Integer.parseInt(base.substring(star + 1));
                base = base.substring(0, star);
            }
            if (base.isEmpty()) {
                continue;
            }
            Group group = groups.computeIfAbsent(base, k -> new Group());
            if (section >= 0) {
                group.sections.putIfAbsent(section, new Raw(extended ? "*" : "", raw.value()));
            } else if (extended) {
                if (group.extended == null) {
                    group.extended = raw.value();
                }
            } else if (group.plain == null) {
                group.plain = raw.value();
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            String value = resolve(e.getKey(), e.getValue());
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    private static boolean isSectionNumber(String s, int from) {
        int digits = s.length() - from;
        if (digits < 1 || digits > 3) {
            return false;
        }
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(s.substring(from)) <= MAX_SECTION;
    }

    private static String resolve(String name, Group group) {
        if (!group.sections.isEmpty()) {
            return joinSections(group.sections);
        }
        if (group.extended != null) {
            return decodeExtended(group.extended);
        }
        if (group.plain == null) {
            return null;
        }
        if (!name.equals("boundary") && group.plain.contains("=?") && group.plain.contains("?=")) {
            return EncodedWords.decode(group.plain);
        }
        return group.plain;
    }

    /**
     * Joins RFC 2231 sections from 0 up to the first missing number. Extended sections are
     * percent-decoded in the charset named by the first one; plain sections are taken as
     * written.
     */
    private static String joinSections(TreeMap<Integer, Raw> sections) {
        Charset charset = null;
        boolean charsetKnown = false;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int expected = 0;
        for (Map.Entry<Integer, Raw> e : sections.entrySet()) {
            if (e.getKey() != expected) {
                break;
            }
            expected++;
            boolean extended = !e.getValue().name().isEmpty();
            String value = e.getValue().value();
            if (extended && e.getKey() == 0) {
                int q1 = value.indexOf('\'');
                int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
                if (q2 > 0) {
                    charset = TextCharsets.lookup(value.substring(0, q1));
                    charsetKnown = true;
                    value = value.substring(q2 + 1);
                }
            }
            if (extended) {
                percentDecode(value, bytes);
            } else {
                bytes.writeBytes(value.getBytes(charset == null ? StandardCharsets.UTF_8 : charset));
            }
        }
        byte[] all = bytes.toByteArray();
        return charsetKnown && charset != null ? TextCharsets.decode(all, charset) : TextCharsets.decodeGuessing(all);
    }

    private static String decodeExtended(String value) {
        int q1 = value.indexOf('\'');
        int q2 = q1 < 0 ? -1 : value.indexOf('\'', q1 + 1);
        Charset charset = null;
        if (q2 > 0) {
            charset = TextCharsets.lookup(value.substring(0, q1));
            value = value.substring(q2 + 1);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        percentDecode(value, bytes);
        byte[] all = bytes.toByteArray();
        return charset != null ? TextCharsets.decode(all, charset) : TextCharsets.decodeGuessing(all);
    }

    private static void percentDecode(String value, ByteArrayOutputStream out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()
                    && Character.digit(value.charAt(i + 1), 16) >= 0
                    && Character.digit(value.charAt(i + 2), 16) >= 0) {
                out.write(Character.digit(value.charAt(i + 1), 16) << 4 | Character.digit(value.charAt(i + 2), 16));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Walks the value once; every method advances or stops at the end. */
    private static final class Scanner {
        private final String text;
        private int pos;

        Scanner(String text) {
            this.text = text;
        }

        /**
         * The head up to the first top-level semicolon: comments become whitespace, runs of
         * whitespace one space, none is left at the ends or around a '/'.
         */
        String head() {
            StringBuilder out = new StringBuilder(32);
            boolean space = false;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ';') {
                    break;
                } else if (c == '(') {
                    skipComment();
                    space = true;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    pos++;
                    space = true;
                } else {
                    if (space && out.length() > 0 && c != '/' && out.charAt(out.length() - 1) != '/') {
                        out.append(' ');
                    }
                    space = false;
                    if (c == '"') {
                        out.append(quoted());
                    } else {
                        out.append(c);
                        pos++;
                    }
                }
            }
            return out.toString();
        }

        /** Reads the next parameter after a semicolon into {@code out}; false at the end. */
        boolean nextParameter(List<Raw> out) {
            skipToSemicolon();
            if (pos >= text.length()) {
                return false;
            }
            pos++;
            skipCfws();
            int nameStart = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            String name = asciiLower(text.substring(nameStart, pos));
            skipCfws();
            if (name.isEmpty() || pos >= text.length() || text.charAt(pos) != '=') {
                return true;
            }
            pos++;
            skipCfws();
            String value;
            if (pos < text.length() && text.charAt(pos) == '"') {
                value = quoted();
            } else {
                int valueStart = pos;
                while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                    pos++;
                }
                int tokenEnd = pos;
                skipCfws();
                if (pos >= text.length() || text.charAt(pos) == ';') {
                    value = text.substring(valueStart, tokenEnd);
                } else {
                    int semicolon = text.indexOf(';', pos);
                    pos = semicolon < 0 ? text.length() : semicolon;
                    value = text.substring(valueStart, pos).strip();
                }
            }
            out.add(new Raw(name, value));
            return true;
        }

        /** Skips to the next semicolon outside quotes and comments. */
        private void skipToSemicolon() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ';') {
                    return;
                } else if (c == '"') {
                    quoted();
                } else if (c == '(') {
                    skipComment();
                } else {
                    pos++;
                }
            }
        }

        private void skipCfws() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                    pos++;
                } else if (c == '(') {
                    skipComment();
                } else {
                    return;
                }
            }
        }

        /** Skips a possibly nested comment starting at '('; an unclosed one runs to the end. */
        private void skipComment() {
            int depth = 0;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\') {
                    pos++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return;
                }
            }
            pos = text.length();
        }

        /** The content of a quoted string starting at '"', escapes removed; an unclosed one runs to the end. */
        private String quoted() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                } else if (c == '\\' && pos < text.length()) {
                    out.append(text.charAt(pos++));
                } else if (c != '\r' && c != '\n') {
                    out.append(c);
                }
            }
            return out.toString();
        }
    }

    /** RFC 2045 token characters: printable US-ASCII except SPACE and tspecials. */
    static boolean isTokenChar(char c) {
        return c > ' ' && c < 0x7f && "()<>@,;:\\\"/[]?=".indexOf(c) < 0;
    }

    static String asciiLower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] chars = s.toCharArray();
                for (int j = i; j < chars.length; j++) {
                    if (chars[j] >= 'A' && chars[j] <= 'Z') {
                        chars[j] = (char) (chars[j] + ('a' - 'A'));
                    }
                }
                return new String(chars);
            }
        }
        return s;
    }
}
