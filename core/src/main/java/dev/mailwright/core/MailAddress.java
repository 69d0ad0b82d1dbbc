package dev.mailwright.core;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A mailbox as SMTP carries it: {@code local-part@domain} (RFC 5321 §4.1.2), including
 * UTF-8 local parts and IDN domains (RFC 6531) and IPv4/IPv6 address literals.
 * Immutable and thread-safe.
 *
 * <p>The local part is kept in its semantic form (without quoting) and compared exactly,
 * case included: only the receiving system may interpret it. The domain is compared
 * case-insensitively in its A-label form, so {@code user@Bücher.example} equals
 * {@code user@xn--bcher-kva.example}. Quoted and unquoted spellings of the same local
 * part are equal, as RFC 5321 §4.1.2 requires.
 *
 * <p>Limits (RFC 5321 §4.5.3.1, counted in octets of UTF-8) are checked on the form this
 * class writes: local part 64, domain 255, and the whole address 254 so that its path
 * {@code <address>} fits in 256. An accepted address can therefore always be relayed.
 * Paths given to {@link #parseReversePath}/{@link #parseForwardPath} must themselves fit
 * in 256 octets, source route included.
 *
 * <p>The domainless {@code <Postmaster>} of RFC 5321 §4.1.1.3 is not an address here; an
 * SMTP engine recognises it before calling these parsers.
 */
public final class MailAddress implements Comparable<MailAddress> {

    public static final int MAX_LOCAL_PART_OCTETS = LocalPart.MAX_OCTETS;
    public static final int MAX_DOMAIN_OCTETS = DomainPart.MAX_OCTETS;
    public static final int MAX_PATH_OCTETS = 256;
    /** The longest address whose path still fits in {@link #MAX_PATH_OCTETS}. */
    public static final int MAX_ADDRESS_OCTETS = MAX_PATH_OCTETS - 2;

    private final String localPart;
    private final DomainPart domain;
    private final String domainKey;
    private final String text;

    private MailAddress(String localPart, DomainPart domain) {
        this.localPart = localPart;
        this.domain = domain;
        this.domainKey = domain.ascii().toLowerCase(Locale.ROOT);
        this.text = LocalPart.format(localPart) + "@" + domain.display();
    }

    /**
     * Parses a bare mailbox, {@code local-part@domain}, without angle brackets.
     *
     * @throws AddressException naming what is malformed
     */
    public static MailAddress parse(String address) {
        Objects.requireNonNull(address, "address");
        if (address.length() > MAX_ADDRESS_OCTETS) {
            throw tooLong();
        }
        return parseMailbox(address, 0, address.length());
    }

    /**
     * Parses an RFC 5321 reverse-path (the argument of MAIL FROM): {@code <mailbox>},
     * optionally with a source route, which is ignored; {@code <>}, the null sender,
     * gives an empty result.
     *
     * @throws AddressException naming what is malformed
     */
    public static Optional<MailAddress> parseReversePath(String path) {
        checkPath(path);
        if (path.length() == 2) {
            return Optional.empty();
        }
        return Optional.of(parsePathMailbox(path));
    }

    /**
     * Parses an RFC 5321 forward-path (the argument of RCPT TO): {@code <mailbox>},
     * optionally with a source route, which is ignored.
     *
     * @throws AddressException naming what is malformed
     */
    public static MailAddress parseForwardPath(String path) {
        checkPath(path);
        if (path.length() == 2) {
            throw new AddressException("path: the null path <> is not allowed here");
        }
        return parsePathMailbox(path);
    }

    /**
     * An address from its semantic local part (unquoted: {@code "john doe"} is given as
     * {@code john doe}) and a domain in any form {@link #parse} accepts.
     *
     * @throws AddressException naming what is malformed
     */
    public static MailAddress of(String localPart, String domain) {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        if (localPart.length() > MAX_ADDRESS_OCTETS) {
            throw localPartTooLong();
        }
        LocalPart.validate(localPart);
        return create(localPart, DomainPart.parse(domain, true, "domain"));
    }

    private static void checkPath(String path) {
        Objects.requireNonNull(path, "path");
        // A string longer than the limit in chars is longer in octets too: reject it
        // before looking at a single character.
        if (path.length() > MAX_PATH_OCTETS || Syntax.utf8Length(path) > MAX_PATH_OCTETS) {
            throw new AddressException("path: longer than " + MAX_PATH_OCTETS + " octets");
        }
        if (path.isEmpty() || path.charAt(0) != '<') {
            throw new AddressException("path: missing opening '<'");
        }
        if (path.length() < 2 || path.charAt(path.length() - 1) != '>') {
            throw new AddressException("path: missing closing '>'");
        }
    }

    private static MailAddress parsePathMailbox(String path) {
        int from = 1;
        int to = path.length() - 1;
        if (path.charAt(from) == '@') {
            from = skipSourceRoute(path, from, to);
        }
        return parseMailbox(path, from, to);
    }

    /**
     * Validates an A-d-l ({@code @a.example,@b.example:}) and returns where the mailbox
     * starts. RFC 5321 §4.1.2: a source route must be accepted and should be ignored.
     */
    private static int skipSourceRoute(String s, int from, int to) {
        int colon = s.indexOf(':', from);
        if (colon < 0 || colon >= to) {
            throw new AddressException("source route: missing ':' before the mailbox");
        }
        int i = from;
        while (true) {
            if (s.charAt(i) != '@') {
                throw new AddressException("source route: each hop must start with '@'");
            }
            int end = s.indexOf(',', i);
            if (end < 0 || end > colon) {
                end = colon;
            }
            DomainPart.parse(s.substring(i + 1, end), false, "source route");
            if (end == colon) {
                return colon + 1;
            }
            i = end + 1;
            if (i == colon) {
                throw new AddressException("source route: empty hop");
            }
        }
    }

    private static MailAddress parseMailbox(String s, int from, int to) {
        LocalPart.Parsed local = LocalPart.parse(s, from, to);
        if (local.end() >= to) {
            throw new AddressException("address: missing '@' and domain");
        }
        return create(local.value(), DomainPart.parse(s.substring(local.end() + 1, to), true, "domain"));
    }

    private static MailAddress create(String localPart, DomainPart domain) {
        if (Syntax.utf8Length(LocalPart.format(localPart)) > MAX_LOCAL_PART_OCTETS) {
            throw localPartTooLong();
        }
        MailAddress address = new MailAddress(localPart, domain);
        if (Syntax.utf8Length(address.text) > MAX_ADDRESS_OCTETS) {
            throw tooLong();
        }
        return address;
    }

    private static AddressException tooLong() {
        return new AddressException("address: longer than " + MAX_ADDRESS_OCTETS + " octets");
    }

    private static AddressException localPartTooLong() {
        return new AddressException("local part: longer than " + MAX_LOCAL_PART_OCTETS + " octets");
    }

    /** The local part in semantic form: without quotes or quoted-pair backslashes, case as given. */
    public String localPart() {
        return localPart;
    }

    /**
     * The domain as given: ASCII and A-labels in lower case, U-labels in lower-case NFC,
     * address literals in canonical form ({@code [192.0.2.1]}, {@code [IPv6:2001:db8::1]}).
     */
    public String domain() {
        return domain.display();
    }

    /** The domain with every label as an A-label, as DNS and SMTP without SMTPUTF8 want it. */
    public String asciiDomain() {
        return domain.ascii();
    }

    /** The domain with every label as a U-label, for display. */
    public String unicodeDomain() {
        return domain.unicode();
    }

    public boolean isAddressLiteral() {
        return domain.literal() != null;
    }

    /**
     * The IP address of an address-literal domain. An IPv6 literal stays an
     * {@link java.net.Inet6Address}, IPv4-mapped ones included.
     */
    public Optional<InetAddress> literalAddress() {
        return Optional.ofNullable(domain.literal());
    }

    /**
     * Whether the local part has non-ASCII characters, so that the address can be sent
     * only with SMTPUTF8 (RFC 6531). A U-label domain alone does not count: it can be
     * sent in A-label form, see {@link #toAsciiString()}.
     */
    public boolean isInternationalized() {
        return !Syntax.isAscii(localPart);
    }

    /** {@code local-part@domain} with the domain in A-label form; the local part is unchanged. */
    public String toAsciiString() {
        return LocalPart.format(localPart) + "@" + domain.ascii();
    }

    /** {@code local-part@domain}, the local part quoted only where Dot-string cannot express it. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MailAddress other
                && localPart.equals(other.localPart) && domainKey.equals(other.domainKey);
    }

    @Override
    public int hashCode() {
        return 31 * domainKey.hashCode() + localPart.hashCode();
    }

    /** Orders by domain (A-label, ignoring case), then by local part (exact). */
    @Override
    public int compareTo(MailAddress other) {
        int byDomain = domainKey.compareTo(other.domainKey);
        return byDomain != 0 ? byDomain : localPart.compareTo(other.localPart);
    }
}
