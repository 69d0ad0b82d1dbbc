package dev.mailwright.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangeTest {

    private static boolean in(String range, String address) throws Exception {
        return AddressRange.parse(range).contains(InetAddress.getByName(address));
    }

    @Test
    void ipv4AndIpv6Blocks() throws Exception {
        assertThat(in("10.0.0.0/8", "10.255.1.2")).isTrue();
        assertThat(in("10.0.0.0/8", "11.0.0.1")).isFalse();
        assertThat(in("192.0.2.128/25", "192.0.2.200")).isTrue();
        assertThat(in("192.0.2.128/25", "192.0.2.100")).isFalse();
        assertThat(in("192.0.2.7", "192.0.2.7")).isTrue();
        assertThat(in("192.0.2.7", "192.0.2.8")).isFalse();
        assertThat(in("0.0.0.0/0", "203.0.113.9")).isTrue();
        assertThat(in("2001:db8::/32", "2001:db8:1::5")).isTrue();
        assertThat(in("2001:db8::/32", "2001:db9::5")).isFalse();
        assertThat(in("10.0.0.0/8", "::ffff:10.0.0.1")).isTrue();
        assertThat(in("::1/128", "127.0.0.1")).isFalse();
        assertThat(AddressRange.parse("10.1.2.3/8")).hasToString("10.0.0.0/8");
        assertThat(AddressRange.anyContains(AddressRange.LOOPBACK, InetAddress.getByName("127.0.0.2"))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "proxy.example.org", "10.0.0.0/8/8", "300.1.1.1"})
    void refusesWhatIsNotARange(String text) {
        assertThatThrownBy(() -> AddressRange.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
