package dev.mailwright.server.cli;

import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.core.IpLiteral;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.smtp.outbound.dkim.DkimKeyStore;
import java.io.PrintWriter;
import java.net.IDN;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.xbill.DNS.ReverseMap;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mailwright dns-records}: every DNS record a mail domain needs, in zone-file syntax
 * with absolute names, ready to paste: MX, SPF, DKIM (from the server's key, made if
 * missing), DMARC, MTA-STS and TLS reporting, and A/AAAA for the host when given. Then, as
 * comments, the MTA-STS policy file and the reverse DNS to ask the provider for.
 */
@Command(name = "dns-records", mixinStandardHelpOptions = true,
        description = "Print the DNS records a mail domain needs, in zone-file syntax.")
final class DnsRecordsCommand implements Callable<Integer> {

    static final int TTL = 3600;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "The mail domain.")
    private String domain;

    @Option(names = "--hostname", paramLabel = "HOST", description = "The server's name (default: hostname in the configuration).")
    private String hostname;

    @Option(names = "--ip4", paramLabel = "ADDRESS", description = "The server's IPv4 address.")
    private String ip4;

    @Option(names = "--ip6", paramLabel = "ADDRESS", description = "The server's IPv6 address.")
    private String ip6;

    @Override
    public Integer call() {
        MailwrightConfig settings = config.load();
        String zone = name(domain, "--domain");
        String host = name(hostname != null ? hostname : settings.hostname(), "--hostname");
        Inet4Address v4 = ip4 == null ? null : literal(ip4, Inet4Address.class, "--ip4");
        Inet6Address v6 = ip6 == null ? null : literal(ip6, Inet6Address.class, "--ip6");
        String selector = settings.dkim().selector();

        PrintWriter out = spec.commandLine().getOut();
        out.println("; DNS records for " + zone + ", served by " + host);
        record(out, zone, "MX", "10 " + host + ".");
        record(out, zone, "TXT", quoted("v=spf1 mx -all"));
        if (DkimSigner.isSigningDomain(zone)) {
            DkimSigningKey key = keys(settings).keyFor(zone);
            record(out, selector + "._domainkey." + zone, "TXT", quoted(key.dnsRecord()));
        } else {
            out.println("; no DKIM record: " + zone + " has one label, and a DKIM signing domain needs two or more");
        }
        record(out, "_dmarc." + zone, "TXT", quoted("v=DMARC1; p=quarantine; rua=mailto:postmaster@" + zone));
        String id = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        record(out, "_mta-sts." + zone, "TXT", quoted("v=STSv1; id=" + id));
        record(out, "_smtp._tls." + zone, "TXT", quoted("v=TLSRPTv1; rua=mailto:postmaster@" + zone));
        if (v4 != null) {
            record(out, host, "A", IpLiteral.format(v4));
        }
        if (v6 != null) {
            record(out, host, "AAAA", IpLiteral.format(v6));
        }
        out.println();
        out.println("; MTA-STS: point mta-sts." + zone + ". at a web server with a valid certificate for that name,");
        out.println("; and serve this file as https://mta-sts." + zone + "/.well-known/mta-sts.txt (text/plain):");
        out.println(";   version: STSv1");
        out.println(";   mode: enforce");
        out.println(";   mx: " + host);
        out.println(";   max_age: 604800");
        out.println("; Change the id in _mta-sts." + zone + ". whenever the policy changes.");
        out.println(";");
        out.println("; Reverse DNS: ask the provider of each address to set its PTR record to " + host + ".:");
        if (v4 != null) {
            out.println(";   " + ptrName(v4) + " IN PTR " + host + ".");
        }
        if (v6 != null) {
            out.println(";   " + ptrName(v6) + " IN PTR " + host + ".");
        }
        if (v4 == null && v6 == null) {
            out.println(";   (give --ip4 and --ip6 to have the PTR names written out)");
        }
        out.flush();
        return 0;
    }

    static DkimKeyStore keys(MailwrightConfig settings) {
        return DkimKeyStore.open(settings.dkim().keysDir(), settings.dkim().selector(),
                settings.dkim().algorithm() == MailwrightConfig.Dkim.Algorithm.ED25519
                        ? DkimKeyStore.KeyType.ED25519 : DkimKeyStore.KeyType.RSA_2048);
    }

    private static void record(PrintWriter out, String name, String type, String data) {
        out.printf("%-40s %d IN %-5s %s%n", name + ".", TTL, type, data);
    }

    /** A TXT value as zone-file character strings of at most 255 octets each (RFC 1035 §3.3.14). */
    static String quoted(String value) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 255) {
            parts.add("\"" + value.substring(i, Math.min(value.length(), i + 255)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return String.join(" ", parts);
    }

    static String name(String value, String option) {
        try {
            String ascii = IDN.toASCII(value.endsWith(".") ? value.substring(0, value.length() - 1) : value,
                    IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            if (ascii.isEmpty() || !ascii.contains(".") && !ascii.equals("localhost")) {
                throw new InputError(option + ": '" + value + "' is not a domain name");
            }
            return ascii;
        } catch (IllegalArgumentException e) {
            throw new InputError(option + ": '" + value + "' is not a domain name");
        }
    }

    private static <T extends InetAddress> T literal(String text, Class<T> type, String option) {
        boolean looksRight = type == Inet4Address.class ? text.matches("\\d{1,3}(\\.\\d{1,3}){3}") : text.contains(":")
                && text.matches("[0-9A-Fa-f:.]+");
        if (looksRight) {
            try {
                InetAddress address = InetAddress.getByName(text);
                if (type.isInstance(address)) {
                    return type.cast(address);
                }
            } catch (UnknownHostException e) {
                // Reported below.
            }
        }
        throw new InputError(option + ": '" + text + "' is not an " + (type == Inet4Address.class ? "IPv4" : "IPv6") + " address");
    }

    /** The in-addr.arpa or ip6.arpa name of an address, absolute. */
    static String ptrName(InetAddress address) {
        return ReverseMap.fromAddress(address).toString();
    }
}
