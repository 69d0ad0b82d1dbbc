package dev.mailwright.auth.spf;

import dev.mailwright.core.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.function.Supplier;

/**
 * The values macros expand to during one check (RFC 7208 §7.3). The {@code p} macro costs DNS
 * lookups, so it is computed only when a record uses it, once per domain.
 */
final class MacroContext {

    private final String sender;
    private final String localPart;
    private final String senderDomain;
    private final String domain;
    private final InetAddress ip;
    private final String helo;
    private final String receiver;
    private final long timestamp;
    private final Supplier<String> validatedName;

    MacroContext(String sender, String localPart, String senderDomain, String domain, InetAddress ip, String helo,
            String receiver, long timestamp, Supplier<String> validatedName) {
        this.sender = sender;
        this.localPart = localPart;
        this.senderDomain = senderDomain;
        this.domain = domain;
        this.ip = ip;
        this.helo = helo;
        this.receiver = receiver;
        this.timestamp = timestamp;
        this.validatedName = validatedName;
    }

    /** The same check, evaluating another domain's record; {@code validatedName} is for that domain. */
    MacroContext forDomain(String otherDomain, Supplier<String> otherValidatedName) {
        return new MacroContext(sender, localPart, senderDomain, otherDomain, ip, helo, receiver, timestamp,
                otherValidatedName);
    }

    String domain() {
        return domain;
    }

    /** The value of the lower-case macro letter {@code letter}. */
    String value(char letter) {
        return switch (letter) {
            case 's' -> sender;
            case 'l' -> localPart;
            case 'o' -> senderDomain;
            case 'd' -> domain;
            case 'i' -> IpAddresses.dotted(ip);
            case 'p' -> validatedName.get();
            case 'v' -> ip instanceof Inet4Address ? "in-addr" : "ip6";
            case 'h' -> helo;
            case 'c' -> IpLiteral.format(ip); // RFC 7208 §7.3: RFC 5952 form for IPv6
            case 'r' -> receiver;
            case 't' -> Long.toString(timestamp);
            default -> throw new IllegalArgumentException("not a macro letter: " + letter);
        };
    }
}
