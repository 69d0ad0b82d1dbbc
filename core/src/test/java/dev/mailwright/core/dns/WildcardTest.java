package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.dns.DnsResult.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The example zone and questions of RFC 4592 §2.2.1, minus the delegation (zone cuts are not modelled). */
class WildcardTest {

    private final ZoneFileResolver dns = ZoneFileResolver.builder().zoneText("""
            $ORIGIN example.
            example.                 3600 IN  SOA   ns.example.com. hostmaster.example. 1 7200 900 1209600 300
            example.                 3600     NS    ns.example.com.
            example.                 3600     NS    ns.example.net.
            *.example.               3600     TXT   "this is a wildcard"
            *.example.               3600     MX    10 host1.example.
            sub.*.example.           3600     TXT   "this is not a wildcard"
            host1.example.           3600     A     192.0.2.1
            _ssh._tcp.host1.example. 3600     SRV   0 0 22 host1.example.
            _ssh._tcp.host2.example. 3600     SRV   0 0 22 host2.example.
            """).build();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        // Synthesized from *.example.
        "host3.example.,             MX,  SUCCESS,  10 host1.example",
        "host3.example.,             A,   NO_DATA,  ",
        "foo.bar.example.,           TXT, SUCCESS,  this is a wildcard",
        // Not synthesized: the name exists, or the closest encloser has no wildcard child.
        "host1.example.,             MX,  NO_DATA,  ",
        "sub.*.example.,             MX,  NO_DATA,  ",
        // RFC 4592 asks for SRV; a name that does not exist is NXDOMAIN for every type.
        "_telnet._tcp.host1.example., TXT, NXDOMAIN, ",
        "ghost.*.example.,           MX,  NXDOMAIN, ",
        // host2.example exists as an empty non-terminal, which blocks the wildcard.
        "host2.example.,             MX,  NO_DATA,  ",
        // The wildcard owner itself answers literally.
        "*.example.,                 TXT, SUCCESS,  this is a wildcard",
    })
    void rfc4592Examples(String name, String type, Status status, String answer) {
        DnsResult<String> result = switch (type) {
            case "MX" -> dns.mx(name).map(MxRecord::toString);
            case "TXT" -> dns.txt(name).map(TxtRecord::text);
            case "A" -> dns.a(name).map(a -> a.getHostAddress());
            default -> throw new IllegalArgumentException(type);
        };
        assertThat(result.status()).isEqualTo(status);
        if (answer != null) {
            assertThat(result.records()).containsExactly(answer);
        }
    }

    @Test
    void synthesizedAnswersCarryTheQueriedName() {
        DnsResult<MxRecord> mx = dns.mx("Host3.Example");
        assertThat(mx.name()).isEqualTo("host3.example");
        assertThat(mx.authenticated()).isFalse();
    }
}
