package dev.mailwright.core;

import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.text.Normalizer;
import java.text.ParseException;
import java.util.Locale;

/**
 * The domain of a mailbox: a host name in LDH, A-label or U-label form (RFC 5321
 * §4.1.2, RFC 6531 §3.3) or an IPv4/IPv6 address literal (RFC 5321 §4.1.3).
 *
 * <p>IDN labels go through {@link IDN java.net.IDN} (IDNA2003, RFC 3490) with STD3 rules
 * and without unassigned code points. Where IDNA2003 would silently map a label to a
 * different one (ß to ss, final sigma, compatibility and ignored characters) the label is
 * refused instead of rewritten, so mail never goes to a domain the sender did not name;
 * upper case and decomposed input are the only mappings accepted.
 */
final class DomainPart {

    static final int MAX_OCTETS = 255;
    static final int MAX_LABEL_OCTETS = 63;

    private static final int IDN_FLAGS = IDN.USE_STD3_ASCII_RULES;

    private final String display;
    private final String ascii;
    private final String unicode;
    private final InetAddress literal;

    private DomainPart(String display, String ascii, String unicode, InetAddress literal) {
        this.display = display;
        this.ascii = ascii;
        this.unicode = unicode;
        this.literal = literal;
    }

    /** The domain as given, with ASCII labels in lower case and literals in canonical form. */
    String display() {
        return display;
    }

    /** All labels as A-labels; for a literal, the literal. */
    String ascii() {
        return ascii;
    }

    /** All labels as U-labels; for a literal, the literal. */
    String unicode() {
        return unicode;
    }

    /** The address of a literal, or null for a host name. */
    InetAddress literal() {
        return literal;
    }

    /**
     * Parses a domain; {@code context} starts every error text ("domain", "source route").
     *
     * @throws AddressException naming what is malformed
     */
    static DomainPart parse(String domain, boolean allowLiteral, String context) {
        if (domain.isEmpty()) {
            throw new AddressException(context + ": empty");
        }
        if (domain.length() > MAX_OCTETS || Syntax.utf8Length(domain) > MAX_OCTETS) {
            throw new AddressException(context + ": longer than " + MAX_OCTETS + " octets");
        }
        if (domain.charAt(0) == '[') {
            if (!allowLiteral) {
                throw new AddressException(context + ": address literal not allowed here");
            }
            return literal(domain, context);
        }
        return name(domain, context);
    }

    private static DomainPart literal(String domain, String context) {
        if (domain.length() < 2 || domain.charAt(domain.length() - 1) != ']') {
            throw new AddressException(context + ": missing closing ']' of address literal");
        }
        String inner = domain.substring(1, domain.length() - 1);
        try {
            if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
                byte[] address = IpLiteral.parseIpv6(inner.substring(5));
                if (address == null) {
                    throw new AddressException(context + ": invalid IPv6 address literal");
                }
                String text = "[IPv6:" + IpLiteral.formatIpv6(address) + "]";
                return new DomainPart(text, text, text, Inet6Address.getByAddress(null, address, -1));
            }
            byte[] address = IpLiteral.parseIpv4(inner);
            if (address != null) {
                String text = "[" + IpLiteral.formatIpv4(address) + "]";
                return new DomainPart(text, text, text, Inet4Address.getByAddress(address));
            }
        } catch (UnknownHostException e) {
            // Only thrown for an array of the wrong length, which the parsers never return.
            throw new IllegalStateException(e);
        }
        int colon = inner.indexOf(':');
        if (colon > 0 && isLdhString(inner, 0, colon)) {
            throw new AddressException(context + ": general address literals ([tag:...]) are not supported");
        }
        if (!inner.isEmpty() && inner.chars().allMatch(c -> Syntax.isDigit(c) || c == '.')) {
            throw new AddressException(context + ": invalid IPv4 address literal");
        }
        throw new AddressException(context + ": invalid address literal");
    }

    private static DomainPart name(String domain, String context) {
        StringBuilder display = new StringBuilder(domain.length());
        StringBuilder ascii = new StringBuilder(domain.length());
        StringBuilder unicode = new StringBuilder(domain.length());
        int start = 0;
        while (true) {
            int dot = domain.indexOf('.', start);
            int end = dot < 0 ? domain.length() : dot;
            if (end == start) {
                throw new AddressException(context + (start > 0 && dot < 0 ? ": ends with '.'" : ": empty label"));
            }
            Label label = label(domain.substring(start, end), context);
            display.append(label.display);
            ascii.append(label.ascii);
            unicode.append(label.unicode);
            if (dot < 0) {
                break;
            }
            display.append('.');
            ascii.append('.');
            unicode.append('.');
            start = dot + 1;
        }
        if (ascii.length() > MAX_OCTETS) {
            throw new AddressException(context + ": longer than " + MAX_OCTETS + " octets in A-label form");
        }
        return new DomainPart(display.toString(), ascii.toString(), unicode.toString(), null);
    }

    private record Label(String display, String ascii, String unicode) {
    }

    private static Label label(String label, String context) {
        boolean ascii = true;
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x80) {
                if (!Syntax.isAsciiLetterOrDigit(cp) && cp != '-') {
                    throw new AddressException(context + ": invalid character " + Syntax.describe(cp));
                }
            } else if (!Syntax.isAllowedNonAscii(cp) || Syntax.isUnicodeSpace(cp)) {
                throw new AddressException(context + ": invalid character " + Syntax.describe(cp));
            } else {
                ascii = false;
            }
        }
        if (label.charAt(0) == '-' || label.charAt(label.length() - 1) == '-') {
            throw new AddressException(context + ": label starts or ends with '-'");
        }
        if (ascii) {
            if (label.length() > MAX_LABEL_OCTETS) {
                throw new AddressException(context + ": label longer than " + MAX_LABEL_OCTETS + " octets");
            }
            String lower = label.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("xn--")) {
                return new Label(lower, lower, lower);
            }
            return new Label(lower, lower, aLabelToUnicode(lower, context));
        }
        String normalized = Normalizer.normalize(label.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        String aLabel = uLabelToAscii(normalized, context);
        return new Label(normalized, aLabel, normalized);
    }

    /** The A-label of a lower-case NFC U-label, refusing labels IDNA2003 would rewrite. */
    private static String uLabelToAscii(String uLabel, String context) {
        int first = uLabel.codePointAt(0);
        int type = Character.getType(first);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK) {
            throw new AddressException(context + ": label starts with a combining mark");
        }
        String aLabel;
        try {
            aLabel = IDN.toASCII(uLabel, IDN_FLAGS);
        } catch (IllegalArgumentException e) {
            // java.net.IDN wraps prohibited code points and bidi violations in a
            // ParseException; with LDH and hyphens checked before, what remains is length.
            // Its own text echoes the input, so it is never passed on.
            if (e.getCause() instanceof ParseException) {
                throw new AddressException(context + ": label not allowed by IDNA (prohibited or unassigned code point, or bidi rule)");
            }
            throw new AddressException(context + ": label longer than " + MAX_LABEL_OCTETS + " octets in A-label form");
        }
        if (aLabel.indexOf('.') >= 0) {
            throw new AddressException(context + ": labels must be separated by '.' only");
        }
        if (!aLabel.startsWith("xn--") || !IDN.toUnicode(aLabel, IDN_FLAGS).equals(uLabel)) {
            throw new AddressException(context + ": label is changed by IDNA mapping (e.g. sharp s, final sigma, full-width or ignored characters)");
        }
        return aLabel;
    }

    /** The U-label of a lower-case A-label, which must be exactly what its U-label encodes to. */
    private static String aLabelToUnicode(String aLabel, String context) {
        String uLabel = IDN.toUnicode(aLabel, IDN_FLAGS);
        // toUnicode returns its input unchanged when the label does not decode.
        if (uLabel.equals(aLabel) || Syntax.isAscii(uLabel)
                || !Normalizer.isNormalized(uLabel, Normalizer.Form.NFC)
                || !uLabel.equals(uLabel.toLowerCase(Locale.ROOT))) {
            throw new AddressException(context + ": invalid A-label " + Syntax.quote(aLabel));
        }
        try {
            if (uLabelToAscii(uLabel, context).equals(aLabel)) {
                return uLabel;
            }
        } catch (AddressException e) {
            // reported below as what it is: an A-label that is not valid
        }
        throw new AddressException(context + ": invalid A-label " + Syntax.quote(aLabel));
    }

    /** RFC 5321 Ldh-str preceded by a Let-dig, as in Standardized-tag. */
    private static boolean isLdhString(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!Syntax.isAsciiLetterOrDigit(c) && c != '-') {
                return false;
            }
        }
        return Syntax.isAsciiLetterOrDigit(s.charAt(from)) && Syntax.isAsciiLetterOrDigit(s.charAt(to - 1));
    }
}
