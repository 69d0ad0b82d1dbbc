package dev.mailwright.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.dmarc.DmarcPolicy;
import dev.mailwright.auth.dmarc.DmarcResult;
import dev.mailwright.auth.results.AuthenticationResults;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.ZoneFileResolver;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The façade end to end: one parsed message, three results, one Authentication-Results value. */
class EmailAuthenticatorTest {

    private static final DkimSigningKey KEY = DkimSigningKey.generateEd25519();
    private static final byte[] MESSAGE = """
            From: Alice <alice@example.org>\r
            To: bob@example.net\r
            Subject: Hello\r
            \r
            Hi Bob.\r
            """.getBytes(StandardCharsets.US_ASCII);

    private final EmailAuthenticator auth = EmailAuthenticator.builder(ZoneFileResolver.builder()
                    .record("example.org. TXT \"v=spf1 ip4:192.0.2.0/24 -all\"")
                    .record("_dmarc.example.org. TXT \"v=DMARC1; p=reject\"")
                    .record("sel._domainkey.example.org. TXT \"" + KEY.dnsRecord() + "\"")
                    .build())
            .cache(AuthCache.create(1000, Duration.ofMinutes(5)))
            .receivingHost("mx.example.net")
            .build();

    private String check(byte[] message, String ip, String mailFrom) throws Exception {
        AuthenticatedMessage parsed = AuthenticatedMessage.parse(message);
        SpfOutput spf = auth.verifySpf(InetAddress.getByName(ip), "mail.example.org", mailFrom);
        List<DkimOutput> dkim = auth.verifyDkim(parsed);
        DmarcOutput dmarc = auth.verifyDmarc(parsed, spf, dkim);
        return AuthenticationResults.builder("mx.example.net").spf(spf).dkim(dkim).dmarc(dmarc).build().value();
    }

    @Test
    void signedMailFromAnAuthorizedHostPassesEverything() throws Exception {
        byte[] signed = DkimSigner.builder("example.org", "sel", KEY).build().signed(MessageContent.of(MESSAGE)).toByteArray();
        String value = check(signed, "192.0.2.10", "alice@example.org");
        assertThat(value).isEqualTo("mx.example.net; spf=pass smtp.mailfrom=example.org; dkim=pass header.d=example.org "
                + "header.s=sel; dmarc=pass (p=reject dis=none) header.from=example.org");
    }

    @Test
    void signatureAloneCarriesDmarcWhenForwarded() throws Exception {
        byte[] signed = DkimSigner.builder("example.org", "sel", KEY).build().signed(MessageContent.of(MESSAGE)).toByteArray();
        String value = check(signed, "198.51.100.1", "alice@example.org");
        assertThat(value).contains("spf=fail").contains("dkim=pass").contains("dmarc=pass");
    }

    @Test
    void unsignedMailFromAStrangerFailsDmarcWithTheRejectPolicy() throws Exception {
        AuthenticatedMessage parsed = AuthenticatedMessage.parse(MESSAGE);
        SpfOutput spf = auth.verifySpf(InetAddress.getByName("198.51.100.1"), "evil.example", "alice@example.org");
        DmarcOutput dmarc = auth.verifyDmarc(parsed, spf, auth.verifyDkim(parsed));
        assertThat(dmarc.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(dmarc.policy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(check(MESSAGE, "198.51.100.1", "alice@example.org"))
                .isEqualTo("mx.example.net; spf=fail smtp.mailfrom=example.org; dkim=none; "
                        + "dmarc=fail (p=reject dis=reject) header.from=example.org");
    }
}
