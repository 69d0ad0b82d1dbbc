package dev.mailwright.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.IpLiteral;
import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"::", "::1", "2001:db8::1", "1:2:3:4:5:6:7:8", "1::", "1:2:3:4:5:6:7::",
        "::ffff:192.0.2.1", "::1.1.1.1", "CAFE:BABE:8000::", "fe80::1:2"})
    void parsesIpv6LikeTheJdk(String text) throws Exception {
        assertThat(IpAddresses.parseIp6(text)).containsExactly(ipv6Octets(text));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", ":", ":::", ":CAFE::BABE", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::",
        "1:2:3:4:5:6:7", "g::1", "1.2.3.4", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "1:"})
    void rejectsMalformedIpv6(String text) {
        assertThat(IpAddresses.parseIp6(text)).isNull();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.4:80", "1..3.4", "a.b.c.d", ""})
    void rejectsMalformedIpv4(String text) {
        assertThat(IpAddresses.parseIp4(text)).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2001:db8:0:0:0:0:2:1, 2001:db8::2:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "1:0:0:0:0:0:0:0, 1::",
    })
    void writesIpv6AsRfc5952Recommends(String address, String expected) throws Exception {
        assertThat(IpLiteral.format(InetAddress.getByName(address))).as("the %{c} macro").isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in {1}/{2}: {3}")
    @CsvSource({
        "192.0.2.1, 192.0.2.0, 24, true",
        "192.0.3.1, 192.0.2.0, 24, false",
        "192.0.2.129, 192.0.2.128, 25, true",
        "192.0.2.127, 192.0.2.128, 25, false",
        "10.1.2.3, 0.0.0.0, 0, true",
        "2001:db8::1, 2001:db8::, 32, true",
        "2001:db9::1, 2001:db8::, 32, false",
        "192.0.2.1, ::, 0, false",
    })
    void matchesNetworks(String address, String network, int prefix, boolean expected) throws Exception {
        assertThat(IpAddresses.inNetwork(InetAddress.getByName(address), InetAddress.getByName(network).getAddress(),
                prefix)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void ipv4MappedAddressesAreJudgedAsIpv4() throws Exception {
        byte[] mapped = IpAddresses.parseIp6("::ffff:192.0.2.1");
        InetAddress v6 = java.net.Inet6Address.getByAddress(null, mapped, -1);
        assertThat(IpAddresses.normalize(v6)).isEqualTo(InetAddress.getByName("192.0.2.1"));
    }

    private static byte[] ipv6Octets(String text) throws Exception {
        InetAddress address = InetAddress.getByName(text);
        byte[] octets = address.getAddress();
        if (octets.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(octets, 0, mapped, 12, 4);
            return mapped;
        }
        return octets;
    }
}
