package dev.mailwright.auth.spf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads an SPF record by the RFC 7208 §12 grammar. The whole record is checked before any of it is
 * evaluated, because §4.6 requires a syntax error anywhere to give {@code permerror}, even after a
 * mechanism that would match.
 */
final class SpfParser {

    private static final String VERSION = "v=spf1";

    private SpfParser() {
    }

    /** Whether a TXT record's text is an SPF record: {@code v=spf1} followed by a space or nothing (§4.5). */
    static boolean isSpfRecord(String text) {
        return text.regionMatches(true, 0, VERSION, 0, VERSION.length())
                && (text.length() == VERSION.length() || text.charAt(VERSION.length()) == ' ');
    }

    /** Parses a record that {@link #isSpfRecord} accepted. */
    static SpfRecord parse(String text) throws SpfSyntaxException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new SpfSyntaxException(c > 0x7E
                        ? "the record holds a character outside US-ASCII"
                        : String.format("the record holds control character 0x%02x", (int) c));
            }
        }
        List<Directive> directives = new ArrayList<>();
        MacroString redirect = null;
        MacroString explanation = null;
        for (String term : text.substring(VERSION.length()).split(" ")) {
            if (term.isEmpty()) {
                continue;
            }
            int equals = modifierNameEnd(term);
            if (equals > 0) {
                String name = term.substring(0, equals).toLowerCase(Locale.ROOT);
                String value = term.substring(equals + 1);
                if (name.equals("redirect") || name.equals("exp")) {
                    if (value.isEmpty()) {
                        throw new SpfSyntaxException("'" + term + "' names no domain");
                    }
                    MacroString domain = MacroString.parse(value, false);
                    domain.requireDomainEnd();
                    if (name.equals("redirect")) {
                        if (redirect != null) {
                            throw new SpfSyntaxException("more than one redirect modifier");
                        }
                        redirect = domain;
                    } else {
                        if (explanation != null) {
                            throw new SpfSyntaxException("more than one exp modifier");
                        }
                        explanation = domain;
                    }
                } else {
                    MacroString.parseModifierValue(value);
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(directives, redirect, explanation);
    }

    /** Where a modifier's name ends at its '=', or -1 if {@code term} is not a modifier. */
    private static int modifierNameEnd(String term) {
        char first = term.charAt(0);
        if (!isAlpha(first)) {
            return -1;
        }
        for (int i = 1; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c == '=') {
                return i;
            }
            if (!isAlpha(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.') {
                return -1;
            }
        }
        return -1;
    }

    private static Directive directive(String term) throws SpfSyntaxException {
        SpfResult qualifier = SpfResult.PASS;
        int i = 0;
        switch (term.charAt(0)) {
            case '+' -> i = 1;
            case '-' -> {
                qualifier = SpfResult.FAIL;
                i = 1;
            }
            case '~' -> {
                qualifier = SpfResult.SOFTFAIL;
                i = 1;
            }
            case '?' -> {
                qualifier = SpfResult.NEUTRAL;
                i = 1;
            }
            default -> {
            }
        }
        int nameEnd = i;
        while (nameEnd < term.length() && term.charAt(nameEnd) != ':' && term.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        String name = term.substring(i, nameEnd).toLowerCase(Locale.ROOT);
        String rest = term.substring(nameEnd);
        Mechanism mechanism = switch (name) {
            case "all" -> {
                if (!rest.isEmpty()) {
                    throw new SpfSyntaxException("'" + term + "': all takes no argument");
                }
                yield new Mechanism.All();
            }
            case "include" -> new Mechanism.Include(requiredDomain(term, rest));
            case "exists" -> new Mechanism.Exists(requiredDomain(term, rest));
            case "ptr" -> new Mechanism.Ptr(optionalDomain(term, rest));
            case "a", "mx" -> dualCidrMechanism(name, term, rest);
            case "ip4" -> ip(term, rest, true);
            case "ip6" -> ip(term, rest, false);
            default -> throw new SpfSyntaxException("unknown mechanism '" + term + "'");
        };
        return new Directive(qualifier, mechanism);
    }

    private static MacroString requiredDomain(String term, String rest) throws SpfSyntaxException {
        if (!rest.startsWith(":") || rest.length() == 1) {
            throw new SpfSyntaxException("'" + term + "' needs ':' and a domain");
        }
        MacroString domain = MacroString.parse(rest.substring(1), false);
        domain.requireDomainEnd();
        return domain;
    }

    private static MacroString optionalDomain(String term, String rest) throws SpfSyntaxException {
        return rest.isEmpty() ? null : requiredDomain(term, rest);
    }

    private static Mechanism dualCidrMechanism(String name, String term, String rest) throws SpfSyntaxException {
        int cidr6 = 128;
        int cidr4 = 32;
        int slash = trailingCidr(rest);
        if (slash > 0 && rest.charAt(slash - 1) == '/') {
            cidr6 = cidr(term, rest.substring(slash + 1), 128);
            rest = rest.substring(0, slash - 1);
            slash = trailingCidr(rest);
        }
        if (slash >= 0 && (slash == 0 || rest.charAt(slash - 1) != '/')) {
            cidr4 = cidr(term, rest.substring(slash + 1), 32);
            rest = rest.substring(0, slash);
        }
        MacroString domain = optionalDomain(term, rest);
        return name.equals("a") ? new Mechanism.A(domain, cidr4, cidr6) : new Mechanism.Mx(domain, cidr4, cidr6);
    }

    /** The index of the '/' of a trailing "/digits", or -1. */
    private static int trailingCidr(String text) {
        int i = text.length();
        while (i > 0 && text.charAt(i - 1) >= '0' && text.charAt(i - 1) <= '9') {
            i--;
        }
        return i < text.length() && i > 0 && text.charAt(i - 1) == '/' ? i - 1 : -1;
    }

    private static int cidr(String term, String digits, int max) throws SpfSyntaxException {
        boolean digitsOnly = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!digitsOnly || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new SpfSyntaxException("'" + term + "': invalid prefix length /" + digits);
        }
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw new SpfSyntaxException("'" + term + "': prefix length /" + digits + " is longer than " + max);
        }
        return value;
    }

    private static Mechanism ip(String term, String rest, boolean v4) throws SpfSyntaxException {
        if (!rest.startsWith(":")) {
            throw new SpfSyntaxException("'" + term + "' needs ':' and a network");
        }
        String network = rest.substring(1);
        int max = v4 ? 32 : 128;
        int prefix = max;
        int slash = network.indexOf('/');
        if (slash >= 0) {
            prefix = cidr(term, network.substring(slash + 1), max);
            network = network.substring(0, slash);
        }
        byte[] octets = v4 ? IpAddresses.parseIp4(network) : IpAddresses.parseIp6(network);
        if (octets == null) {
            throw new SpfSyntaxException("'" + term + "': not an " + (v4 ? "IPv4" : "IPv6") + " network");
        }
        return new Mechanism.Ip(octets, prefix, term.charAt(0) == '+' ? term.substring(1) : term);
    }

    private static boolean isAlpha(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
