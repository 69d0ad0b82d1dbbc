package dev.mailwright.server.cli;

import dev.mailwright.auth.EmailAuthenticator;
import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.auth.spf.SpfResult;
import dev.mailwright.core.IpLiteral;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.MxRecord;
import dev.mailwright.core.dns.TxtRecord;
import dev.mailwright.server.config.MailwrightConfig;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mailwright check-dns}: asks the DNS what {@code dns-records} says should be there
 * and reports what is missing or wrong, reverse DNS included. Exit status 0 when every
 * required record is right, 1 otherwise.
 */
@Command(name = "check-dns", mixinStandardHelpOptions = true,
        description = "Check a mail domain's DNS records (MX, SPF, DKIM, DMARC, MTA-STS, PTR).")
final class CheckDnsCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Mixin
    private DnsOptions dnsOptions;

    @Option(names = "--domain", required = true, paramLabel = "DOMAIN", description = "The mail domain.")
    private String domain;

    @Option(names = "--hostname", paramLabel = "HOST", description = "The server's name (default: hostname in the configuration).")
    private String hostname;

    private PrintWriter out;
    private int problems;

    @Override
    public Integer call() {
        MailwrightConfig settings = config.load();
        String zone = DnsRecordsCommand.name(domain, "--domain");
        String host = DnsRecordsCommand.name(hostname != null ? hostname : settings.hostname(), "--hostname");
        DnsResolver dns = dnsOptions.resolver();
        out = spec.commandLine().getOut();
        out.println("Checking " + zone + " (mail server " + host + ")");

        checkMx(dns, zone, host);
        List<InetAddress> addresses = checkAddresses(dns, host);
        for (InetAddress address : addresses) {
            checkPtr(dns, address, host);
        }
        checkSpf(dns, zone, host, addresses);
        checkDkim(dns, zone, settings);
        checkDmarc(dns, zone);
        optional(dns, "_mta-sts." + zone, "v=STSv1", "MTA-STS");
        optional(dns, "_smtp._tls." + zone, "v=TLSRPTv1", "TLS reporting");

        out.println(problems == 0 ? "All required records are in place." : problems + " problem(s) found.");
        out.flush();
        return problems == 0 ? 0 : 1;
    }

    private void ok(String what, String detail) {
        out.printf("  ok       %-14s %s%n", what, detail);
    }

    private void problem(String kind, String what, String detail) {
        problems++;
        out.printf("  %-8s %-14s %s%n", kind, what, detail);
    }

    private void checkMx(DnsResolver dns, String zone, String host) {
        DnsResult<MxRecord> mx = dns.mx(zone);
        if (mx.isTemporaryFailure()) {
            problem("error", "MX", "lookup failed: " + mx.error());
        } else if (!mx.isSuccess()) {
            problem("missing", "MX", "want: " + zone + ". IN MX 10 " + host + ".");
        } else if (mx.records().stream().noneMatch(r -> r.exchange().equalsIgnoreCase(host))) {
            problem("wrong", "MX", "points to " + mx.records().stream().map(MxRecord::exchange).toList() + ", not " + host);
        } else {
            ok("MX", host);
        }
    }

    private List<InetAddress> checkAddresses(DnsResolver dns, String host) {
        DnsResult<InetAddress> addresses = dns.addresses(host);
        if (!addresses.isSuccess()) {
            problem(addresses.isTemporaryFailure() ? "error" : "missing", "A/AAAA", host + " has no address");
            return List.of();
        }
        ok("A/AAAA", host + " " + addresses.records().stream().map(IpLiteral::format).toList());
        return addresses.records();
    }

    private void checkPtr(DnsResolver dns, InetAddress address, String host) {
        DnsResult<String> ptr = dns.ptr(address);
        String ip = IpLiteral.format(address);
        if (!ptr.isSuccess()) {
            problem(ptr.isTemporaryFailure() ? "error" : "missing", "PTR", ip + " has no reverse DNS; ask its provider for "
                    + DnsRecordsCommand.ptrName(address) + " IN PTR " + host + ".");
        } else if (ptr.records().stream().noneMatch(host::equalsIgnoreCase)) {
            problem("wrong", "PTR", ip + " is " + ptr.records() + ", want " + host);
        } else {
            ok("PTR", ip + " " + host);
        }
    }

    private void checkSpf(DnsResolver dns, String zone, String host, List<InetAddress> addresses) {
        DnsResult<TxtRecord> txt = dns.txt(zone);
        List<String> spf = txt.records().stream().map(TxtRecord::text)
                .filter(t -> t.toLowerCase(Locale.ROOT).startsWith("v=spf1")).toList();
        if (txt.isTemporaryFailure()) {
            problem("error", "SPF", "lookup failed: " + txt.error());
            return;
        }
        if (spf.isEmpty()) {
            problem("missing", "SPF", "want: " + zone + ". IN TXT \"v=spf1 mx -all\"");
            return;
        }
        if (spf.size() > 1) {
            problem("wrong", "SPF", "several v=spf1 records; keep one");
            return;
        }
        EmailAuthenticator auth = EmailAuthenticator.builder(dns).build();
        for (InetAddress address : addresses) {
            SpfOutput result = auth.verifySpf(address, host, "postmaster@" + zone);
            if (result.result() != SpfResult.PASS) {
                problem("wrong", "SPF", "'" + spf.get(0) + "' gives " + result.result().keyword() + " for " + address.getHostAddress());
                return;
            }
        }
        ok("SPF", spf.get(0));
    }

    private void checkDkim(DnsResolver dns, String zone, MailwrightConfig settings) {
        String selector = settings.dkim().selector();
        String name = selector + "._domainkey." + zone;
        if (!DkimSigner.isSigningDomain(zone)) {
            problem("n/a", "DKIM", zone + " has one label: its mail cannot be DKIM-signed");
            return;
        }
        DnsResult<TxtRecord> txt = dns.txt(name);
        String want = Base64.getEncoder().encodeToString(DnsRecordsCommand.keys(settings).keyFor(zone).publicKey());
        if (!txt.isSuccess()) {
            problem(txt.isTemporaryFailure() ? "error" : "missing", "DKIM", name + " (see mailwright dns-records)");
            return;
        }
        boolean matches = txt.records().stream().map(r -> r.text().replaceAll("\\s", ""))
                .anyMatch(t -> t.contains("p=" + want + ";") || t.endsWith("p=" + want));
        if (matches) {
            ok("DKIM", name);
        } else {
            problem("wrong", "DKIM", name + " does not publish this server's key");
        }
    }

    private void checkDmarc(DnsResolver dns, String zone) {
        DnsResult<TxtRecord> txt = dns.txt("_dmarc." + zone);
        if (txt.isSuccess() && txt.records().stream().anyMatch(r -> r.text().startsWith("v=DMARC1"))) {
            ok("DMARC", txt.records().stream().map(TxtRecord::text).filter(t -> t.startsWith("v=DMARC1")).findFirst().orElseThrow());
        } else {
            problem(txt.isTemporaryFailure() ? "error" : "missing", "DMARC", "want: _dmarc." + zone + ". IN TXT \"v=DMARC1; p=quarantine\"");
        }
    }

    private void optional(DnsResolver dns, String name, String prefix, String what) {
        DnsResult<TxtRecord> txt = dns.txt(name);
        if (txt.isSuccess() && txt.records().stream().anyMatch(r -> r.text().startsWith(prefix))) {
            ok(what, name);
        } else {
            out.printf("  %-8s %-14s %s%n", "optional", what, name + " not set");
        }
    }
}
