package dev.mailwright.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyHeaderTest {

    private static Optional<ProxyHeader> parse(byte[] bytes) throws Exception {
        return ProxyHeader.parse(bytes, bytes.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void version1Tcp4() throws Exception {
        byte[] data = ascii("PROXY TCP4 192.0.2.10 198.51.100.1 56324 25\r\nEHLO x\r\n");
        ProxyHeader header = parse(data).orElseThrow();
        assertThat(header.source()).hasValue(new InetSocketAddress("192.0.2.10", 56324));
        assertThat(header.destination()).hasValue(new InetSocketAddress("198.51.100.1", 25));
        assertThat(header.length()).isEqualTo(45);
    }

    @Test
    void version1Tcp6AndUnknown() throws Exception {
        ProxyHeader v6 = parse(ascii("PROXY TCP6 2001:db8::1 2001:db8::2 1000 993\r\n")).orElseThrow();
        assertThat(v6.source().orElseThrow().getAddress().getHostAddress()).isEqualTo("2001:db8:0:0:0:0:0:1");
        ProxyHeader unknown = parse(ascii("PROXY UNKNOWN ffff::1 ffff::2 1 2\r\n")).orElseThrow();
        assertThat(unknown.source()).isEmpty();
    }

    @Test
    void version1NeedsMoreBytes() throws Exception {
        assertThat(parse(ascii("PROXY TCP4 192.0.2.10"))).isEmpty();
        assertThat(parse(ascii("PRO"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "EHLO example.org\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 56324\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 56324 25\n",
        "PROXY TCP4 999.0.2.10 198.51.100.1 56324 25\r\n",
        "PROXY TCP4 mail.example.org 198.51.100.1 56324 25\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 70000 25\r\n",
        "PROXY TCP4 192.0.2.10 198.51.100.1 056324 25\r\n",
        "PROXY TCP6 192.0.2.10 198.51.100.1 1 25\r\n",
        "PROXY TCP4 2001:db8::1 198.51.100.1 1 25\r\n",
        "PROXY UDP4 192.0.2.10 198.51.100.1 1 25\r\n",
    })
    void version1Malformed(String text) {
        assertThatThrownBy(() -> parse(ascii(text))).isInstanceOf(ProxyHeader.MalformedException.class);
    }

    @Test
    void version1TooLongWithoutEnd() {
        byte[] data = ascii("PROXY TCP4 " + "1".repeat(200));
        assertThatThrownBy(() -> parse(data)).hasMessageContaining("longer than");
    }

    private static byte[] v2(int versionCommand, int family, byte[] addresses) {
        byte[] out = Arrays.copyOf(ProxyHeader.V2_SIGNATURE, 16 + addresses.length);
        out[12] = (byte) versionCommand;
        out[13] = (byte) family;
        out[14] = (byte) (addresses.length >> 8);
        out[15] = (byte) addresses.length;
        System.arraycopy(addresses, 0, out, 16, addresses.length);
        return out;
    }

    @Test
    void version2Ipv4AndIpv6() throws Exception {
        byte[] v4 = v2(0x21, 0x11, new byte[] {(byte) 192, 0, 2, 10, (byte) 198, 51, 100, 1, (byte) 0xDC, 0x04, 0, 25});
        ProxyHeader h4 = parse(v4).orElseThrow();
        assertThat(h4.source()).hasValue(new InetSocketAddress("192.0.2.10", 56324));
        assertThat(h4.destination()).hasValue(new InetSocketAddress("198.51.100.1", 25));
        assertThat(h4.length()).isEqualTo(28);

        byte[] addresses = new byte[36];
        addresses[0] = 0x20;
        addresses[1] = 0x01;
        addresses[15] = 1;
        addresses[16] = 0x20;
        addresses[31] = 2;
        addresses[33] = 7;
        addresses[35] = (byte) (993 & 0xFF);
        addresses[34] = (byte) (993 >> 8);
        ProxyHeader h6 = parse(v2(0x21, 0x21, addresses)).orElseThrow();
        assertThat(h6.source().orElseThrow().getPort()).isEqualTo(7);
        assertThat(h6.destination().orElseThrow().getPort()).isEqualTo(993);
    }

    @Test
    void version2LocalKeepsRealAddressesAndTlvsAreSkipped() throws Exception {
        ProxyHeader local = parse(v2(0x20, 0x00, new byte[0])).orElseThrow();
        assertThat(local.source()).isEmpty();
        byte[] withTlv = v2(0x21, 0x11, new byte[] {10, 0, 0, 1, 10, 0, 0, 2, 0, 1, 0, 2, 0x04, 0, 1, 0x55});
        assertThat(parse(withTlv).orElseThrow().length()).isEqualTo(32);
    }

    @Test
    void version2NeedsMoreBytesAndRefusesNonsense() throws Exception {
        byte[] full = v2(0x21, 0x11, new byte[12]);
        assertThat(ProxyHeader.parse(full, 20)).isEmpty();
        assertThat(ProxyHeader.parse(full, 5)).isEmpty();
        assertThatThrownBy(() -> parse(v2(0x11, 0x11, new byte[12]))).hasMessageContaining("version");
        assertThatThrownBy(() -> parse(v2(0x22, 0x11, new byte[12]))).hasMessageContaining("command");
        assertThatThrownBy(() -> parse(v2(0x21, 0x31, new byte[12]))).hasMessageContaining("family");
        assertThatThrownBy(() -> parse(v2(0x21, 0x11, new byte[4]))).hasMessageContaining("truncated");
        byte[] badSignature = full.clone();
        badSignature[5] = 9;
        assertThatThrownBy(() -> parse(badSignature)).isInstanceOf(ProxyHeader.MalformedException.class);
    }
}
