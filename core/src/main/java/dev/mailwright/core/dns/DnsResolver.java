package dev.mailwright.core.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS lookups as mail needs them. SPF, DKIM, DMARC, MX routing, DANE, iprev and DNSBL checks all ask
 * through this interface, so a test or an offline check can swap the network for a zone file
 * ({@link ZoneFileResolver}).
 *
 * <p>Every lookup returns a {@link DnsResult} and none throws for a DNS outcome: a missing name, an
 * empty answer, a SERVFAIL or a timeout are results. Exceptions mean a programming error, such as a
 * null or malformed name ({@link IllegalArgumentException}).
 *
 * <p>Names may be given with or without the trailing dot, in any case, and with U-labels (which are
 * converted to A-labels, IDNA2003 as {@link java.net.IDN} implements it). Labels may hold any
 * printable ASCII besides the dot, because SPF macros and DNSBL queries build names from local parts
 * and addresses. CNAMEs are followed for every type; the final name's status and TTL apply, and the
 * answer counts as authenticated only if every step was.
 *
 * <p>Implementations are thread-safe. Lookups block (callers run them on worker threads, never on
 * network I/O threads) and end within the implementation's configured timeouts.
 */
public interface DnsResolver {

    /**
     * A resolver that asks the system's configured name servers ({@code /etc/resolv.conf} and its
     * equivalents), with default timeouts and its own cache. Each call builds a new, independent
     * resolver; nothing is shared through static state. See {@link DnsjavaResolver} to configure one.
     */
    static DnsResolver system() {
        return DnsjavaResolver.builder().build();
    }

    /** The TXT records of {@code name}. */
    DnsResult<TxtRecord> txt(String name);

    /** The MX records of {@code name}, in the order the answer gave them. */
    DnsResult<MxRecord> mx(String name);

    /** The IPv4 addresses of {@code name}. */
    DnsResult<Inet4Address> a(String name);

    /** The IPv6 addresses of {@code name}. */
    DnsResult<Inet6Address> aaaa(String name);

    /** The TLSA records at {@code name}, e.g. {@code _25._tcp.mx.example.org}. */
    DnsResult<TlsaRecord> tlsa(String name);

    /**
     * The host names of {@code address} from its PTR records, looked up under {@code in-addr.arpa}
     * or {@code ip6.arpa}; names are lower case, A-labels, without trailing dot.
     */
    DnsResult<String> ptr(InetAddress address);

    /**
     * The IPv4 and then the IPv6 addresses of {@code name}. Succeeds if either lookup found
     * addresses; the answer is authenticated only if both were. Without addresses, a temporary
     * failure of either lookup wins, then NXDOMAIN if both said so, else no data.
     */
    default DnsResult<InetAddress> addresses(String name) {
        DnsResult<Inet4Address> v4 = a(name);
        DnsResult<Inet6Address> v6 = aaaa(name);
        if (v4.isSuccess() || v6.isSuccess()) {
            List<InetAddress> all = new ArrayList<>(v4.records().size() + v6.records().size());
            all.addAll(v4.records());
            all.addAll(v6.records());
            Duration ttl = v4.isSuccess() && v6.isSuccess()
                    ? min(v4.ttl(), v6.ttl())
                    : v4.isSuccess() ? v4.ttl() : v6.ttl();
            String canonical = v4.isSuccess() ? v4.name() : v6.name();
            return DnsResult.success(canonical, all, v4.authenticated() && v6.authenticated(), ttl);
        }
        if (v4.isTemporaryFailure()) {
            return DnsResult.temporaryFailure(v4.name(), v4.error());
        }
        if (v6.isTemporaryFailure()) {
            return DnsResult.temporaryFailure(v6.name(), v6.error());
        }
        boolean authenticated = v4.authenticated() && v6.authenticated();
        Duration ttl = min(v4.ttl(), v6.ttl());
        if (v4.status() == DnsResult.Status.NXDOMAIN && v6.status() == DnsResult.Status.NXDOMAIN) {
            return DnsResult.nxdomain(v4.name(), authenticated, ttl);
        }
        return DnsResult.noData(v4.name(), authenticated, ttl);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
