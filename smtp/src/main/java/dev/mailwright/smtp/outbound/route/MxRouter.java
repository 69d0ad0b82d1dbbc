package dev.mailwright.smtp.outbound.route;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.MxRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Finds the hosts that receive mail for a domain (RFC 5321 §5.1): MX records by preference,
 * shuffled among equal preferences to spread the load; the domain itself as an implicit MX when
 * it has no MX records but has addresses; and a permanent failure for a null MX (RFC 7505) or a
 * domain that does not exist. Addresses of each host are looked up later, host by host.
 */
public final class MxRouter {

    /** More MX hosts than any domain needs; a longer list is cut (Postfix: smtp_mx_address_limit). */
    public static final int MAX_HOSTS = 10;

    private final DnsResolver dns;
    private final RandomGenerator random;

    public MxRouter(DnsResolver dns, RandomGenerator random) {
        this.dns = Objects.requireNonNull(dns, "dns");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** The route for {@code domain} (an A-label domain name). */
    public Route route(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        DnsResult<MxRecord> mx = dns.mx(name);
        switch (mx.status()) {
            case TEMPORARY_FAILURE:
                return Route.Failure.temporary("MX lookup for " + name + " failed: " + mx.error());
            case NXDOMAIN:
                return Route.Failure.permanent("5.1.2", 550, "domain " + name + " does not exist");
            case NO_DATA:
                return implicitMx(name);
            default:
                break;
        }
        List<MxRecord> records = mx.records();
        boolean onlyNull = records.stream().allMatch(MxRecord::isNullMx);
        if (onlyNull) {
            return Route.Failure.permanent("5.1.10", 556, "domain " + name + " accepts no mail (null MX)");
        }
        Map<Integer, List<MxHost>> byPreference = new LinkedHashMap<>();
        records.stream()
                .filter(r -> !r.isNullMx())
                .sorted(Comparator.comparingInt(MxRecord::preference))
                .forEach(r -> byPreference.computeIfAbsent(r.preference(), p -> new ArrayList<>())
                        .add(new MxHost(r.exchange(), r.preference())));
        List<MxHost> hosts = new ArrayList<>();
        for (List<MxHost> group : byPreference.values()) {
            shuffle(group);
            for (MxHost host : group) {
                if (hosts.size() < MAX_HOSTS && hosts.stream().noneMatch(h -> h.name().equals(host.name()))) {
                    hosts.add(host);
                }
            }
        }
        return new Route.Hosts(name, hosts, mx.authenticated(), false);
    }

    private Route implicitMx(String name) {
        DnsResult<?> addresses = dns.addresses(name);
        if (addresses.isSuccess()) {
            return new Route.Hosts(name, List.of(new MxHost(name, 0)), addresses.authenticated(), true);
        }
        if (addresses.isTemporaryFailure()) {
            return Route.Failure.temporary("address lookup for " + name + " failed: " + addresses.error());
        }
        return Route.Failure.permanent("5.1.2", 550, "domain " + name + " has no MX and no address records");
    }

    private void shuffle(List<MxHost> group) {
        for (int i = group.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            MxHost t = group.get(i);
            group.set(i, group.get(j));
            group.set(j, t);
        }
    }
}
