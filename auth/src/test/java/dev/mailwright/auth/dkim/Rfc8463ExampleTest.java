package dev.mailwright.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.core.mime.HeaderField;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 8463 Appendix A: the worked example, signed with Ed25519 and with RSA, must verify. */
class Rfc8463ExampleTest {

    static final String ED25519_SEED = "nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=";
    static final String ED25519_RECORD = "v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";
    static final String RSA_RECORD = "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDkHlOQoBTzWR"
            + "iGs5V6NpP3idY6Wk08a5qhdR6wy5bdOKb2jLQiY/J16JYi0Qvx/byYzCNb3W91y3FutAC"
            + "DfzwQ/BC/e/8uBsCR+yz1Lxj+PL6lHvqMKrM3rG4hstT5QjvHO9PzoxZyVYLzBfO2EeC3"
            + "Ip3G+2kryOTIKT+l/K4w3QIDAQAB";

    static final String MESSAGE = String.join("\r\n",
            "DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=brisbane; t=1528637909; h=from : to :",
            " subject : date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11Bus",
            " Fa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==",
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;",
            " d=football.example.com; i=@football.example.com;",
            " q=dns/txt; s=test; t=1528637909; h=from : to : subject :",
            " date : message-id : from : subject : date;",
            " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;",
            " b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8GwpsRe0IeIixNTe3",
            " DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2Jz",
            " dA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7OdEFE4LjFYNcUxZQ4FADY+8=",
            "From: Joe SixPack <joe@football.example.com>",
            "To: Suzie Q <suzie@shopping.example.net>",
            "Subject: Is dinner ready?",
            "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)",
            "Message-ID: <20030712040037.46341.5F8J@football.example.com>",
            "",
            "Hi.",
            "",
            "We lost the game.  Are you hungry yet?",
            "",
            "Joe.",
            "");

    static DnsResolver dns() {
        return ZoneFileResolver.builder()
                .record("brisbane._domainkey.football.example.com. TXT \"" + ED25519_RECORD + "\"")
                .record("test._domainkey.football.example.com. TXT \"" + RSA_RECORD + "\"")
                .build();
    }

    static DkimVerifier verifier() {
        return DkimVerifier.builder(dns())
                .clock(Clock.fixed(Instant.ofEpochSecond(1_528_637_909L + 3600), ZoneOffset.UTC))
                .build();
    }

    @Test
    void bothSignaturesOfTheExampleVerify() throws Exception {
        List<DkimOutput> results = verifier().verify(AuthenticatedMessage.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII)));
        assertThat(results).hasSize(2);
        assertThat(results.get(0)).isEqualTo(new DkimOutput(DkimResult.PASS, "football.example.com", "brisbane",
                "@football.example.com", "ed25519-sha256", "/gCrinpc", 256, "", 0, false));
        assertThat(results.get(1)).isEqualTo(new DkimOutput(DkimResult.PASS, "football.example.com", "test",
                "@football.example.com", "rsa-sha256", "F45dVWDf", 1024, "", 0, false));
    }

    @Test
    void theExampleVerifiesWithLfLineEnds() throws Exception {
        byte[] local = MESSAGE.replace("\r\n", "\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier().verify(AuthenticatedMessage.parse(local)))
                .extracting(DkimOutput::result).containsExactly(DkimResult.PASS, DkimResult.PASS);
    }

    @Test
    void signingWithTheExampleKeyReproducesTheExampleSignature() throws Exception {
        // Ed25519 is deterministic: the same data and key give the RFC's b= exactly.
        AuthenticatedMessage message = AuthenticatedMessage.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        HeaderField field = message.dkimSignatures().get(0);
        DkimSignature signature = DkimSignature.parse(field.value());
        byte[] data = new SignedData(message.headers().fields())
                .build(signature.signedHeaders(), Canonicalization.RELAXED, field.raw());
        DkimSigningKey key = DkimSigningKey.ed25519FromSeed(Base64.getDecoder().decode(ED25519_SEED));
        assertThat(key.dnsRecord()).isEqualTo(ED25519_RECORD);
        assertThat(key.sign(data)).isEqualTo(signature.signature());
    }

    @Test
    void theExampleBodyHashIsReproduced() throws Exception {
        AuthenticatedMessage message = AuthenticatedMessage.parse(MESSAGE.getBytes(StandardCharsets.US_ASCII));
        BodyCanonicalizer body = new BodyCanonicalizer(Canonicalization.RELAXED, Crypto.digest("SHA-256"), Long.MAX_VALUE);
        byte[] bytes = message.openBody().readAllBytes();
        body.update(bytes, 0, bytes.length);
        assertThat(Base64.getEncoder().encodeToString(body.finish())).isEqualTo("2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=");
    }

    @Test
    void alteringTheExampleBreaksBothSignatures() throws Exception {
        byte[] altered = MESSAGE.replace("We lost the game.", "We won the game.").getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier().verify(AuthenticatedMessage.parse(altered)))
                .extracting(DkimOutput::result, DkimOutput::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(DkimResult.FAIL, "body hash mismatch"),
                        org.assertj.core.groups.Tuple.tuple(DkimResult.FAIL, "body hash mismatch"));
        byte[] subject = MESSAGE.replace("Is dinner ready?", "Is dinner ready!").getBytes(StandardCharsets.US_ASCII);
        assertThat(verifier().verify(AuthenticatedMessage.parse(subject)))
                .extracting(DkimOutput::reason).containsOnly("signature did not verify");
    }
}
