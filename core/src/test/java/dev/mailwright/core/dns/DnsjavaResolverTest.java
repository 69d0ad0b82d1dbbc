package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.DnsResult.Status;
import dev.mailwright.core.dns.TestDnsServer.Behaviour;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

class DnsjavaResolverTest {

    private static final String ZONE = """
            $ORIGIN example.org.
            $TTL 300
            @        IN SOA  ns1 hostmaster 1 7200 900 1209600 60
            @        IN MX   10 mx
            @        IN TXT  "v=spf1 mx -all"
            mx  120  IN A    192.0.2.25
            mx       IN AAAA 2001:db8::25
            www      IN CNAME web
            web      IN CNAME mx
            nomail   IN MX   0 .
            big      IN TXT  "%s"
            big      IN TXT  "%s"
            big      IN TXT  "%s"
            big      IN TXT  "%s"
            big      IN TXT  "%s"
            big      IN TXT  "%s"
            25.2.0.192.in-addr.arpa. IN PTR mx.example.org.
            """.formatted("a".repeat(250), "b".repeat(250), "c".repeat(250), "d".repeat(250),
                    "e".repeat(250), "f".repeat(250));

    private final FakeTicker ticker = new FakeTicker();
    private TestDnsServer server;
    private TestDnsServer second;

    @BeforeEach
    void start() throws Exception {
        server = new TestDnsServer(ZoneFileResolver.builder().zoneText(ZONE).build());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        if (second != null) {
            second.close();
        }
    }

    private DnsjavaResolver.Builder resolver() {
        return DnsjavaResolver.builder()
                .server(server.address())
                .timeout(Duration.ofSeconds(3))
                .retries(0)
                .ticker(ticker);
    }

    @Test
    void answersEveryTypeOverTheWire() throws Exception {
        DnsjavaResolver dns = resolver().build();
        assertThat(dns.mx("example.org").records()).containsExactly(new MxRecord(10, "mx.example.org"));
        assertThat(dns.txt("example.org").records()).extracting(TxtRecord::text).containsExactly("v=spf1 mx -all");
        assertThat(dns.a("mx.example.org").records()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.25");
        assertThat(dns.aaaa("mx.example.org").records()).extracting(InetAddress::getHostAddress)
                .containsExactly("2001:db8:0:0:0:0:0:25");
        assertThat(dns.ptr(InetAddress.getByName("192.0.2.25")).records()).containsExactly("mx.example.org");
        assertThat(dns.mx("nomail.example.org").records().get(0).isNullMx()).isTrue();
        assertThat(dns.servers()).containsExactly(server.address());
    }

    @Test
    void queriesAskForDnssecAndTheAdBit() {
        resolver().build().a("mx.example.org");
        Message query = server.received().get(0);
        assertThat(query.getOPT()).isNotNull();
        assertThat(query.getOPT().getFlags() & ExtendedFlags.DO).isEqualTo(ExtendedFlags.DO);
        assertThat(query.getOPT().getPayloadSize()).isEqualTo(WireClient.EDNS_PAYLOAD);
        assertThat(query.getHeader().getFlag(Flags.AD)).isTrue();
        assertThat(query.getHeader().getFlag(Flags.RD)).isTrue();
    }

    @Test
    void theAdBitIsPassedThrough() {
        DnsjavaResolver dns = resolver().cacheSize(0).build();
        assertThat(dns.mx("example.org").authenticated()).isFalse();
        server.authenticated(true);
        assertThat(dns.mx("example.org").authenticated()).isTrue();
        assertThat(dns.txt("missing.example.org").authenticated()).isTrue();
    }

    @Test
    void answersAreCachedForTheirTtl() {
        DnsjavaResolver dns = resolver().build();
        DnsResult<Inet4Address> first = dns.a("mx.example.org");
        assertThat(first.ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(server.udpQueries()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(100));
        DnsResult<Inet4Address> cached = dns.a("MX.example.org.");
        assertThat(cached.records()).isEqualTo(first.records());
        assertThat(cached.ttl()).isEqualTo(Duration.ofSeconds(20));
        assertThat(server.udpQueries()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(21));
        assertThat(dns.a("mx.example.org").ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void maxTtlCapsHowLongAnswersAreKept() {
        DnsjavaResolver dns = resolver().maxTtl(Duration.ofSeconds(10)).build();
        assertThat(dns.txt("example.org").ttl()).isEqualTo(Duration.ofSeconds(10));
        ticker.advance(Duration.ofSeconds(11));
        dns.txt("example.org");
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void negativeAnswersAreCachedForTheSoaMinimum() {
        DnsjavaResolver dns = resolver().build();
        DnsResult<TxtRecord> missing = dns.txt("missing.example.org");
        assertThat(missing.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(missing.ttl()).isEqualTo(Duration.ofSeconds(60));
        DnsResult<TxtRecord> noData = dns.txt("mx.example.org");
        assertThat(noData.status()).isEqualTo(Status.NO_DATA);
        assertThat(server.udpQueries()).isEqualTo(2);

        ticker.advance(Duration.ofSeconds(59));
        assertThat(dns.txt("missing.example.org").status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dns.txt("mx.example.org").status()).isEqualTo(Status.NO_DATA);
        assertThat(server.udpQueries()).isEqualTo(2);

        ticker.advance(Duration.ofSeconds(2));
        dns.txt("missing.example.org");
        dns.txt("mx.example.org");
        assertThat(server.udpQueries()).isEqualTo(4);
    }

    @Test
    void maxNegativeTtlCapsNegativeCaching() {
        DnsjavaResolver dns = resolver().maxNegativeTtl(Duration.ofSeconds(5)).build();
        assertThat(dns.txt("missing.example.org").ttl()).isEqualTo(Duration.ofSeconds(5));
        ticker.advance(Duration.ofSeconds(6));
        dns.txt("missing.example.org");
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void negativeAnswersWithoutSoaAreNotCached() throws Exception {
        server.close();
        server = new TestDnsServer(ZoneFileResolver.builder().record("example.com. 300 IN A 192.0.2.1").build());
        DnsjavaResolver dns = resolver().build();
        assertThat(dns.txt("missing.example.com").status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dns.txt("missing.example.com").ttl()).isEqualTo(Duration.ZERO);
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void timeoutIsATemporaryFailure() {
        server.behaviour(Behaviour.DROP);
        DnsjavaResolver dns = resolver().timeout(Duration.ofMillis(100)).failureTtl(Duration.ZERO).build();
        DnsResult<MxRecord> result = dns.mx("example.org");
        assertThat(result.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(result.error()).isEqualTo("timeout from " + server.address());
        assertThat(result.records()).isEmpty();
        assertThat(result.authenticated()).isFalse();
    }

    @Test
    void retriesGoRoundTheServersAgain() {
        server.behaviour(Behaviour.DROP);
        DnsjavaResolver dns = resolver().timeout(Duration.ofMillis(100)).retries(2).build();
        DnsResult<MxRecord> result = dns.mx("example.org");
        assertThat(result.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(result.error()).isEqualTo("timeout from " + server.address() + " (3 attempts)");
        assertThat(server.udpQueries()).isEqualTo(3);
    }

    @Test
    void servfailAndRefusedAreTemporaryFailures() {
        DnsjavaResolver dns = resolver().failureTtl(Duration.ZERO).build();
        server.behaviour(Behaviour.SERVFAIL);
        DnsResult<TxtRecord> servfail = dns.txt("example.org");
        assertThat(servfail.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(servfail.error()).isEqualTo("SERVFAIL from " + server.address());
        server.behaviour(Behaviour.REFUSED);
        assertThat(dns.txt("example.org").error()).isEqualTo("REFUSED from " + server.address());
        server.behaviour(Behaviour.ANSWER);
        assertThat(dns.txt("example.org").status()).isEqualTo(Status.SUCCESS);
    }

    @Test
    void temporaryFailuresAreCachedBriefly() {
        DnsjavaResolver dns = resolver().failureTtl(Duration.ofSeconds(5)).build();
        server.behaviour(Behaviour.SERVFAIL);
        assertThat(dns.txt("example.org").isTemporaryFailure()).isTrue();
        server.behaviour(Behaviour.ANSWER);
        assertThat(dns.txt("example.org").isTemporaryFailure()).isTrue();
        assertThat(server.udpQueries()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(6));
        assertThat(dns.txt("example.org").isSuccess()).isTrue();
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void aFailingServerIsFollowedByTheNext() throws Exception {
        second = new TestDnsServer(ZoneFileResolver.builder().zoneText(ZONE).build());
        server.behaviour(Behaviour.SERVFAIL);
        DnsjavaResolver dns = resolver().server(second.address()).build();
        assertThat(dns.mx("example.org").records()).containsExactly(new MxRecord(10, "mx.example.org"));
        assertThat(server.udpQueries()).isEqualTo(1);
        assertThat(second.udpQueries()).isEqualTo(1);
    }

    @Test
    void truncatedAnswersAreFetchedAgainOverTcp() {
        server.behaviour(Behaviour.TRUNCATE_UDP);
        DnsResult<TxtRecord> big = resolver().build().txt("big.example.org");
        assertThat(big.status()).isEqualTo(Status.SUCCESS);
        assertThat(big.records()).hasSize(6);
        assertThat(server.udpQueries()).isEqualTo(1);
        assertThat(server.tcpQueries()).isEqualTo(1);
    }

    @Test
    void answersLargerThanTheEdnsPayloadComeOverTcp() {
        // Six 250-octet strings exceed the 1232-octet EDNS payload: the server truncates on its own.
        DnsResult<TxtRecord> big = resolver().build().txt("big.example.org");
        assertThat(big.records()).extracting(TxtRecord::text).contains("a".repeat(250), "f".repeat(250));
        assertThat(server.tcpQueries()).isEqualTo(1);
    }

    @Test
    void cnameChainsAnsweredInOneResponse() {
        DnsjavaResolver dns = resolver().build();
        DnsResult<Inet4Address> www = dns.a("www.example.org");
        assertThat(www.records()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.25");
        assertThat(www.name()).isEqualTo("mx.example.org");
        assertThat(www.ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(server.udpQueries()).isEqualTo(1);
        DnsResult<TxtRecord> noTxt = dns.txt("www.example.org");
        assertThat(noTxt.status()).isEqualTo(Status.NO_DATA);
        assertThat(noTxt.name()).isEqualTo("mx.example.org");
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void cnameChainsLeftUnfollowedAreFollowedByTheClient() {
        server.followCnames(false);
        server.authenticated(true);
        DnsjavaResolver dns = resolver().build();
        DnsResult<Inet4Address> www = dns.a("www.example.org");
        assertThat(www.records()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.25");
        assertThat(www.authenticated()).isTrue();
        assertThat(server.udpQueries()).isEqualTo(3);
        // The targets are cached as questions of their own.
        assertThat(dns.a("web.example.org").isSuccess()).isTrue();
        assertThat(server.udpQueries()).isEqualTo(3);
    }

    @Test
    void concurrentLookupsOfOneQuestionShareOneQuery() throws Exception {
        server.behaviour(Behaviour.HOLD);
        DnsjavaResolver dns = resolver().timeout(Duration.ofSeconds(5)).failureTtl(Duration.ZERO).build();
        List<DnsResult<MxRecord>> results = new CopyOnWriteArrayList<>();
        Thread first = new Thread(() -> results.add(dns.mx("example.org")));
        first.start();
        await(() -> server.udpQueries() == 1);
        Thread second = new Thread(() -> results.add(dns.mx("example.org")));
        second.start();
        await(() -> second.getState() == Thread.State.TIMED_WAITING);
        server.release();
        first.join(10_000);
        second.join(10_000);
        assertThat(results).hasSize(2).allMatch(DnsResult::isSuccess);
        // Had the second lookup sent its own query, the server would have received it before answering it.
        assertThat(server.udpQueries()).isEqualTo(1);
    }

    @Test
    void toBuilderKeepsTheSettingsButNotTheCache() {
        DnsjavaResolver dns = resolver().maxTtl(Duration.ofSeconds(42)).build();
        dns.txt("example.org");
        DnsjavaResolver copy = dns.toBuilder().build();
        assertThat(copy.servers()).isEqualTo(dns.servers());
        assertThat(copy.txt("example.org").ttl()).isEqualTo(Duration.ofSeconds(42));
        assertThat(server.udpQueries()).isEqualTo(2);
    }

    @Test
    void systemResolversAreIndependentInstances() {
        // Reads the system configuration only; nothing is sent.
        DnsResolver one = DnsResolver.system();
        DnsResolver two = DnsResolver.system();
        assertThat(one).isNotSameAs(two).isInstanceOf(DnsjavaResolver.class);
        assertThat(((DnsjavaResolver) one).servers()).isNotEmpty();
    }

    @Test
    void settingsOutOfRangeAreRejectedByBuild() {
        assertThatThrownBy(() -> resolver().timeout(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> resolver().retries(6).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retries");
        assertThatThrownBy(() -> resolver().cacheSize(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheSize");
        assertThatThrownBy(() -> resolver().failureTtl(Duration.ofMinutes(6)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failureTtl");
        assertThatThrownBy(() -> resolver().maxTtl(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxTtl");
        assertThatThrownBy(() -> resolver().server("dns.example.org"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP address");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
