package dev.mailwright.smtp.outbound.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostnameMatcherTest {

    @ParameterizedTest
    @CsvSource({
            "mx.example.com, mx.example.com, true",
            "MX.Example.COM, mx.example.com., true",
            "*.example.com, mx.example.com, true",
            "*.example.com, example.com, false",
            "*.example.com, a.mx.example.com, false",
            "*.com, example.com, false",
            "m*.example.com, mx.example.com, false",
            "mx.example.com, mx.example.org, false"})
    void matchesAsRfc6125AndRfc8461Allow(String pattern, String host, boolean expected) {
        assertThat(HostnameMatcher.matches(pattern, host)).isEqualTo(expected);
    }
}
