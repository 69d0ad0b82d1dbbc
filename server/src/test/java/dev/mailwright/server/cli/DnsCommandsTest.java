package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DnsCommandsTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void configure() {
        cli = new CliHarness(dir.resolve("mailwright.toml"));
    }

    private int run(String... args) throws IOException {
        return cli.run("", args);
    }

    @Test
    void printedRecordsAreAValidZoneThatPassesTheCheck() throws IOException {
        assertThat(run("dns-records", "--domain", "example.org", "--ip4", "192.0.2.25", "--ip6", "2001:db8::25")).isZero();
        String records = cli.out();
        assertThat(records)
                .contains("example.org.                             3600 IN MX    10 mx.example.org.")
                .contains("example.org.                             3600 IN TXT   \"v=spf1 mx -all\"")
                .contains("default._domainkey.example.org.          3600 IN TXT   \"v=DKIM1; k=rsa; p=")
                .contains("_dmarc.example.org.                      3600 IN TXT   \"v=DMARC1; p=quarantine;")
                .contains("_mta-sts.example.org.                    3600 IN TXT   \"v=STSv1; id=")
                .contains("_smtp._tls.example.org.                  3600 IN TXT   \"v=TLSRPTv1;")
                .contains("mx.example.org.                          3600 IN A     192.0.2.25")
                .contains("mx.example.org.                          3600 IN AAAA  2001:db8::25")
                .contains(";   mx: mx.example.org")
                .contains(";   25.2.0.192.in-addr.arpa. IN PTR mx.example.org.");
        assertThat(dir.resolve("data/dkim/example.org_default.key")).exists();
        assertThat(dir.resolve("data/dkim/example.org_default.dns")).exists();

        // The same key the second time.
        assertThat(run("dns-records", "--domain", "example.org")).isZero();
        String again = cli.out();
        assertThat(line(again, "_domainkey")).isEqualTo(line(records, "_domainkey"));

        Path zone = dir.resolve("zone");
        Files.writeString(zone, records + """
                25.2.0.192.in-addr.arpa. 3600 IN PTR mx.example.org.
                5.2.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa. 3600 IN PTR mx.example.org.
                """);
        assertThat(run("check-dns", "--domain", "example.org", "--dns-zone", zone.toString())).isZero();
        assertThat(cli.out()).contains("ok       MX").contains("ok       SPF").contains("ok       DKIM")
                .contains("ok       DMARC").contains("ok       PTR            192.0.2.25 mx.example.org")
                .contains("ok       MTA-STS").endsWith("All required records are in place.\n");
    }

    @Test
    void localhostGetsNoDkimKeyOrRecord() throws IOException {
        assertThat(run("dns-records", "--domain", "localhost")).isZero();
        assertThat(cli.out()).contains("; no DKIM record: localhost has one label").doesNotContain("_domainkey");
        assertThat(dir.resolve("data/dkim/localhost_default.key")).doesNotExist();
    }

    @Test
    void checkReportsWhatIsMissingOrWrong() throws IOException {
        Path zone = dir.resolve("zone");
        Files.writeString(zone, """
                $ORIGIN example.org.
                $TTL 300
                @        IN MX 10 mail.other.example.
                @        IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
                mx       IN A 192.0.2.25
                default._domainkey IN TXT "v=DKIM1; k=rsa; p=AAAA"
                """);
        assertThat(run("check-dns", "--domain", "example.org", "--dns-zone", zone.toString())).isEqualTo(1);
        assertThat(cli.out())
                .contains("wrong    MX             points to [mail.other.example], not mx.example.org")
                .contains("missing  PTR            192.0.2.25 has no reverse DNS")
                .contains("wrong    SPF            'v=spf1 ip4:198.51.100.0/24 -all' gives fail for 192.0.2.25")
                .contains("wrong    DKIM           default._domainkey.example.org does not publish this server's key")
                .contains("missing  DMARC")
                .contains("optional MTA-STS")
                .endsWith("5 problem(s) found.\n");
    }

    @Test
    void badArgumentsAreOneLine() throws IOException {
        assertThat(run("dns-records", "--domain", "not a domain")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: --domain: 'not a domain' is not a domain name\n");
        assertThat(run("dns-records", "--domain", "example.org", "--ip4", "2001:db8::1")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: --ip4: '2001:db8::1' is not an IPv4 address\n");
        assertThat(run("dns-records")).isEqualTo(2);
        assertThat(cli.err()).contains("Missing required option: '--domain=DOMAIN'");
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow();
    }
}
