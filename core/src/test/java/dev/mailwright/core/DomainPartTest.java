package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DomainPartTest {

    /** input, display(), ascii(), unicode(): U-label and A-label round trips. */
    static Stream<Arguments> idnRoundTrips() {
        return Stream.of(
                arguments("bücher.example", "bücher.example", "xn--bcher-kva.example", "bücher.example"),
                arguments("xn--bcher-kva.example", "xn--bcher-kva.example", "xn--bcher-kva.example", "bücher.example"),
                arguments("XN--BCHER-KVA.EXAMPLE", "xn--bcher-kva.example", "xn--bcher-kva.example", "bücher.example"),
                arguments("BÜCHER.Example", "bücher.example", "xn--bcher-kva.example", "bücher.example"),
                arguments("bu\u0308cher.example", "bücher.example", "xn--bcher-kva.example", "bücher.example"),
                arguments("münchen.de", "münchen.de", "xn--mnchen-3ya.de", "münchen.de"),
                arguments("例子.广告", "例子.广告", "xn--fsqu00a.xn--4rr70v", "例子.广告"),
                arguments("xn--fsqu00a.xn--4rr70v", "xn--fsqu00a.xn--4rr70v", "xn--fsqu00a.xn--4rr70v", "例子.广告"),
                arguments("παράδειγμα.δοκιμή", "παράδειγμα.δοκιμή", "xn--hxajbheg2az3al.xn--jxalpdlp", "παράδειγμα.δοκιμή"),
                arguments("пример.испытание", "пример.испытание", "xn--e1afmkfd.xn--80akhbyknj4f", "пример.испытание"),
                arguments("黒川.日本", "黒川.日本", java.net.IDN.toASCII("黒川") + ".xn--wgv71a", "黒川.日本"),
                arguments("xn--bcher-kva.例子", "xn--bcher-kva.例子", "xn--bcher-kva.xn--fsqu00a", "bücher.例子"),
                arguments("Example.COM", "example.com", "example.com", "example.com"),
                arguments("a-b--c.example", "a-b--c.example", "a-b--c.example", "a-b--c.example"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idnRoundTrips")
    void convertsBetweenULabelsAndALabels(String input, String display, String ascii, String unicode) {
        DomainPart domain = DomainPart.parse(input, true, "domain");

        assertThat(domain.display()).isEqualTo(display);
        assertThat(domain.ascii()).isEqualTo(ascii);
        assertThat(domain.unicode()).isEqualTo(unicode);
        assertThat(domain.literal()).isNull();
        assertThat(DomainPart.parse(ascii, true, "domain").unicode()).isEqualTo(unicode);
        assertThat(DomainPart.parse(unicode, true, "domain").ascii()).isEqualTo(ascii);
    }

    /** input, canonical text, InetAddress.getHostAddress(). */
    static Stream<Arguments> literals() {
        return Stream.of(
                arguments("[192.0.2.1]", "[192.0.2.1]", "192.0.2.1"),
                arguments("[192.000.002.001]", "[192.0.2.1]", "192.0.2.1"),
                arguments("[0.0.0.0]", "[0.0.0.0]", "0.0.0.0"),
                arguments("[255.255.255.255]", "[255.255.255.255]", "255.255.255.255"),
                arguments("[IPv6:2001:db8::1]", "[IPv6:2001:db8::1]", "2001:db8:0:0:0:0:0:1"),
                arguments("[ipv6:2001:DB8:0:0:0:0:0:1]", "[IPv6:2001:db8::1]", "2001:db8:0:0:0:0:0:1"),
                arguments("[IPv6:::1]", "[IPv6:::1]", "0:0:0:0:0:0:0:1"),
                arguments("[IPv6:::]", "[IPv6:::]", "0:0:0:0:0:0:0:0"),
                arguments("[IPv6:2001:db8::192.0.2.1]", "[IPv6:2001:db8::c000:201]", "2001:db8:0:0:0:0:c000:201"),
                arguments("[IPv6:::ffff:192.0.2.1]", "[IPv6:::ffff:c000:201]", "0:0:0:0:0:ffff:c000:201"),
                arguments("[IPv6:1:2:3:4:5:6:192.0.2.1]", "[IPv6:1:2:3:4:5:6:c000:201]", "1:2:3:4:5:6:c000:201"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("literals")
    void parsesAddressLiterals(String input, String canonical, String hostAddress) {
        DomainPart domain = DomainPart.parse(input, true, "domain");

        assertThat(domain.display()).isEqualTo(canonical);
        assertThat(domain.ascii()).isEqualTo(canonical);
        assertThat(domain.unicode()).isEqualTo(canonical);
        assertThat(domain.literal().getHostAddress()).isEqualTo(hostAddress);
        assertThat(DomainPart.parse(canonical, true, "domain").display()).isEqualTo(canonical);
    }

    @Test
    void ipv4MappedLiteralStaysIpv6() {
        assertThat(DomainPart.parse("[IPv6:::ffff:192.0.2.1]", true, "domain").literal())
                .isInstanceOf(java.net.Inet6Address.class);
        assertThat(DomainPart.parse("[192.0.2.1]", true, "domain").literal())
                .isInstanceOf(java.net.Inet4Address.class);
    }

    @Test
    void domainIsAtMost255Octets() {
        String label = "a".repeat(63);
        String longest = String.join(".", Collections.nCopies(4, label));

        assertThat(longest).hasSize(255);
        assertThat(DomainPart.parse(longest, true, "domain").ascii()).isEqualTo(longest);
        assertThatThrownBy(() -> DomainPart.parse("b." + longest.substring(1), true, "domain"))
                .isInstanceOf(AddressException.class)
                .hasMessage("domain: longer than 255 octets");
    }

    @Test
    void domainLimitCountsUtf8Octets() {
        // 128 two-octet letters and 3 dots: 131 characters but 259 octets.
        String domain = String.join(".", "ü".repeat(32), "ü".repeat(32), "ü".repeat(32), "ü".repeat(31) + "é");

        assertThat(domain).hasSize(131);
        assertThatThrownBy(() -> DomainPart.parse(domain, true, "domain"))
                .isInstanceOf(AddressException.class)
                .hasMessage("domain: longer than 255 octets");
    }

    @Test
    void contextNamesThePartAtFault() {
        assertThatThrownBy(() -> DomainPart.parse("a..b", false, "source route"))
                .hasMessage("source route: empty label");
        assertThatThrownBy(() -> DomainPart.parse("[192.0.2.1]", false, "source route"))
                .hasMessage("source route: address literal not allowed here");
    }
}
