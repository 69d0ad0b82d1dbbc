package dev.mailwright.auth.spf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** RFC 7208 §7.4's macro examples, and the syntax rules of §7.1. */
class MacroStringTest {

    private static MacroContext context(String ip) throws Exception {
        return new MacroContext("strong-bad@email.example.com", "strong-bad", "email.example.com",
                "email.example.com", InetAddress.getByName(ip), "mx.example.org", "mx.example.net", 1_400_000_000L,
                () -> "mail.example.com");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%{s}|strong-bad@email.example.com",
        "%{o}|email.example.com",
        "%{d}|email.example.com",
        "%{d4}|email.example.com",
        "%{d3}|email.example.com",
        "%{d2}|example.com",
        "%{d1}|com",
        "%{dr}|com.example.email",
        "%{d2r}|example.email",
        "%{l}|strong-bad",
        "%{l-}|strong.bad",
        "%{lr}|strong-bad",
        "%{lr-}|bad.strong",
        "%{l1r-}|strong",
        "%{ir}.%{v}._spf.%{d2}|3.2.0.192.in-addr._spf.example.com",
        "%{lr-}.lp._spf.%{d2}|bad.strong.lp._spf.example.com",
        "%{lr-}.lp.%{ir}.%{v}._spf.%{d2}|bad.strong.lp.3.2.0.192.in-addr._spf.example.com",
        "%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}|3.2.0.192.in-addr.strong.lp._spf.example.com",
        "%{d2}.trusted-domains.example.net|example.com.trusted-domains.example.net",
        "%{p}|mail.example.com",
        "%{h}|mx.example.org",
        "%{S}|strong-bad%40email.example.com",
        "%{d200}|email.example.com",
        "a%%b%_c%-d|a%b c%20d",
    })
    void rfcExamplesForIpv4(String macro, String expected) throws Exception {
        assertThat(MacroString.parse(macro, false).expand(context("192.0.2.3"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%{ir}.%{v}._spf.%{d2}|1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com",
        "%{c}|2001:db8::cb01",
        "%{i}|2.0.0.1.0.D.B.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.C.B.0.1",
    })
    void rfcExamplesForIpv6(String macro, String expected) throws Exception {
        assertThat(MacroString.parse(macro, true).expand(context("2001:db8::cb01"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "%{c} via %{r} at %{t}|192.0.2.3 via mx.example.net at 1400000000",
        "%{L} said no|strong-bad said no",
    })
    void explanationOnlyMacros(String text, String expected) throws Exception {
        assertThat(MacroString.parse(text, true).expand(context("192.0.2.3"))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"%{c}.example.com", "%{r}.example.com", "%{t}.example.com", "%{x}.example.com",
        "%(ir).example.com", "%{d0}.example.com", "%{d2q}.example.com", "foo%.example.com", "%", "%{d",
        "a b", "a\tb"})
    void invalidDomainSpecs(String text) {
        assertThatThrownBy(() -> MacroString.parse(text, false)).isInstanceOf(SpfSyntaxException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"example.com", "example.com.", "%{d}", "%{d}.%{o}", "_spf.%{d2}", "foo.xn--zckzah",
        "foo.1-2", "x%-"})
    void validDomainEnds(String text) throws Exception {
        MacroString.parse(text, false).requireDomainEnd();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"foo-bar", "abc.123", "museum", "museum.", "example.-com", "example.com-",
        "example.com:8080", "example.com/24"})
    void invalidDomainEnds(String text) {
        assertThatThrownBy(() -> MacroString.parse(text, false).requireDomainEnd())
                .isInstanceOf(SpfSyntaxException.class);
    }
}
