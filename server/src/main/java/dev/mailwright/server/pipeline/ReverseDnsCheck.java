package dev.mailwright.server.pipeline;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Forward-confirmed reverse DNS, the {@code iprev} method of RFC 8601 §3: the client's
 * address has a PTR name whose own addresses include the client's address.
 */
public final class ReverseDnsCheck {

    /** At most this many PTR names are checked forward (RFC 8601 §3 leaves it to policy; RFC 7208 uses 10). */
    static final int MAX_NAMES = 10;

    private final DnsResolver dns;

    public ReverseDnsCheck(DnsResolver dns) {
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    /** The verdict, and on a pass the confirmed name as the reason. */
    public CheckResult check(InetAddress client) {
        if (client.isLoopbackAddress()) {
            return CheckResult.pass("localhost");
        }
        DnsResult<String> names = dns.ptr(client);
        if (names.isTemporaryFailure()) {
            return CheckResult.temperror("PTR lookup failed");
        }
        if (!names.isSuccess()) {
            return CheckResult.fail("no PTR record");
        }
        boolean temporary = false;
        List<String> candidates = names.records();
        for (String name : candidates.subList(0, Math.min(MAX_NAMES, candidates.size()))) {
            DnsResult<InetAddress> forward = dns.addresses(name);
            if (forward.isTemporaryFailure()) {
                temporary = true;
            } else if (forward.records().contains(client)) {
                return CheckResult.pass(name);
            }
        }
        return temporary ? CheckResult.temperror("forward lookup failed") : CheckResult.fail("PTR name does not resolve back");
    }
}
