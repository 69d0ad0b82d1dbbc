package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.DnsResult.Status;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoneFileResolverTest {

    private static final String ZONE = """
            $ORIGIN example.org.
            $TTL 3600
            @          IN SOA  ns1 hostmaster 2024010101 7200 900 1209600 300
            @          IN NS   ns1
            @          IN MX   10 mx1
            @          IN MX   20 mx2.example.net.
            @     600  IN TXT  "v=spf1 ip4:192.0.2.0/24 " "include:_spf.example.net -all"
            ns1        IN A    192.0.2.1
            mx1   120  IN A    192.0.2.25
            mx1        IN AAAA 2001:db8::25
            _25._tcp.mx1 IN TLSA 3 1 1 0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6
            a.b.c      IN TXT  "deep"
            www        IN CNAME web
            web        IN CNAME host.example.net.
            loop1      IN CNAME loop2
            loop2      IN CNAME loop1
            dangling   IN CNAME nowhere
            $ORIGIN sub.example.org.
            $TTL 60
            host       IN A    192.0.2.80
            nomail     IN MX   0 .
            """;

    private static final String NET = """
            $ORIGIN example.net.
            $TTL 1800
            @          IN SOA  ns1 hostmaster 1 7200 900 1209600 900
            host       IN A    198.51.100.7
            host       IN A    198.51.100.8
            mx2        IN A    198.51.100.25
            """;

    private final ZoneFileResolver dns = ZoneFileResolver.builder().zoneText(ZONE).zoneText(NET).build();

    @Test
    void originAndTtlDirectivesApplyToTheRecordsAfterThem() {
        DnsResult<Inet4Address> host = dns.a("host.sub.example.org");
        assertThat(host.status()).isEqualTo(Status.SUCCESS);
        assertThat(host.records()).extracting(InetAddress::getHostAddress).containsExactly("192.0.2.80");
        assertThat(host.ttl()).isEqualTo(Duration.ofSeconds(60));
        assertThat(dns.a("ns1.example.org").ttl()).isEqualTo(Duration.ofSeconds(3600));
        assertThat(dns.a("mx1.example.org").ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(dns.a("host.example.org").status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void mxRecordsKeepPreferenceAndAbsoluteExchange() {
        DnsResult<MxRecord> mx = dns.mx("example.org");
        assertThat(mx.records()).containsExactly(new MxRecord(10, "mx1.example.org"), new MxRecord(20, "mx2.example.net"));
        assertThat(mx.records()).noneMatch(MxRecord::isNullMx);
        assertThat(mx.name()).isEqualTo("example.org");
    }

    @Test
    void nullMxIsRecognisable() {
        DnsResult<MxRecord> mx = dns.mx("nomail.sub.example.org");
        assertThat(mx.records()).containsExactly(new MxRecord(0, "."));
        assertThat(mx.records().get(0).isNullMx()).isTrue();
    }

    @Test
    void txtStringsAreJoinedWithoutSeparator() {
        DnsResult<TxtRecord> txt = dns.txt("example.org.");
        assertThat(txt.records()).hasSize(1);
        TxtRecord record = txt.records().get(0);
        assertThat(record.text()).isEqualTo("v=spf1 ip4:192.0.2.0/24 include:_spf.example.net -all");
        assertThat(record.strings()).containsExactly("v=spf1 ip4:192.0.2.0/24 ", "include:_spf.example.net -all");
        assertThat(txt.ttl()).isEqualTo(Duration.ofSeconds(600));
    }

    @Test
    void txtKeepsNonAsciiOctetsExactly() {
        ZoneFileResolver zone = ZoneFileResolver.builder()
                .record("utf8.example. 300 IN TXT \"caf\u00e9 \u2713\"")
                .record("latin1.example. 300 IN TXT \"caf\\233\"")
                .record("split.example. 300 IN TXT \"caf\\195\" \"\\169\"")
                .build();
        TxtRecord utf8 = zone.txt("utf8.example").records().get(0);
        assertThat(utf8.bytes()).isEqualTo("caf\u00e9 \u2713".getBytes(StandardCharsets.UTF_8));
        assertThat(utf8.text()).isEqualTo("caf\u00e9 \u2713");

        TxtRecord latin1 = zone.txt("latin1.example").records().get(0);
        assertThat(latin1.bytes()).containsExactly('c', 'a', 'f', 0xE9);
        assertThat(latin1.text()).isEqualTo("caf\u00e9");

        TxtRecord split = zone.txt("split.example").records().get(0);
        assertThat(split.text()).isEqualTo("caf\u00e9");
        assertThat(split.strings()).containsExactly("caf\u00c3", "\u00a9");
    }

    @Test
    void addressesOfBothFamilies() {
        assertThat(dns.aaaa("mx1.example.org").records()).extracting(InetAddress::getHostAddress)
                .containsExactly("2001:db8:0:0:0:0:0:25");
        DnsResult<InetAddress> all = dns.addresses("mx1.example.org");
        assertThat(all.status()).isEqualTo(Status.SUCCESS);
        assertThat(all.records()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.0.2.25", "2001:db8:0:0:0:0:0:25");
        assertThat(all.ttl()).isEqualTo(Duration.ofSeconds(120));
        assertThat(dns.addresses("ns1.example.org").records()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.0.2.1");
        assertThat(dns.addresses("nothing.example.org").status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dns.addresses("example.org").status()).isEqualTo(Status.NO_DATA);
    }

    @Test
    void tlsaFields() {
        DnsResult<TlsaRecord> tlsa = dns.tlsa("_25._tcp.mx1.example.org");
        assertThat(tlsa.records()).containsExactly(new TlsaRecord(3, 1, 1, HexFormat.of().parseHex(
                "0C72AC70B745AC19998811B131D662C9AC69DBDBE7CB23E5B514B56664C5D3D6")));
        assertThat(tlsa.records().get(0).toString())
                .isEqualTo("3 1 1 0c72ac70b745ac19998811b131d662c9ac69dbdbe7cb23e5b514b56664c5d3d6");
    }

    @Test
    void ptrForIpv4AndIpv6() throws Exception {
        ZoneFileResolver zone = ZoneFileResolver.builder()
                .record("25.2.0.192.in-addr.arpa. 300 IN PTR MX1.Example.ORG.")
                .record("5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 300 IN PTR mx1.example.org.")
                .build();
        assertThat(zone.ptr(InetAddress.getByName("192.0.2.25")).records()).containsExactly("mx1.example.org");
        assertThat(zone.ptr(InetAddress.getByName("2001:db8::25")).records()).containsExactly("mx1.example.org");
        DnsResult<String> missing = zone.ptr(InetAddress.getByName("192.0.2.26"));
        assertThat(missing.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(missing.name()).isEqualTo("26.2.0.192.in-addr.arpa");
    }

    @Test
    void nxdomainNoDataAndEmptyNonTerminals() {
        DnsResult<TxtRecord> missing = dns.txt("missing.example.org");
        assertThat(missing.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(missing.isNegative()).isTrue();
        // RFC 2308 §5: the lesser of the SOA's TTL and MINIMUM.
        assertThat(missing.ttl()).isEqualTo(Duration.ofSeconds(300));

        DnsResult<TxtRecord> wrongType = dns.txt("ns1.example.org");
        assertThat(wrongType.status()).isEqualTo(Status.NO_DATA);
        assertThat(wrongType.ttl()).isEqualTo(Duration.ofSeconds(300));

        // b.c.example.org and c.example.org exist only because a.b.c.example.org does (RFC 8020).
        assertThat(dns.txt("b.c.example.org").status()).isEqualTo(Status.NO_DATA);
        assertThat(dns.txt("c.example.org").status()).isEqualTo(Status.NO_DATA);
        assertThat(dns.txt("a.b.c.example.org").status()).isEqualTo(Status.SUCCESS);
        // Below a name that does not exist, nothing exists.
        assertThat(dns.txt("x.missing.example.org").status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dns.txt("x.a.b.c.example.org").status()).isEqualTo(Status.NXDOMAIN);
    }

    @Test
    void namesAreCaseInsensitiveWithOrWithoutTrailingDot() {
        assertThat(dns.mx("EXAMPLE.Org.").records()).hasSize(2);
        assertThat(dns.mx("example.org").records()).hasSize(2);
        assertThat(dns.a("Host.SUB.example.ORG").name()).isEqualTo("host.sub.example.org");
    }

    @Test
    void idnNamesAreLookedUpAsALabels() {
        ZoneFileResolver zone = ZoneFileResolver.builder()
                .record("xn--bcher-kva.example. 300 IN MX 10 xn--mller-kva.example.")
                .build();
        DnsResult<MxRecord> mx = zone.mx("B\u00fccher.example");
        assertThat(mx.records()).containsExactly(new MxRecord(10, "xn--mller-kva.example"));
        assertThat(mx.name()).isEqualTo("xn--bcher-kva.example");
        assertThat(zone.mx("xn--bcher-kva.example").records()).hasSize(1);
    }

    @Test
    void cnameChainsAreFollowedWithTheSmallestTtl() {
        ZoneFileResolver zone = ZoneFileResolver.builder()
                .zoneText(ZONE).zoneText(NET)
                .record("short.example.org. 30 IN CNAME www.example.org.")
                .build();
        DnsResult<Inet4Address> www = zone.a("www.example.org");
        assertThat(www.status()).isEqualTo(Status.SUCCESS);
        assertThat(www.name()).isEqualTo("host.example.net");
        assertThat(www.records()).extracting(InetAddress::getHostAddress).containsExactly("198.51.100.7", "198.51.100.8");
        assertThat(www.ttl()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(zone.a("short.example.org").ttl()).isEqualTo(Duration.ofSeconds(30));

        // The final name decides: it exists without TXT.
        DnsResult<TxtRecord> noTxt = zone.txt("www.example.org");
        assertThat(noTxt.status()).isEqualTo(Status.NO_DATA);
        assertThat(noTxt.name()).isEqualTo("host.example.net");
        assertThat(noTxt.ttl()).isEqualTo(Duration.ofSeconds(900));

        DnsResult<TxtRecord> dangling = zone.txt("dangling.example.org");
        assertThat(dangling.status()).isEqualTo(Status.NXDOMAIN);
        assertThat(dangling.name()).isEqualTo("nowhere.example.org");
    }

    @Test
    void cnameLoopsAndOverlongChainsFailTemporarily() {
        DnsResult<TxtRecord> loop = dns.txt("loop1.example.org");
        assertThat(loop.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(loop.error()).contains("CNAME loop");

        ZoneFileResolver.Builder builder = ZoneFileResolver.builder().record("c9.example. 300 IN A 192.0.2.9");
        for (int i = 0; i < 9; i++) {
            builder.record("c" + i + ".example. 300 IN CNAME c" + (i + 1) + ".example.");
        }
        ZoneFileResolver chain = builder.build();
        // Eight CNAMEs are followed; nine are too many.
        assertThat(chain.a("c1.example").status()).isEqualTo(Status.SUCCESS);
        DnsResult<Inet4Address> tooLong = chain.a("c0.example");
        assertThat(tooLong.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(tooLong.error()).contains("longer than 8");
    }

    @Test
    void failingNamesAndEverythingBelowThemFailTemporarily() {
        ZoneFileResolver zone = dns.toBuilder().failing("b.c.example.org.").build();
        DnsResult<TxtRecord> failed = zone.txt("a.b.c.example.org");
        assertThat(failed.status()).isEqualTo(Status.TEMPORARY_FAILURE);
        assertThat(failed.error()).isNotBlank();
        assertThat(failed.authenticated()).isFalse();
        assertThat(zone.txt("b.c.example.org").isTemporaryFailure()).isTrue();
        assertThat(zone.txt("c.example.org").status()).isEqualTo(Status.NO_DATA);
        // A CNAME into a failing zone fails too.
        ZoneFileResolver viaCname = dns.toBuilder().failing("example.net").build();
        assertThat(viaCname.a("www.example.org").isTemporaryFailure()).isTrue();
    }

    @Test
    void authenticatedSetsTheAdBitOnEveryAnswer() {
        assertThat(dns.mx("example.org").authenticated()).isFalse();
        ZoneFileResolver signed = dns.toBuilder().authenticated(true).build();
        assertThat(signed.mx("example.org").authenticated()).isTrue();
        assertThat(signed.txt("missing.example.org").authenticated()).isTrue();
        assertThat(signed.a("www.example.org").authenticated()).isTrue();
    }

    @Test
    void zoneFilesFromDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("example.org.zone");
        Files.writeString(file, "$TTL 300\n@ IN MX 10 mx\nmx IN A 192.0.2.25\n");
        ZoneFileResolver zone = ZoneFileResolver.builder().zone(file, "example.org").build();
        assertThat(zone.mx("example.org").records()).containsExactly(new MxRecord(10, "mx.example.org"));

        Path absolute = dir.resolve("absolute.zone");
        Files.write(absolute, "example.com. 300 IN TXT \"caf\u00e9\"\n".getBytes(StandardCharsets.ISO_8859_1));
        TxtRecord txt = ZoneFileResolver.builder().zone(absolute).build().txt("example.com").records().get(0);
        assertThat(txt.bytes()).containsExactly('c', 'a', 'f', 0xE9);

        assertThatThrownBy(() -> ZoneFileResolver.builder().zone(dir.resolve("missing.zone")))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("missing.zone");
    }

    @Test
    void includeIsRefused(@TempDir Path dir) throws Exception {
        Path included = dir.resolve("included.zone");
        Files.writeString(included, "secret.example. 300 IN TXT \"x\"\n");
        Path file = dir.resolve("main.zone");
        Files.writeString(file, "$INCLUDE " + included + "\n");
        assertThatThrownBy(() -> ZoneFileResolver.builder().zone(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("main.zone")
                .hasMessageContaining("$INCLUDE");
    }

    @Test
    void badZoneTextIsReportedWithItsLine() {
        assertThatThrownBy(() -> ZoneFileResolver.builder().zoneText("$TTL 300\nexample.org. IN BOGUS x\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("zone text: line 2: Invalid type 'BOGUS'");
        assertThatThrownBy(() -> ZoneFileResolver.builder().zoneText("www 300 IN A 192.0.2.1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("relative name without $ORIGIN");
        assertThatThrownBy(() -> ZoneFileResolver.builder().zoneText("example.org. IN A 192.0.2.1\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing TTL");
        assertThatThrownBy(() -> ZoneFileResolver.builder().record("example.org. 300 CH TXT \"x\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only IN");
        assertThatThrownBy(() -> ZoneFileResolver.builder().record(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exactly one record");
    }

    @Test
    void cnameBesideOtherDataIsRejected() {
        assertThatThrownBy(() -> ZoneFileResolver.builder()
                .record("www.example. 300 IN CNAME web.example.")
                .record("www.example. 300 IN TXT \"x\"")
                .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CNAME and other data (TXT) at www.example.");
    }

    @Test
    void recordLinesWithoutTtlGetTheDefault() {
        ZoneFileResolver zone = ZoneFileResolver.builder().record("example.org IN TXT \"v=spf1 -all\"").build();
        DnsResult<TxtRecord> txt = zone.txt("example.org");
        assertThat(txt.records()).extracting(TxtRecord::text).containsExactly("v=spf1 -all");
        assertThat(txt.ttl()).isEqualTo(Duration.ofSeconds(ZoneFileResolver.DEFAULT_RECORD_TTL));
        // Without an SOA a negative answer has no TTL to be cached for.
        assertThat(zone.txt("other.example.org").ttl()).isEqualTo(Duration.ZERO);
    }

    @Test
    void duplicateRecordsCollapseIntoOneRrset() {
        ZoneFileResolver zone = ZoneFileResolver.builder()
                .record("example.org. 300 IN A 192.0.2.1")
                .record("example.org. 300 IN A 192.0.2.1")
                .record("example.org. 300 IN A 192.0.2.2")
                .build();
        assertThat(zone.a("example.org").records()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.0.2.1", "192.0.2.2");
    }

    @Test
    void theClassDocumentationExampleWorks() {
        DnsResolver example = ZoneFileResolver.builder()
                .zoneText("example.org.", """
                        @      300 IN MX  10 mx
                        mx     300 IN A   192.0.2.25
                        """)
                .record("example.org. 300 IN TXT \"v=spf1 mx -all\"")
                .failing("broken.example.")
                .build();
        assertThat(example.mx("example.org").records()).containsExactly(new MxRecord(10, "mx.example.org"));
        assertThat(example.addresses("mx.example.org").records()).extracting(InetAddress::getHostAddress)
                .containsExactly("192.0.2.25");
        assertThat(example.txt("example.org").records()).extracting(TxtRecord::text).containsExactly("v=spf1 mx -all");
        assertThat(example.txt("_dmarc.broken.example").isTemporaryFailure()).isTrue();
    }

    @Test
    void invalidNamesAreProgrammerErrors() {
        assertThatThrownBy(() -> dns.txt(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.txt("a..example.org")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dns.ptr(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dns.txt("ok.example.org").status()).isEqualTo(Status.NXDOMAIN);
    }
}
