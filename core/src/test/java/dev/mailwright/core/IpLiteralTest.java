package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    /** RFC 5321 IPv6-addr forms and their RFC 5952 canonical text. */
    static Stream<Arguments> ipv6() {
        return Stream.of(
                arguments("2001:db8:0:0:0:0:0:1", "2001:db8::1"),
                arguments("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
                arguments("2001:DB8::1", "2001:db8::1"),
                arguments("::1", "::1"),
                arguments("1::", "1::"),
                arguments("::", "::"),
                arguments("1:2:3:4:5:6::", "1:2:3:4:5:6::"),
                arguments("::3:4:5:6:7:8", "::3:4:5:6:7:8"),
                arguments("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
                arguments("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
                arguments("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
                arguments("1:0:0:2:0:0:0:0", "1:0:0:2::"),
                arguments("1:2:3:4:5:6:192.0.2.1", "1:2:3:4:5:6:c000:201"),
                arguments("::192.0.2.1", "::c000:201"),
                arguments("::ffff:192.0.2.1", "::ffff:c000:201"),
                arguments("1:2:3:4::192.0.2.1", "1:2:3:4::c000:201"),
                arguments("1::2:3:4:192.0.2.1", "1::2:3:4:c000:201"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ipv6")
    void parsesAndFormatsIpv6(String input, String canonical) {
        byte[] address = IpLiteral.parseIpv6(input);

        assertThat(address).hasSize(16);
        assertThat(IpLiteral.formatIpv6(address)).isEqualTo(canonical);
        assertThat(IpLiteral.parseIpv6(canonical)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ":", "1", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::", "g::",
        // RFC 5321: "::" stands for at least two groups, so at most six beside it
        "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3::5:6:7:8",
        ":1::2", "1::2:", "1:2:3:4:5:6:7:8:", ":1:2:3:4:5:6:7:8",
        "::1.2.3", "::1.2.3.256", "1:2:3:4:5:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5::1.2.3.4", "::1.2.3.4:1", "1.2.3.4", "::1.2.3.4.", "1::2:1.2.3.4::",
        "1:2:3:4:5:6:7:8:9:10:11:12:13:14:15:16:17:18:19:20"
    })
    void refusesMalformedIpv6(String input) {
        assertThat(IpLiteral.parseIpv6(input)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "1", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.999", "1..2.3", ".1.2.3", "1.2.3.",
        "1234.1.1.1", "0001.1.1.1", "a.b.c.d", "1.2.3.4 ", "-1.2.3.4", "1.2.3.+4"
    })
    void refusesMalformedIpv4(String input) {
        assertThat(IpLiteral.parseIpv4(input)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "192.0.2.1", "255.255.255.255", "010.001.000.099"})
    void parsesIpv4(String input) {
        byte[] address = IpLiteral.parseIpv4(input);

        assertThat(address).hasSize(4);
        assertThat(IpLiteral.parseIpv4(IpLiteral.formatIpv4(address))).isEqualTo(address);
    }
}
