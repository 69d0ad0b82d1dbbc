package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.dns.DnsResult.Status;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/** CNAME chasing over replies shaped the way real servers shape them. */
class ChasingResolverTest {

    /** Answers from a script and remembers what was asked. */
    private static final class Scripted extends ChasingResolver {
        final Map<String, Reply> replies = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        @Override
        Reply query(Name name, int type) {
            String key = name + "/" + Type.string(type);
            asked.add(key);
            Reply reply = replies.get(key);
            if (reply == null) {
                throw new AssertionError("unexpected question " + key);
            }
            return reply;
        }
    }

    private final Scripted dns = new Scripted();

    @Test
    void nxdomainAfterAChainSpeaksOfTheLastName() throws Exception {
        // RFC 6604 §3: the RCODE belongs to the last name of the chain.
        dns.replies.put("www.example.org./A", Reply.nxdomain(
                List.of(cname("www.example.org.", "gone.example.net.", 300)), soa("example.net.", 600, 30), true));
        DnsResult<Inet4Address> result = dns.a("www.example.org");
        assertThat(result.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(result.name()).isEqualTo("gone.example.net");
        assertThat(result.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(result.authenticated()).isTrue();
        assertThat(dns.asked).containsExactly("www.example.org./A");
    }

    @Test
    void noDataAfterAChainIsBelievedWhenTheSoaProvesIt() throws Exception {
        dns.replies.put("www.example.org./AAAA", Reply.noError(
                List.of(cname("www.example.org.", "host.example.net.", 300)), soa("example.net.", 600, 60), false));
        DnsResult<Inet6Address> result = dns.aaaa("www.example.org");
        assertThat(result.status()).isEqualTo(Status.NO_DATA);
        assertThat(result.name()).isEqualTo("host.example.net");
        assertThat(result.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(dns.asked).hasSize(1);
    }

    @Test
    void aChainThatStopsWithoutProofIsAskedOnAndAdNeedsEveryStep() throws Exception {
        dns.replies.put("www.example.org./A", Reply.noError(
                List.of(cname("www.example.org.", "host.example.net.", 300)), null, false));
        dns.replies.put("host.example.net./A", Reply.noError(
                List.of(new ARecord(Name.fromString("host.example.net."), DClass.IN, 50,
                        InetAddress.getByName("192.0.2.7"))), null, true));
        DnsResult<Inet4Address> result = dns.a("www.example.org");
        assertThat(result.status()).isEqualTo(Status.SUCCESS);
        assertThat(result.authenticated()).isFalse();
        assertThat(result.ttl()).isEqualTo(Duration.ofSeconds(50));
        assertThat(dns.asked).containsExactly("www.example.org./A", "host.example.net./A");
    }

    @Test
    void unrelatedRecordsInTheAnswerAreIgnored() throws Exception {
        dns.replies.put("example.org./A", Reply.noError(
                List.of(new ARecord(Name.fromString("evil.example."), DClass.IN, 300,
                        InetAddress.getByName("203.0.113.66"))), null, false));
        assertThat(dns.a("example.org").status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void aFailureMidChainIsTheResult() throws Exception {
        dns.replies.put("www.example.org./TXT", Reply.noError(
                List.of(cname("www.example.org.", "host.example.net.", 300)), null, true));
        dns.replies.put("host.example.net./TXT", Reply.failure("SERVFAIL from 192.0.2.53:53"));
        DnsResult<TxtRecord> result = dns.txt("www.example.org");
        assertThat(result.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(result.name()).isEqualTo("host.example.net");
        assertThat(result.error()).isEqualTo("SERVFAIL from 192.0.2.53:53");
    }

    @Test
    void ipv4MappedAaaaStaysAnIpv6Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, 0, 2, 1};
        dns.replies.put("h.example./AAAA", Reply.noError(List.of(new AAAARecord(Name.fromString("h.example."),
                DClass.IN, 300, mapped)), null, false));
        DnsResult<Inet6Address> result = dns.aaaa("h.example");
        assertThat(result.records()).hasSize(1);
        assertThat(result.records().get(0).getAddress()).isEqualTo(mapped);
    }

    @Test
    void ttlLimitOfAReplyCapsTheResult() throws Exception {
        dns.replies.put("h.example./A", Reply.noError(List.of(new ARecord(Name.fromString("h.example."), DClass.IN,
                300, InetAddress.getByName("192.0.2.1"))), null, false).withTtlLimit(12));
        assertThat(dns.a("h.example").ttl()).isEqualTo(Duration.ofSeconds(12));
    }

    private static Record cname(String owner, String target, long ttl) throws Exception {
        return new CNAMERecord(Name.fromString(owner), DClass.IN, ttl, Name.fromString(target));
    }

    private static SOARecord soa(String apex, long ttl, long minimum) throws Exception {
        Name name = Name.fromString(apex);
        return new SOARecord(name, DClass.IN, ttl, Name.fromString("ns", name), Name.fromString("hostmaster", name),
                1, 7200, 900, 1209600, minimum);
    }
}
