package dev.mailwright.server.pipeline;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.MxRecord;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether the sender's domain can receive mail at all: an MX record that is not a null MX
 * (RFC 7505), or else an address record (the implicit MX of RFC 5321 §5.1). Mail from a
 * domain that could not take a bounce is a common mark of forgery.
 */
public final class SenderDomainCheck {

    private final DnsResolver dns;

    public SenderDomainCheck(DnsResolver dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    public CheckResult check(Optional<MailAddress> sender) {
        if (sender.isEmpty()) {
            return new CheckResult(CheckResult.Verdict.NONE, "null sender");
        }
        if (sender.get().isAddressLiteral()) {
            return CheckResult.pass("address literal");
        }
        String domain = sender.get().asciiDomain();
        DnsResult<MxRecord> mx = dns.mx(domain);
        if (mx.isTemporaryFailure()) {
            return CheckResult.temperror("MX lookup failed");
        }
        if (mx.isSuccess()) {
            if (mx.records().stream().allMatch(MxRecord::isNullMx)) {
                return CheckResult.fail("null MX: " + domain + " takes no mail");
            }
            return CheckResult.pass("MX");
        }
        if (mx.status() == DnsResult.Status.NXDOMAIN) {
            return CheckResult.fail("no such domain: " + domain);
        }
        DnsResult<java.net.InetAddress> addresses = dns.addresses(domain);
        if (addresses.isTemporaryFailure()) {
            return CheckResult.temperror("address lookup failed");
        }
        return addresses.isSuccess() ? CheckResult.pass("implicit MX") : CheckResult.fail("no MX or address record for " + domain);
    }
}
