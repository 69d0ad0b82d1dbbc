package dev.mailwright.auth.testing;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.MxRecord;
import dev.mailwright.core.dns.TlsaRecord;
import dev.mailwright.core.dns.TxtRecord;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * A resolver over zone data where some names time out for every type they hold no records of,
 * as the RFC 7208 test suite's {@code TIMEOUT} entries do.
 */
public final class TimeoutResolver implements DnsResolver {

    private final DnsResolver zone;
    private final Set<String> timeouts;

    public TimeoutResolver(DnsResolver zone, Set<String> timeouts) {
        this.zone = zone;
        this.timeouts = Set.copyOf(timeouts.stream().map(TimeoutResolver::normalize).toList());
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private <T> DnsResult<T> guard(String name, Function<String, DnsResult<T>> lookup) {
        DnsResult<T> result = lookup.apply(name);
        if (!result.isSuccess() && timeouts.contains(normalize(name))) {
            return DnsResult.temporaryFailure(normalize(name), "timeout (test data)");
        }
        return result;
    }

    @Override
    public DnsResult<TxtRecord> txt(String name) {
        return guard(name, zone::txt);
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return guard(name, zone::mx);
    }

    @Override
    public DnsResult<Inet4Address> a(String name) {
        return guard(name, zone::a);
    }

    @Override
    public DnsResult<Inet6Address> aaaa(String name) {
        return guard(name, zone::aaaa);
    }

    @Override
    public DnsResult<TlsaRecord> tlsa(String name) {
        return guard(name, zone::tlsa);
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        return zone.ptr(address);
    }
}
