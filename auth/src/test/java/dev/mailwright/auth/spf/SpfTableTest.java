package dev.mailwright.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our own table over one zone: each mechanism, modifier and limit of RFC 7208 with the result it
 * must give. Each row names a domain whose record is the thing under test.
 */
class SpfTableTest {

    private static final String ZONE = """
            $ORIGIN example.org.
            $TTL 300
            @            TXT "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 -all"
            @            MX  10 mx1
            @            MX  20 mx2
            mx1          A   198.51.100.1
            mx2          A   198.51.100.2
            mx2          AAAA 2001:db8:2::2
            host         A   203.0.113.7
            host         AAAA 2001:db8:7::7
            all-pass     TXT "v=spf1 +all"
            all-fail     TXT "v=spf1 -all"
            all-soft     TXT "v=spf1 ~all"
            all-neutral  TXT "v=spf1 ?all"
            empty        TXT "v=spf1"
            a-self       TXT "v=spf1 a -all"
            a-self       A   203.0.113.9
            a-other      TXT "v=spf1 a:host.example.org -all"
            a-cidr       TXT "v=spf1 a:host.example.org/24//48 -all"
            mx-self      TXT "v=spf1 mx:example.org -all"
            mx-cidr      TXT "v=spf1 mx:example.org/16 -all"
            ptr-self     TXT "v=spf1 ptr:example.org -all"
            ptr-other    TXT "v=spf1 ptr:example.com -all"
            exists       TXT "v=spf1 exists:%{ir}.list.example.org -all"
            7.113.0.203.list A 127.0.0.2
            include      TXT "v=spf1 include:all-soft.example.org include:a-other.example.org -all"
            include-none TXT "v=spf1 include:nothing.example.org -all"
            include-err  TXT "v=spf1 include:broken.example.net -all"
            redirect     TXT "v=spf1 redirect=a-other.example.org"
            redirect-gone TXT "v=spf1 redirect=nothing.example.org"
            exp          TXT "v=spf1 -all exp=why.%{d}"
            why.exp      TXT "%{c} may not send for %{d} (asked %{r} at %{t}; %{i} via %{v})"
            exp-pass     TXT "v=spf1 +all exp=why.exp.example.org"
            unknown-mod  TXT "v=spf1 moo=bar:%{d} -all"
            bad-mech     TXT "v=spf1 ip4:192.0.2.1 frobnicate -all"
            bad-ip4      TXT "v=spf1 ip4:192.0.2 -all"
            two-records  TXT "v=spf1 -all"
            two-records  TXT "v=spf1 +all"
            p-macro      TXT "v=spf1 exists:%{p}.names.example.org -all"
            host.example.org.names A 127.0.0.2
            ten          TXT "v=spf1 a a a a a a a a a a +all"
            ten          A   198.51.100.10
            eleven       TXT "v=spf1 a a a a a a a a a a a +all"
            eleven       A   198.51.100.11
            nest         TXT "v=spf1 include:ten.example.org +all"
            voids-two    TXT "v=spf1 a:n1.example.org a:n2.example.org +all"
            voids-three  TXT "v=spf1 a:n1.example.org a:n2.example.org exists:n3.example.org +all"
            mx-ten       TXT "v=spf1 mx -all"
            mx-ten       MX  0 n0
            mx-ten       MX  1 n1
            mx-ten       MX  2 n2
            mx-ten       MX  3 n3
            mx-ten       MX  4 n4
            mx-ten       MX  5 n5
            mx-ten       MX  6 n6
            mx-ten       MX  7 n7
            mx-ten       MX  8 n8
            mx-ten       MX  9 host
            mx-eleven    TXT "v=spf1 mx -all"
            mx-eleven    MX  0 n0
            mx-eleven    MX  1 n1
            mx-eleven    MX  2 n2
            mx-eleven    MX  3 n3
            mx-eleven    MX  4 n4
            mx-eleven    MX  5 n5
            mx-eleven    MX  6 n6
            mx-eleven    MX  7 n7
            mx-eleven    MX  8 n8
            mx-eleven    MX  9 n9
            mx-eleven    MX  10 host
            dns-fail     TXT "v=spf1 a:x.broken.example.net -all"
            mail         A   192.0.2.25
            mail         TXT "v=spf1 a -all"
            7.113.0.203.in-addr.arpa. PTR host.example.org.
            7.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.7.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. PTR host.example.org.
            """;

    private static final String PTR_ZONE = """
            $TTL 300
            $ORIGIN 0.113.203.in-addr.arpa.
            8 PTR n0.example.org.
            8 PTR n1.example.org.
            8 PTR n2.example.org.
            8 PTR n3.example.org.
            8 PTR n4.example.org.
            8 PTR n5.example.org.
            8 PTR n6.example.org.
            8 PTR n7.example.org.
            8 PTR n8.example.org.
            8 PTR n9.example.org.
            8 PTR late.example.org.
            $ORIGIN example.org.
            late A 203.0.113.8
            """;

    private static final DnsResolver DNS = ZoneFileResolver.builder()
            .zoneText(ZONE)
            .zoneText(PTR_ZONE)
            .failing("broken.example.net")
            .build();

    private final SpfVerifier verifier = SpfVerifier.builder(DNS)
            .receivingHost("mx.example.com")
            .clock(Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC))
            .build();

    @ParameterizedTest(name = "{0} from {1}: {2}")
    @CsvSource({
        // ip4, ip6, all
        "example.org, 192.0.2.77, pass",
        "example.org, 192.0.3.77, fail",
        "example.org, 2001:db8:ffff::1, pass",
        "example.org, 2001:db9::1, fail",
        "all-pass.example.org, 192.0.3.1, pass",
        "all-fail.example.org, 192.0.3.1, fail",
        "all-soft.example.org, 192.0.3.1, softfail",
        "all-neutral.example.org, 192.0.3.1, neutral",
        "empty.example.org, 192.0.3.1, neutral",
        "nothing.example.org, 192.0.3.1, none",
        // a
        "a-self.example.org, 203.0.113.9, pass",
        "a-self.example.org, 203.0.113.7, fail",
        "a-other.example.org, 203.0.113.7, pass",
        "a-other.example.org, 2001:db8:7::7, pass",
        "a-other.example.org, 2001:db8:7::8, fail",
        "a-cidr.example.org, 203.0.113.200, pass",
        "a-cidr.example.org, 2001:db8:7:ffff::1, pass",
        "a-cidr.example.org, 2001:db8:8::1, fail",
        // mx
        "mx-self.example.org, 198.51.100.2, pass",
        "mx-self.example.org, 2001:db8:2::2, pass",
        "mx-self.example.org, 198.51.100.3, fail",
        "mx-cidr.example.org, 198.51.7.7, pass",
        // ptr: the client's validated name is host.example.org
        "ptr-self.example.org, 203.0.113.7, pass",
        "ptr-self.example.org, 2001:db8:7::7, pass",
        "ptr-other.example.org, 203.0.113.7, fail",
        "ptr-self.example.org, 203.0.113.9, fail",
        // exists with macros
        "exists.example.org, 203.0.113.7, pass",
        "exists.example.org, 203.0.113.9, fail",
        // include and redirect
        "include.example.org, 203.0.113.7, pass",
        "include.example.org, 192.0.3.1, fail",
        "include-none.example.org, 192.0.3.1, permerror",
        "include-err.example.org, 192.0.3.1, temperror",
        "redirect.example.org, 203.0.113.7, pass",
        "redirect.example.org, 192.0.3.1, fail",
        "redirect-gone.example.org, 192.0.3.1, permerror",
        // syntax
        "unknown-mod.example.org, 192.0.3.1, fail",
        "bad-mech.example.org, 192.0.2.1, permerror",
        "bad-ip4.example.org, 192.0.2.1, permerror",
        "two-records.example.org, 192.0.2.1, permerror",
        // the p macro
        "p-macro.example.org, 203.0.113.7, pass",
        "p-macro.example.org, 203.0.113.9, fail",
        // limits: ten DNS terms pass, the eleventh is a permerror, nested ones count too
        "ten.example.org, 192.0.3.1, pass",
        "eleven.example.org, 192.0.3.1, permerror",
        "nest.example.org, 192.0.3.1, permerror",
        "voids-two.example.org, 192.0.3.1, pass",
        "voids-three.example.org, 192.0.3.1, permerror",
        "mx-ten.example.org, 203.0.113.7, pass",
        "mx-eleven.example.org, 203.0.113.7, permerror",
        // a DNS failure
        "dns-fail.example.org, 192.0.3.1, temperror",
        "broken.example.net, 192.0.3.1, temperror",
    })
    void mailFrom(String domain, String ip, String expected) throws Exception {
        SpfOutput output = verifier.verifyMailFrom(InetAddress.getByName(ip), "helo.example.com", "user@" + domain);
        assertThat(output.result().keyword()).as(output.reason()).isEqualTo(expected);
        assertThat(output.identity()).isEqualTo(SpfIdentity.MAILFROM);
    }

    @Test
    void ptrLooksAtTheFirstTenNamesOnly() throws Exception {
        // 203.0.113.8 has eleven PTR names; only the eleventh, late.example.org, resolves to it.
        SpfVerifier strict = SpfVerifier.builder(ZoneFileResolver.builder().zoneText(PTR_ZONE)
                .record("example.org. TXT \"v=spf1 ptr -all\"").build()).build();
        SpfOutput output = strict.verifyMailFrom(InetAddress.getByName("203.0.113.8"), "h.example.org",
                "user@example.org");
        assertThat(output.result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void explanationExpandsExplanationMacros() throws Exception {
        SpfOutput output = verifier.verifyMailFrom(InetAddress.getByName("192.0.3.1"), "helo.example.com",
                "user@exp.example.org");
        assertThat(output.result()).isEqualTo(SpfResult.FAIL);
        assertThat(output.explanation()).isEqualTo(
                "192.0.3.1 may not send for exp.example.org (asked mx.example.com at 1700000000; 192.0.3.1 via in-addr)");
    }

    @Test
    void explanationOnlyOnFail() throws Exception {
        SpfOutput output = verifier.verifyMailFrom(InetAddress.getByName("192.0.3.1"), "helo.example.com",
                "user@exp-pass.example.org");
        assertThat(output.result()).isEqualTo(SpfResult.PASS);
        assertThat(output.explanation()).isEmpty();
    }

    @Test
    void heloIdentity() throws Exception {
        SpfOutput output = verifier.verifyHelo(InetAddress.getByName("192.0.2.25"), "mail.example.org");
        assertThat(output).isEqualTo(new SpfOutput(SpfResult.PASS, SpfIdentity.HELO, "postmaster@mail.example.org",
                "mail.example.org", "", output.reason()));
        assertThat(verifier.verifyHelo(InetAddress.getByName("192.0.2.26"), "mail.example.org").result())
                .isEqualTo(SpfResult.FAIL);
        assertThat(verifier.verifyHelo(InetAddress.getByName("192.0.2.25"), "[192.0.2.25]").result())
                .isEqualTo(SpfResult.NONE);
        assertThat(verifier.verifyHelo(InetAddress.getByName("192.0.2.25"), "localhost").result())
                .isEqualTo(SpfResult.NONE);
    }

    @Test
    void nullSenderIsPostmasterAtHelo() throws Exception {
        SpfOutput output = verifier.verifyMailFrom(InetAddress.getByName("192.0.2.25"), "mail.example.org", "");
        assertThat(output.result()).isEqualTo(SpfResult.PASS);
        assertThat(output.identity()).isEqualTo(SpfIdentity.MAILFROM);
        assertThat(output.sender()).isEqualTo("postmaster@mail.example.org");
        assertThat(output.domain()).isEqualTo("mail.example.org");
        assertThat(verifier.verifyMailFrom(InetAddress.getByName("192.0.2.25"), "mail.example.org", "<>").sender())
                .isEqualTo("postmaster@mail.example.org");
    }

    @Test
    void ipv4MappedClientIsCheckedAsIpv4() throws Exception {
        InetAddress mapped = java.net.Inet6Address.getByAddress(null, IpAddresses.parseIp6("::ffff:192.0.2.77"), -1);
        assertThat(verifier.verifyMailFrom(mapped, "h.example.com", "a@example.org").result())
                .isEqualTo(SpfResult.PASS);
    }

    @Test
    void cacheServesRepeatedChecksWithoutChangingResults() throws Exception {
        AuthCache cache = AuthCache.create(100, Duration.ofMinutes(5));
        SpfVerifier cached = SpfVerifier.builder(DNS).cache(cache).build();
        for (int i = 0; i < 2; i++) {
            assertThat(cached.verifyMailFrom(InetAddress.getByName("203.0.113.7"), "h.example.com",
                    "a@include.example.org").result()).isEqualTo(SpfResult.PASS);
        }
        assertThat(cache.size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void buildRejectsOutOfRangeSettings() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpfVerifier.builder(DNS).maxVoidLookups(-1).build())
                .hasMessageContaining("maxVoidLookups");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SpfVerifier.builder(DNS).timeout(Duration.ZERO).build())
                .hasMessageContaining("timeout");
    }
}
