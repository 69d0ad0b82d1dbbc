package dev.mailwright.imap.internal.mailbox;

import java.util.BitSet;

/**
 * A LIST pattern (RFC 9051 §6.3.9): {@code *} matches any characters, {@code %} any but
 * the hierarchy delimiter. Matching runs over sets of pattern positions, in time linear in
 * the name times the pattern however the wildcards are arranged, so hostile patterns cost
 * no more than plain ones. A leading {@code INBOX} matches in any case.
 */
public final class ListPattern {

    /** Longest pattern accepted. */
    public static final int MAX_LENGTH = 1024;

    private final String pattern;

    private ListPattern(String pattern) {
        this.pattern = pattern;
    }

    /** The pattern of a reference and a mailbox argument, both already decoded. */
    public static ListPattern of(String reference, String mailbox) {
        String full = reference.isEmpty() || mailbox.startsWith("/") ? mailbox
                : reference.endsWith("/") ? reference + mailbox : reference + mailbox;
        if (full.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("pattern longer than " + MAX_LENGTH + " characters");
        }
        if (full.regionMatches(true, 0, "INBOX", 0, 5) && (full.length() == 5 || full.charAt(5) == '/')) {
            full = "INBOX" + full.substring(5);
        }
        return new ListPattern(full);
    }

    public String text() {
        return pattern;
    }

    public boolean matches(String name) {
        int m = pattern.length();
        BitSet states = new BitSet(m + 1);
        states.set(0);
        closeOverWildcards(states);
        for (int i = 0; i < name.length() && !states.isEmpty(); i++) {
            char c = name.charAt(i);
            BitSet next = new BitSet(m + 1);
            for (int p = states.nextSetBit(0); p >= 0; p = states.nextSetBit(p + 1)) {
                if (p == m) {
                    continue;
                }
                char pc = pattern.charAt(p);
                if (pc == '*' || pc == '%' && c != '/') {
                    next.set(p);
                } else if (pc == c) {
                    next.set(p + 1);
                }
            }
            closeOverWildcards(next);
            states = next;
        }
        return states.get(m);
    }

    /** A wildcard may match nothing: a state before one also stands after it. */
    private void closeOverWildcards(BitSet states) {
        for (int p = states.nextSetBit(0); p >= 0 && p < pattern.length(); p = states.nextSetBit(p + 1)) {
            char pc = pattern.charAt(p);
            if (pc == '*' || pc == '%') {
                states.set(p + 1);
            }
        }
    }
}
