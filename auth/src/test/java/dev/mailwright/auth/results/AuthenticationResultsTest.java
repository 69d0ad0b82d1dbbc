package dev.mailwright.auth.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.dmarc.DmarcPolicy;
import dev.mailwright.auth.dmarc.DmarcResult;
import dev.mailwright.auth.spf.SpfIdentity;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.auth.spf.SpfResult;
import dev.mailwright.core.mime.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationResultsTest {

    private static final SpfOutput SPF = new SpfOutput(SpfResult.PASS, SpfIdentity.MAILFROM, "u@example.net",
            "example.net", "", "matched");
    private static final DkimOutput DKIM = new DkimOutput(DkimResult.PASS, "example.org", "sel", "@example.org",
            "rsa-sha256", "", 2048, "", 0, false);
    private static final DmarcOutput DMARC = new DmarcOutput(DmarcResult.PASS, DmarcPolicy.NONE, DmarcPolicy.REJECT,
            "example.org", "example.org", true, true, "aligned");

    @Test
    void buildsTheFieldValue() {
        String value = AuthenticationResults.builder("mx.example.org").spf(SPF).dkim(List.of(DKIM)).dmarc(DMARC)
                .build().value();
        assertThat(value).isEqualTo("mx.example.org; spf=pass smtp.mailfrom=example.net; "
                + "dkim=pass header.d=example.org header.s=sel; dmarc=pass (p=reject dis=none) header.from=example.org");
    }

    @Test
    void dnsFailuresDoNotNameTheServerThatFailed() {
        SpfOutput spf = new SpfOutput(SpfResult.TEMPERROR, SpfIdentity.MAILFROM, "u@example.net", "example.net", "",
                "timeout from 127.0.0.1:53 (2 attempts)");
        DkimOutput dkim = new DkimOutput(DkimResult.TEMPERROR, "example.org", "sel", "@example.org", "rsa-sha256",
                "AbCdEf12", 0, "network error (PortUnreachableException) from 127.0.0.1:35353", 0, false);
        String value = AuthenticationResults.builder("mx.example.org").spf(spf).dkim(List.of(dkim)).build().value();
        assertThat(value).contains("spf=temperror (DNS error)").contains("dkim=temperror (DNS error)")
                .doesNotContain("127.0.0.1").doesNotContain("Exception");
    }

    @Test
    void failuresCarryTheirReasonAsComment() {
        DkimOutput failed = new DkimOutput(DkimResult.FAIL, "example.org", "sel", "@example.org", "rsa-sha256",
                "AbCdEf12", 2048, "body hash mismatch", 0, false);
        SpfOutput helo = new SpfOutput(SpfResult.PERMERROR, SpfIdentity.HELO, "postmaster@mail.example.net",
                "mail.example.net", "", "more than 10 DNS-querying terms (at a)");
        String value = AuthenticationResults.builder("mx.example.org").spf(helo).dkim(List.of(failed)).build().value();
        assertThat(value).isEqualTo("mx.example.org; spf=permerror (more than 10 DNS-querying terms \\(at a\\)) "
                + "smtp.helo=mail.example.net; dkim=fail (body hash mismatch) header.d=example.org header.s=sel");
        assertThat(AuthenticationResults.builder("mx.example.org").dkim(List.of()).build().value())
                .isEqualTo("mx.example.org; dkim=none");
        assertThat(AuthenticationResults.builder("mx.example.org").build().value()).isEqualTo("mx.example.org; none");
    }

    @Test
    void whatIsWrittenReadsBack() {
        AuthenticationResults written = AuthenticationResults.builder("mx.example.org").spf(SPF).dkim(List.of(DKIM))
                .dmarc(DMARC).build();
        AuthenticationResults read = AuthenticationResults.parse(written.toHeaderField().value()).orElseThrow();
        assertThat(read).isEqualTo(written);
    }

    @Test
    void parsesTheRfc8601Examples() {
        AuthenticationResults a = AuthenticationResults.parse("""
                example.com;
                          spf=pass smtp.mailfrom=example.net\
                """).orElseThrow();
        assertThat(a.authservId()).isEqualTo("example.com");
        assertThat(a.results()).containsExactly(new AuthenticationResults.MethodResult("spf", "pass", "", "",
                Map.of("smtp.mailfrom", "example.net")));

        AuthenticationResults b = AuthenticationResults.parse("""
                example.com;\r
                          auth=pass (cram-md5) smtp.auth=sender@example.net;\r
                          spf=pass smtp.mailfrom=example.net\
                """).orElseThrow();
        assertThat(b.results()).hasSize(2);
        assertThat(b.results().get(0).comment()).isEqualTo("cram-md5");
        assertThat(b.results().get(0).properties()).containsEntry("smtp.auth", "sender@example.net");

        AuthenticationResults c = AuthenticationResults.parse("""
                example.com; iprev=pass\r
                          policy.iprev=192.0.2.200\
                """).orElseThrow();
        assertThat(c.result("iprev").orElseThrow().properties()).containsEntry("policy.iprev", "192.0.2.200");

        AuthenticationResults d = AuthenticationResults.parse("""
                example.com 1; dkim=pass (good signature) reason="a \\"quoted\\" reason" header.d=example.net\
                """).orElseThrow();
        assertThat(d.results().get(0).reason()).isEqualTo("a \"quoted\" reason");
        assertThat(AuthenticationResults.parse("example.org; none").orElseThrow().results()).isEmpty();
        assertThat(AuthenticationResults.parse("(comment (nested)) mx.example.org (c) ; (c) spf (c) = (c) fail (why) "
                + "(more) smtp.mailfrom (c) = (c) example.com (c)").orElseThrow().results().get(0))
                .isEqualTo(new AuthenticationResults.MethodResult("spf", "fail", "why", "", Map.of("smtp.mailfrom", "example.com")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", ";", "mx.example.org; spf", "mx.example.org; spf=", "mx.example.org; spf=pass smtp",
        "mx.example.org; spf=pass (unterminated", "mx.example.org 2; spf=pass", "mx.example.org; none; spf=pass",
        "mx.example.org; spf=pass x=\"open"})
    void rejectsMalformedValues(String value) {
        assertThat(AuthenticationResults.parse(value)).isEmpty();
    }

    @Test
    void stripsFieldsThatClaimThisHost() throws Exception {
        Headers headers = Headers.parse(("""
                Authentication-Results: MX.example.org; spf=pass smtp.mailfrom=evil.example\r
                Authentication-Results: (forged) mx.example.org; garbage that does not parse ((\r
                Authentication-Results: MX.EXAMPLE.ORG.; dmarc=pass header.from=example.org\r
                Authentication-Results: relay.example.net; dkim=pass header.d=example.net\r
                From: a@example.org\r
                \r
                """).getBytes(StandardCharsets.US_ASCII));
        Headers stripped = AuthenticationResults.withoutForged(headers, "mx.example.org");
        assertThat(stripped.all("Authentication-Results")).hasSize(1);
        assertThat(stripped.all("Authentication-Results").get(0).value()).startsWith("relay.example.net");
        assertThat(stripped.contains("From")).isTrue();
        assertThat(AuthenticationResults.withoutForged(headers, "other.example")).isSameAs(headers);
        assertThat(AuthenticationResults.withoutForged(headers, "mx.example.org.").all("Authentication-Results")).hasSize(1);
    }

    @Test
    void authservIdMustBeAHostName() {
        assertThatThrownBy(() -> AuthenticationResults.builder("mx example").build()).hasMessageContaining("authserv-id");
    }
}
