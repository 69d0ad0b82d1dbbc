package dev.mailwright.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 5322 §3.4 address lists, as found in From, To, Cc, Reply-To and their Resent- forms,
 * read with the §4.4 obsolete syntax (routes, empty list elements, CFWS around dots) and
 * RFC 6532 UTF-8.
 *
 * <p>Parsing never throws. It keeps every address it can make sense of and reports in
 * {@link Result#valid()} whether the whole value conformed, so that DMARC can tell a From
 * field with one good address from one with none, several, or garbage. Work is linear in
 * the input, at most {@link #DEFAULT_MAX_ADDRESSES} addresses are read (more make the result
 * invalid), and comments nested deeper than {@link #MAX_COMMENT_DEPTH} end the parse.
 */
public final class AddressList {

    /** Addresses (mailboxes and groups) read from one value unless told otherwise. */
    public static final int DEFAULT_MAX_ADDRESSES = 10_000;

    /** Deepest comment nesting accepted; deeper input is treated as garbage from there on. */
    public static final int MAX_COMMENT_DEPTH = 32;

    private AddressList() {
    }

    /** One element of an address list. */
    public sealed interface Entry permits Mailbox, Group {
    }

    /**
     * A mailbox: {@code localPart@domain} with an optional display name.
     *
     * @param displayName the phrase before the angle address with comments removed, quoted
     *                    strings unquoted, whitespace runs collapsed to one space and RFC 2047
     *                    encoded words decoded (unless parsed with {@link #parseUndecoded});
     *                    empty when absent or empty
     * @param localPart   the local part's meaning: quoted strings unquoted, comments and
     *                    obsolete whitespace around dots removed
     * @param domain      the domain as written without comments or whitespace; a domain
     *                    literal keeps its brackets
     */
    public record Mailbox(Optional<String> displayName, String localPart, String domain) implements Entry {

        public Mailbox {
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(localPart, "localPart");
            Objects.requireNonNull(domain, "domain");
        }

        /** {@code localPart@domain}, the local part quoted when it is not a dot-atom. */
        public String address() {
            return (isDotAtom(localPart) ? localPart : quote(localPart)) + "@" + domain;
        }
    }

    /**
     * A named group of mailboxes, possibly empty ({@code undisclosed-recipients:;}).
     *
     * @param name decoded like {@link Mailbox#displayName()}
     */
    public record Group(String name, List<Mailbox> members) implements Entry {

        public Group {
            Objects.requireNonNull(name, "name");
            members = List.copyOf(members);
        }
    }

    /**
     * What was read from a value.
     *
     * @param entries the addresses that could be read, in order
     * @param valid   whether the whole value is a syntactically valid address list with at
     *                least one address, within the limits
     */
    public record Result(List<Entry> entries, boolean valid) {

        public Result {
            entries = List.copyOf(entries);
        }

        /** Every mailbox, group members in place of their group. */
        public List<Mailbox> mailboxes() {
            List<Mailbox> all = new ArrayList<>(entries.size());
            for (Entry entry : entries) {
                if (entry instanceof Mailbox mailbox) {
                    all.add(mailbox);
                } else if (entry instanceof Group group) {
                    all.addAll(group.members());
                }
            }
            return List.copyOf(all);
        }
    }

    /** Parses an unfolded field value such as {@link HeaderField#value()}. */
    public static Result parse(String headerValue) {
        return parse(headerValue, DEFAULT_MAX_ADDRESSES);
    }

    /** Parses reading at most {@code maxAddresses} addresses (mailboxes and groups). */
    public static Result parse(String headerValue, int maxAddresses) {
        return new AddressParser(headerValue, true, requirePositive(maxAddresses)).parse();
    }

    /**
     * Parses keeping encoded words in display names and group names as written, for readers
     * that pass names on undecoded (IMAP ENVELOPE).
     */
    public static Result parseUndecoded(String headerValue) {
        return new AddressParser(headerValue, false, DEFAULT_MAX_ADDRESSES).parse();
    }

    private static int requirePositive(int maxAddresses) {
        if (maxAddresses <= 0) {
            throw new IllegalArgumentException("maxAddresses must be positive: " + maxAddresses);
        }
        return maxAddresses;
    }

    static boolean isDotAtom(String text) {
        if (text.isEmpty() || text.charAt(0) == '.' || text.charAt(text.length() - 1) == '.') {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.' ? text.charAt(i - 1) == '.' : !AddressTokens.isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}
