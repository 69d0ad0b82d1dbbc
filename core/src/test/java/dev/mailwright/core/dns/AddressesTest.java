package dev.mailwright.core.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.dns.DnsResult.Status;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link DnsResolver#addresses} combines the A and AAAA outcomes. */
class AddressesTest {

    private static final Inet4Address V4 = v4();
    private static final Inet6Address V6 = v6();

    private static DnsResolver resolver(DnsResult<Inet4Address> a, DnsResult<Inet6Address> aaaa) {
        return new DnsResolver() {
            @Override
            public DnsResult<TxtRecord> txt(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DnsResult<MxRecord> mx(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DnsResult<Inet4Address> a(String name) {
                return a;
            }

            @Override
            public DnsResult<Inet6Address> aaaa(String name) {
                return aaaa;
            }

            @Override
            public DnsResult<TlsaRecord> tlsa(String name) {
                throw new UnsupportedOperationException();
            }

            @Override
            public DnsResult<String> ptr(InetAddress address) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void bothFamiliesInOrder() {
        DnsResult<InetAddress> all = resolver(
                DnsResult.success("h.example", List.of(V4), true, Duration.ofSeconds(50)),
                DnsResult.success("h.example", List.of(V6), true, Duration.ofSeconds(30)))
                .addresses("h.example");
        assertThat(all.records()).containsExactly(V4, V6);
        assertThat(all.authenticated()).isTrue();
        assertThat(all.ttl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void oneFamilyIsEnoughButThenNotAuthenticated() {
        DnsResult<InetAddress> v4Only = resolver(
                DnsResult.success("h.example", List.of(V4), true, Duration.ofSeconds(50)),
                DnsResult.temporaryFailure("h.example", "timeout"))
                .addresses("h.example");
        assertThat(v4Only.status()).isEqualTo(Status.SUCCESS);
        assertThat(v4Only.records()).containsExactly(V4);
        assertThat(v4Only.authenticated()).isFalse();
        assertThat(v4Only.ttl()).isEqualTo(Duration.ofSeconds(50));

        DnsResult<InetAddress> v6Only = resolver(
                DnsResult.noData("h.example", true, Duration.ofSeconds(60)),
                DnsResult.success("h.example", List.of(V6), true, Duration.ofSeconds(30)))
                .addresses("h.example");
        assertThat(v6Only.records()).containsExactly(V6);
        assertThat(v6Only.authenticated()).isTrue();
        assertThat(v6Only.ttl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void withoutAddressesAFailureWinsThenNxdomainThenNoData() {
        assertThat(resolver(DnsResult.nxdomain("h.example", false, Duration.ZERO),
                DnsResult.temporaryFailure("h.example", "SERVFAIL")).addresses("h.example").error())
                .isEqualTo("SERVFAIL");
        assertThat(resolver(DnsResult.nxdomain("h.example", true, Duration.ofSeconds(9)),
                DnsResult.nxdomain("h.example", true, Duration.ofSeconds(7))).addresses("h.example"))
                .isEqualTo(DnsResult.nxdomain("h.example", true, Duration.ofSeconds(7)));
        assertThat(resolver(DnsResult.noData("h.example", false, Duration.ZERO),
                DnsResult.nxdomain("h.example", false, Duration.ZERO)).addresses("h.example").status())
                .isEqualTo(Status.NO_DATA);
    }

    private static Inet4Address v4() {
        try {
            return (Inet4Address) InetAddress.getByName("192.0.2.1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Inet6Address v6() {
        try {
            return (Inet6Address) InetAddress.getByName("2001:db8::1");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
