package dev.mailwright.auth.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.spf.SpfIdentity;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.auth.spf.SpfResult;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7489 discovery, alignment, policies and the author-domain rules, table by table. */
class DmarcVerifierTest {

    private static final DnsResolver DNS = ZoneFileResolver.builder().zoneText("""
            $TTL 300
            _dmarc.example.org.        TXT "v=DMARC1; p=reject; sp=quarantine; adkim=r; aspf=r"
            _dmarc.strict.example.     TXT "v=DMARC1; p=reject; adkim=s; aspf=s"
            _dmarc.none.example.       TXT "v=DMARC1; p=none; rua=mailto:d@none.example"
            _dmarc.half.example.       TXT "v=DMARC1; p=reject; pct=50"
            _dmarc.quarter.example.    TXT "v=DMARC1; p=quarantine; pct=25"
            _dmarc.ruaonly.example.    TXT "v=DMARC1; rua=mailto:d@ruaonly.example"
            _dmarc.broken.example.     TXT "v=DMARC1; p=maybe"
            _dmarc.two.example.        TXT "v=DMARC1; p=reject"
            _dmarc.two.example.        TXT "v=DMARC1; p=none"
            _dmarc.other.example.      TXT "v=spf1 -all"
            _dmarc.example.co.uk.      TXT "v=DMARC1; p=reject"
            """).failing("_dmarc.down.example").build();

    private static DmarcVerifier verifier(int percentile) {
        // A fixed "random" number in [0, 100): sampling decisions become predictable.
        return DmarcVerifier.builder(DNS).random(new java.util.random.RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextInt(100) is expected");
            }

            @Override
            public int nextInt(int bound) {
                assertThat(bound).isEqualTo(100);
                return percentile;
            }
        }).build();
    }

    private static AuthenticatedMessage message(String fromLines) throws Exception {
        return AuthenticatedMessage.parse((fromLines + "Subject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8));
    }

    private static SpfOutput spf(SpfResult result, String domain) {
        return new SpfOutput(result, SpfIdentity.MAILFROM, "u@" + domain, domain, "", "");
    }

    private static List<DkimOutput> dkim(DkimResult result, String domain) {
        return List.of(new DkimOutput(result, domain, "s", "@" + domain, "rsa-sha256", "abcdefgh", 2048, "", 0, false));
    }

    @ParameterizedTest(name = "From {0}, SPF {1} {2}, DKIM {3} {4}: {5} {6}")
    @CsvSource({
        // from domain, spf result, spf domain, dkim result, dkim domain, expected result, policy, record domain
        "example.org, pass, example.org, fail, example.org, pass, none, example.org",
        "example.org, fail, example.org, pass, example.org, pass, none, example.org",
        "example.org, pass, bounce.example.org, none, '', pass, none, example.org",
        "example.org, none, '', pass, mail.example.org, pass, none, example.org",
        "example.org, pass, example.net, pass, example.com, fail, reject, example.org",
        "example.org, softfail, example.org, fail, example.org, fail, reject, example.org",
        "news.example.org, fail, x.example, fail, x.example, fail, quarantine, example.org",
        "news.example.org, pass, example.org, none, '', pass, none, example.org",
        "strict.example, pass, strict.example, none, '', pass, none, strict.example",
        "mail.strict.example, pass, strict.example, none, '', fail, reject, strict.example",
        "strict.example, pass, mail.strict.example, pass, mail.strict.example, fail, reject, strict.example",
        "none.example, fail, x.example, fail, x.example, fail, none, none.example",
        "ruaonly.example, fail, x.example, fail, x.example, fail, none, ruaonly.example",
        "broken.example, fail, x.example, fail, x.example, none, none, ''",
        "two.example, fail, x.example, fail, x.example, none, none, ''",
        "other.example, fail, x.example, fail, x.example, none, none, ''",
        "nothing.example, fail, x.example, fail, x.example, none, none, ''",
        "www.example.co.uk, pass, example.co.uk, none, '', pass, none, example.co.uk",
        "example.co.uk, pass, other.co.uk, none, '', fail, reject, example.co.uk",
        "down.example, pass, down.example, pass, down.example, temperror, none, ''",
    })
    void alignmentAndDiscovery(String from, String spfResult, String spfDomain, String dkimResult, String dkimDomain,
            String expected, String policy, String recordDomain) throws Exception {
        DmarcOutput output = verifier(0).verify(message("From: a@" + from + "\r\n"),
                spf(SpfResult.fromKeyword(spfResult), spfDomain == null ? "" : spfDomain),
                dkimDomain == null ? List.of() : dkim(DkimResult.valueOf(dkimResult.toUpperCase()), dkimDomain));
        assertThat(output.result().keyword()).as(output.reason()).isEqualTo(expected);
        assertThat(output.policy().keyword()).isEqualTo(policy);
        assertThat(output.recordDomain()).isEqualTo(recordDomain == null ? "" : recordDomain);
    }

    @Test
    void percentSamplingAppliesTheNextLessStrictPolicyToMessagesLeftOut() throws Exception {
        AuthenticatedMessage half = message("From: a@half.example\r\n");
        AuthenticatedMessage quarter = message("From: a@quarter.example\r\n");
        SpfOutput fail = spf(SpfResult.FAIL, "x.example");
        assertThat(verifier(49).verify(half, fail, List.of()).policy()).isEqualTo(DmarcPolicy.REJECT);
        DmarcOutput leftOut = verifier(50).verify(half, fail, List.of());
        assertThat(leftOut.policy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(leftOut.publishedPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(leftOut.result()).isEqualTo(DmarcResult.FAIL);
        assertThat(verifier(24).verify(quarter, fail, List.of()).policy()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(verifier(25).verify(quarter, fail, List.of()).policy()).isEqualTo(DmarcPolicy.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no From|Sender: a@example.org\\r\\n|no From field",
        "two From fields|From: a@example.org\\r\\nFrom: b@example.org\\r\\n|2 From fields",
        "two addresses|From: a@example.org, b@example.org\\r\\n|2 addresses in From",
        "a group of two|From: team: a@example.org, b@example.org;\\r\\n|2 addresses in From",
        "an empty group|From: undisclosed:;\\r\\n|0 addresses in From",
        "garbage|From: <<<\\r\\n|the From field does not parse",
        "a domain literal|From: a@[192.0.2.1]\\r\\n|the From address has no usable domain",
    })
    void messagesWithoutOneAuthorDomainNeverPass(String description, String fields, String reason) throws Exception {
        AuthenticatedMessage message = message(fields.replace("\\r\\n", "\r\n"));
        // Even with every identifier passing for example.org, there is no single author to align with.
        DmarcOutput output = verifier(0).verify(message, spf(SpfResult.PASS, "example.org"),
                dkim(DkimResult.PASS, "example.org"));
        assertThat(output.result()).isEqualTo(DmarcResult.PERMERROR);
        assertThat(output.policy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(output.reason()).isEqualTo(reason);
        DmarcVerifier lenient = DmarcVerifier.builder(DNS).malformedFromPolicy(DmarcPolicy.QUARANTINE).build();
        assertThat(lenient.verify(message, spf(SpfResult.PASS, "example.org"), List.of()).policy())
                .isEqualTo(DmarcPolicy.QUARANTINE);
    }

    @Test
    void displayNamesAndCommentsDoNotMatter() throws Exception {
        DmarcOutput output = verifier(0).verify(message("From: \"Alice (Sales)\" <alice@EXAMPLE.org> (work)\r\n"),
                spf(SpfResult.PASS, "example.org"), List.of());
        assertThat(output.result()).isEqualTo(DmarcResult.PASS);
        assertThat(output.fromDomain()).isEqualTo("example.org");
    }
}
