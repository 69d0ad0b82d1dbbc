package dev.mailwright.core.store;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Optional;

/**
 * A validated mailbox name: Unicode segments separated by {@code /}, in NFC. {@code INBOX}
 * is case-insensitive (RFC 3501 §5.1) and always spelled {@code INBOX}, also as the first
 * segment of a longer name.
 *
 * <p>Validation is strict on purpose, because stores map names to files and rows: no empty
 * segment (so no leading, trailing or doubled {@code /}), no {@code .} or {@code ..}
 * segment, no segment starting with {@code ~}, no control or formatting characters, no
 * unpaired surrogates, no IMAP wildcards {@code %} and {@code *}, and bounded length and
 * depth. Wire encodings (modified UTF-7) are the IMAP engine's business and are decoded
 * before a name reaches this class.
 */
public final class MailboxName implements Comparable<MailboxName> {

    /** The hierarchy delimiter. */
    public static final char DELIMITER = '/';
    /** Longest name, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1000;
    /** Longest segment, in UTF-8 bytes (a file name on most filesystems). */
    public static final int MAX_SEGMENT_BYTES = 200;
    /** Deepest hierarchy. */
    public static final int MAX_DEPTH = 32;

    public static final MailboxName INBOX = new MailboxName("INBOX", List.of("INBOX"));

    private final String name;
    private final List<String> segments;

    private MailboxName(String name, List<String> segments) {
        this.name = name;
        this.segments = segments;
    }

    /**
     * Validates and normalises a name.
     *
     * @throws MailStoreException with reason {@code INVALID_NAME} naming the problem
     */
    public static MailboxName of(String name) {
        if (name == null || name.isEmpty()) {
            throw MailStoreException.invalidName("empty");
        }
        if (name.length() > MAX_BYTES) {
            throw MailStoreException.invalidName("longer than " + MAX_BYTES + " bytes");
        }
        String normalized = Normalizer.normalize(name, Normalizer.Form.NFC);
        String[] parts = normalized.split(String.valueOf(DELIMITER), -1);
        if (parts.length > MAX_DEPTH) {
            throw MailStoreException.invalidName("deeper than " + MAX_DEPTH + " levels");
        }
        for (String part : parts) {
            checkSegment(part);
        }
        if (parts[0].equalsIgnoreCase("INBOX")) {
            parts[0] = "INBOX";
            normalized = String.join(String.valueOf(DELIMITER), parts);
        }
        if (normalized.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw MailStoreException.invalidName("longer than " + MAX_BYTES + " bytes");
        }
        return new MailboxName(normalized, List.of(parts));
    }

    private static void checkSegment(String segment) {
        if (segment.isEmpty()) {
            throw MailStoreException.invalidName("empty hierarchy level (leading, trailing or doubled '/')");
        }
        if (segment.equals(".") || segment.equals("..")) {
            throw MailStoreException.invalidName("'" + segment + "' is not allowed as a hierarchy level");
        }
        if (segment.charAt(0) == '~') {
            throw MailStoreException.invalidName("a hierarchy level may not start with '~'");
        }
        if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
            throw MailStoreException.invalidName("a hierarchy level is longer than " + MAX_SEGMENT_BYTES + " bytes");
        }
        for (int i = 0; i < segment.length(); ) {
            int cp = segment.codePointAt(i);
            checkCodePoint(cp);
            i += Character.charCount(cp);
        }
    }

    private static void checkCodePoint(int cp) {
        if (cp == '%' || cp == '*') {
            throw MailStoreException.invalidName("wildcard character '" + (char) cp + "'");
        }
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                    Character.PRIVATE_USE, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
                throw MailStoreException.invalidName(String.format("character U+%04X is not allowed", cp));
            default -> {
                // Letters, digits, punctuation, symbols and spaces are fine.
            }
        }
    }

    /** The hierarchy levels, from the top. */
    public List<String> segments() {
        return segments;
    }

    /** The last hierarchy level. */
    public String leaf() {
        return segments.get(segments.size() - 1);
    }

    /** The name one level up, if any. */
    public Optional<MailboxName> parent() {
        if (segments.size() == 1) {
            return Optional.empty();
        }
        List<String> up = segments.subList(0, segments.size() - 1);
        return Optional.of(new MailboxName(String.join(String.valueOf(DELIMITER), up), List.copyOf(up)));
    }

    /** A child of this name. */
    public MailboxName child(String segment) {
        return of(name + DELIMITER + segment);
    }

    /** Whether {@code other} lies strictly below this name. */
    public boolean isAncestorOf(MailboxName other) {
        return other.segments.size() > segments.size()
                && other.segments.subList(0, segments.size()).equals(segments);
    }

    /** This name with the leading {@code from} levels replaced by {@code to}; for renames. */
    public MailboxName reparent(MailboxName from, MailboxName to) {
        if (!equals(from) && !from.isAncestorOf(this)) {
            throw new IllegalArgumentException(this + " is not " + from + " or below it");
        }
        return of(to.name + name.substring(from.name.length()));
    }

    public boolean isInbox() {
        return this.equals(INBOX);
    }

    public int depth() {
        return segments.size();
    }

    @Override
    public int compareTo(MailboxName o) {
        return name.compareTo(o.name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailboxName other && name.equals(other.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
