package dev.mailwright.core.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.TLSARecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The part every resolver shares: follows CNAME chains over single-question {@link Reply replies}
 * and turns dnsjava records into the public record types. A subclass only answers one question at
 * a time.
 */
abstract class ChasingResolver implements DnsResolver {

    /**
     * CNAMEs followed before giving up. Real chains are one or two long; recursive servers give up
     * in the same range (BIND at 16 restarts, Unbound at 11) and answer SERVFAIL, so a longer chain
     * is a temporary failure here too.
     */
    static final int MAX_CNAMES = 8;

    /** Answers one question; never null, never throws for a DNS outcome. */
    abstract Reply query(Name name, int type);

    @Override
    public DnsResult<TxtRecord> txt(String name) {
        return resolve(DnsNames.parse(name), Type.TXT)
                .map(r -> TxtRecord.of(((TXTRecord) r).getStringsAsByteArrays()));
    }

    @Override
    public DnsResult<MxRecord> mx(String name) {
        return resolve(DnsNames.parse(name), Type.MX).map(r -> {
            MXRecord mx = (MXRecord) r;
            return new MxRecord(mx.getPriority(), DnsNames.text(mx.getTarget()));
        });
    }

    @Override
    public DnsResult<Inet4Address> a(String name) {
        return resolve(DnsNames.parse(name), Type.A)
                .map(r -> (Inet4Address) address(r.rdataToWireCanonical()));
    }

    @Override
    public DnsResult<Inet6Address> aaaa(String name) {
        return resolve(DnsNames.parse(name), Type.AAAA)
                // The RDATA itself: AAAARecord.getAddress() narrows an IPv4-mapped address to IPv4.
                .map(r -> ipv6(r.rdataToWireCanonical()));
    }

    @Override
    public DnsResult<TlsaRecord> tlsa(String name) {
        return resolve(DnsNames.parse(name), Type.TLSA).map(r -> {
            TLSARecord tlsa = (TLSARecord) r;
            return new TlsaRecord(tlsa.getCertificateUsage(), tlsa.getSelector(), tlsa.getMatchingType(),
                    tlsa.getCertificateAssociationData());
        });
    }

    @Override
    public DnsResult<String> ptr(InetAddress address) {
        if (address == null) {
            throw new IllegalArgumentException("address is null");
        }
        return resolve(ReverseMap.fromAddress(address), Type.PTR)
                .map(r -> DnsNames.text(((PTRRecord) r).getTarget()));
    }

    /** Asks for {@code type} at {@code name}, following CNAMEs. */
    final DnsResult<Record> resolve(Name name, int type) {
        Set<Name> visited = new HashSet<>();
        visited.add(name);
        Name current = name;
        boolean authenticated = true;
        long ttl = Long.MAX_VALUE;
        while (true) {
            Reply reply = query(current, type);
            if (reply.kind() == Reply.Kind.FAILURE) {
                return DnsResult.temporaryFailure(DnsNames.text(current), reply.error());
            }
            authenticated &= reply.authenticated();
            ttl = Math.min(ttl, reply.ttlLimit());
            Name asked = current;
            // A recursive server usually answers the whole chain at once; walk it as far as it goes.
            while (true) {
                List<Record> rrset = reply.rrset(current, type);
                if (!rrset.isEmpty()) {
                    for (Record record : rrset) {
                        ttl = Math.min(ttl, record.getTTL());
                    }
                    return DnsResult.success(DnsNames.text(current), rrset, authenticated, seconds(ttl));
                }
                CNAMERecord cname = reply.cname(current);
                if (cname == null) {
                    break;
                }
                ttl = Math.min(ttl, cname.getTTL());
                current = cname.getTarget();
                if (!visited.add(current)) {
                    return DnsResult.temporaryFailure(DnsNames.text(name), "CNAME loop at " + DnsNames.text(current));
                }
                if (visited.size() > MAX_CNAMES + 1) {
                    return DnsResult.temporaryFailure(DnsNames.text(name),
                            "CNAME chain longer than " + MAX_CNAMES);
                }
            }
            // RFC 6604: after a CNAME chain the RCODE speaks of the chain's last name.
            if (reply.kind() == Reply.Kind.NXDOMAIN) {
                return DnsResult.nxdomain(DnsNames.text(current), authenticated,
                        seconds(Math.min(ttl, reply.negativeTtl())));
            }
            if (current.equals(asked) || reply.soa() != null) {
                return DnsResult.noData(DnsNames.text(current), authenticated,
                        seconds(Math.min(ttl, reply.negativeTtl())));
            }
            // The chain ended at a name this reply says nothing about: ask for it.
        }
    }

    private static Duration seconds(long ttl) {
        return Duration.ofSeconds(Math.max(0, Math.min(ttl, Integer.MAX_VALUE)));
    }

    /** An address without a host name attached, so it prints and compares as the bare address. */
    private static InetAddress address(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + octets.length + " octets from a parsed record", e);
        }
    }

    /** Always an {@link Inet6Address}, also for IPv4-mapped addresses that getByAddress would narrow. */
    private static Inet6Address ipv6(byte[] octets) {
        try {
            return Inet6Address.getByAddress(null, octets, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("address of " + octets.length + " octets from a parsed record", e);
        }
    }
}
