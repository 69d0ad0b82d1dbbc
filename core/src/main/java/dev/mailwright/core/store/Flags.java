package dev.mailwright.core.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The flags of one message: the IMAP system flags (RFC 3501 §2.3.2) and keywords. Flag
 * names are case-insensitive; system flags are kept in their canonical spelling and
 * keywords as first written. Immutable and compact: system flags are bits, keywords a
 * small sorted array, so that a mailbox of 100,000 messages stays small in memory.
 *
 * <p>{@code \Recent} is not a stored flag and is refused here; it is session state.
 */
public final class Flags {

    /** The system flags that can be stored. */
    public enum SystemFlag {
        SEEN("\\Seen"), ANSWERED("\\Answered"), FLAGGED("\\Flagged"), DELETED("\\Deleted"), DRAFT("\\Draft");

        private final String imapName;

        SystemFlag(String imapName) {
            this.imapName = imapName;
        }

        public String imapName() {
            return imapName;
        }

        int bit() {
            return 1 << ordinal();
        }
    }

    /** Most keywords on one message. */
    public static final int MAX_KEYWORDS = 64;
    /** Longest keyword. */
    public static final int MAX_KEYWORD_LENGTH = 100;

    public static final Flags NONE = new Flags(0, new String[0]);

    private static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER;

    private final int system;
    private final String[] keywords;

    private Flags(int system, String[] keywords) {
        this.system = system;
        this.keywords = keywords;
    }

    /**
     * Flags from their IMAP names, e.g. {@code \Seen} or {@code $Forwarded}.
     *
     * @throws IllegalArgumentException naming a flag that is not a valid system flag or keyword
     */
    public static Flags of(String... names) {
        return of(Arrays.asList(names));
    }

    /** Flags from their IMAP names. */
    public static Flags of(Collection<String> names) {
        int bits = 0;
        TreeSet<String> words = new TreeSet<>(ORDER);
        for (String name : names) {
            if (name.startsWith("\\")) {
                bits |= systemFlag(name).bit();
            } else {
                checkKeyword(name);
                words.add(name);
            }
        }
        return create(bits, words);
    }

    /** Flags with the given system flags set. */
    public static Flags of(SystemFlag... flags) {
        int bits = 0;
        for (SystemFlag flag : flags) {
            bits |= flag.bit();
        }
        return create(bits, Set.of());
    }

    private static Flags create(int bits, Collection<String> words) {
        if (words.size() > MAX_KEYWORDS) {
            throw new IllegalArgumentException("more than " + MAX_KEYWORDS + " keywords on one message");
        }
        if (bits == 0 && words.isEmpty()) {
            return NONE;
        }
        return new Flags(bits, words.toArray(String[]::new));
    }

    /** The system flag with this IMAP name, in any case. */
    public static SystemFlag systemFlag(String name) {
        for (SystemFlag flag : SystemFlag.values()) {
            if (flag.imapName.equalsIgnoreCase(name)) {
                return flag;
            }
        }
        throw new IllegalArgumentException("not a storable system flag: " + printable(name));
    }

    private static void checkKeyword(String keyword) {
        if (keyword.isEmpty()) {
            throw new IllegalArgumentException("empty keyword");
        }
        if (keyword.length() > MAX_KEYWORD_LENGTH) {
            throw new IllegalArgumentException("keyword longer than " + MAX_KEYWORD_LENGTH + " characters");
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            // RFC 3501 atom: no atom-specials, no '\', no ']' (resp-specials), ASCII only.
            if (c <= 0x20 || c >= 0x7f || "(){%*\"\\]".indexOf(c) >= 0) {
                throw new IllegalArgumentException("not a valid keyword: " + printable(keyword));
            }
        }
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(64).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                b.append(String.format("\\x%02X", cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    public boolean contains(SystemFlag flag) {
        return (system & flag.bit()) != 0;
    }

    /** Whether this set holds the flag or keyword, compared case-insensitively. */
    public boolean contains(String name) {
        if (name.startsWith("\\")) {
            for (SystemFlag flag : SystemFlag.values()) {
                if (flag.imapName.equalsIgnoreCase(name)) {
                    return contains(flag);
                }
            }
            return false;
        }
        return Arrays.binarySearch(keywords, name, ORDER) >= 0;
    }

    /** The union of both sets; a keyword's spelling in this set wins. */
    public Flags with(Flags other) {
        TreeSet<String> words = new TreeSet<>(ORDER);
        Collections.addAll(words, keywords);
        Collections.addAll(words, other.keywords);
        return create(system | other.system, words);
    }

    /** This set without any of {@code other}'s flags. */
    public Flags without(Flags other) {
        TreeSet<String> words = new TreeSet<>(ORDER);
        Collections.addAll(words, keywords);
        for (String k : other.keywords) {
            words.remove(k);
        }
        return create(system & ~other.system, words);
    }

    public Flags with(SystemFlag flag) {
        return contains(flag) ? this : new Flags(system | flag.bit(), keywords);
    }

    public Flags without(SystemFlag flag) {
        return contains(flag) ? create(system & ~flag.bit(), Arrays.asList(keywords)) : this;
    }

    /** The keywords, sorted case-insensitively. */
    public List<String> keywords() {
        return List.of(keywords);
    }

    public boolean isEmpty() {
        return system == 0 && keywords.length == 0;
    }

    /** Every flag by its IMAP name: system flags first, in a fixed order, then keywords. */
    public List<String> names() {
        List<String> names = new ArrayList<>(SystemFlag.values().length + keywords.length);
        for (SystemFlag flag : SystemFlag.values()) {
            if (contains(flag)) {
                names.add(flag.imapName);
            }
        }
        Collections.addAll(names, keywords);
        return names;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Flags other) || system != other.system || keywords.length != other.keywords.length) {
            return false;
        }
        for (int i = 0; i < keywords.length; i++) {
            if (!keywords[i].equalsIgnoreCase(other.keywords[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = system;
        for (String k : keywords) {
            h = 31 * h + k.toLowerCase(Locale.ROOT).hashCode();
        }
        return h;
    }

    /** The IMAP list form, e.g. {@code (\Seen $Forwarded)}. */
    @Override
    public String toString() {
        return "(" + String.join(" ", names()) + ")";
    }
}
