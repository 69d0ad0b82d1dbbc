package dev.mailwright.smtp.outbound.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.smtp.outbound.fixtures.ScriptedTransport;
import dev.mailwright.smtp.outbound.fixtures.TestCa;
import dev.mailwright.smtp.outbound.mtasts.InMemoryMtaStsPolicyStore;
import dev.mailwright.smtp.outbound.mtasts.MtaStsResolver;
import dev.mailwright.smtp.outbound.route.MxRouter;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import dev.mailwright.smtp.outbound.tls.AnyCertificateTrustManager;
import dev.mailwright.smtp.outbound.tls.DaneTrustManager;
import dev.mailwright.smtp.outbound.tls.PkixHostTrustManager;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DomainDeliveryTest {

    private static final String ZONE = """
            $TTL 300
            @          IN MX 10 mx1
            @          IN MX 20 mx2
            mx1        IN A 192.0.2.1
            mx2        IN A 192.0.2.2
            mx2        IN AAAA 2001:db8::2
            """;
    private static final TestCa CA = TestCa.create("Test CA");

    private final ScriptedTransport transport = new ScriptedTransport();

    private DomainDelivery delivery(DnsResolver dns, Optional<MtaStsResolver> mtaSts) {
        return new DomainDelivery(dns, new MxRouter(dns, new SplittableRandom(1)), mtaSts,
                new SecurityPlanner(dns, PkixHostTrustManager.trustOf(CA.trustStore()), true, Clock.systemUTC()),
                transport, Optional.empty(), "out.example.org", 25, Clock.systemUTC());
    }

    private static DnsResolver zone(String text) {
        return ZoneFileResolver.builder().zoneText("example.net.", text).build();
    }

    private static List<RecipientState> recipients(String... addresses) {
        return List.of(addresses).stream()
                .map(a -> RecipientState.pending(Envelope.Recipient.of(MailAddress.parse(a)))).toList();
    }

    private DomainOutcome run(DomainDelivery delivery, MailOptions options, String... addresses) {
        return delivery.deliver("example.net", Optional.of(MailAddress.parse("s@example.org")), options,
                recipients(addresses), () -> MessageContent.of("Subject: x\r\n\r\nhi\r\n".getBytes()));
    }

    private static RecipientState.Status status(DomainOutcome outcome, int i) {
        return outcome.recipients().get(i).status();
    }

    @Test
    void connectionFailureFallsBackToTheNextMx() {
        transport.accepting("mx2.example.net");
        DomainOutcome outcome = run(delivery(zone(ZONE), Optional.empty()), MailOptions.NONE, "a@example.net");

        assertThat(transport.hostsTried()).containsExactly("mx1.example.net", "mx2.example.net");
        assertThat(status(outcome, 0)).isEqualTo(RecipientState.Status.DELIVERED);
        assertThat(outcome.recipients().get(0).last().orElseThrow().remoteMta()).isEqualTo("mx2.example.net");
        assertThat(outcome.attempts()).extracting(a -> a.host()).containsExactly("mx1.example.net", "mx2.example.net");
        assertThat(transport.sessions().get(0).request().tls().mode()).isEqualTo(TlsPolicy.Mode.OPPORTUNISTIC);
    }

    @Test
    void perRecipientRepliesAreFinalOn2xxAnd5xxWhile4xxMovesToTheNextMx() {
        transport.host("mx1.example.net", r -> switch (r.address().localPart()) {
            case "ok" -> new SmtpReply(250, "2.1.5", "OK");
            case "gone" -> new SmtpReply(550, "5.1.1", "no such user");
            default -> new SmtpReply(451, "4.2.0", "greylisted");
        });
        transport.host("mx2.example.net", r -> new SmtpReply(452, "4.2.2", "mailbox full"));

        DomainOutcome outcome = run(delivery(zone(ZONE), Optional.empty()), MailOptions.NONE,
                "ok@example.net", "gone@example.net", "later@example.net");

        assertThat(status(outcome, 0)).isEqualTo(RecipientState.Status.DELIVERED);
        assertThat(status(outcome, 1)).isEqualTo(RecipientState.Status.FAILED);
        assertThat(outcome.recipients().get(1).last().orElseThrow().enhancedStatus()).isEqualTo("5.1.1");
        assertThat(status(outcome, 2)).isEqualTo(RecipientState.Status.PENDING);
        assertThat(outcome.recipients().get(2).last().orElseThrow().text()).isEqualTo("mailbox full");
        assertThat(transport.sessions().get(1).recipients()).containsExactly("later@example.net");
    }

    @Test
    void nullMxFailsEveryRecipientWithoutAConnection() {
        DomainOutcome outcome = run(delivery(zone("$TTL 300\n@ IN MX 0 .\n@ IN A 192.0.2.9\n"), Optional.empty()),
                MailOptions.NONE, "a@example.net", "b@example.net");
        assertThat(transport.sessions()).isEmpty();
        assertThat(outcome.recipients()).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(RecipientState.Status.FAILED);
            assertThat(r.last().orElseThrow().enhancedStatus()).isEqualTo("5.1.10");
        });
    }

    @Test
    void noReachableHostDefers() {
        DomainOutcome outcome = run(delivery(zone(ZONE), Optional.empty()), MailOptions.NONE, "a@example.net");
        assertThat(status(outcome, 0)).isEqualTo(RecipientState.Status.PENDING);
        assertThat(transport.hostsTried()).containsExactly("mx1.example.net", "mx2.example.net", "mx2.example.net");
    }

    @Test
    void mtaStsEnforceSkipsUnlistedHostsAndRequiresPkix() {
        transport.accepting("mx1.example.net").accepting("mx2.example.net");
        DnsResolver dns = zone(ZONE + "_mta-sts IN TXT \"v=STSv1; id=1;\"\n");
        MtaStsResolver sts = new MtaStsResolver(dns,
                domain -> "version: STSv1\nmode: enforce\nmx: mx2.example.net\nmax_age: 86400\n",
                new InMemoryMtaStsPolicyStore(), Clock.systemUTC());

        DomainOutcome outcome = run(delivery(dns, Optional.of(sts)), MailOptions.NONE, "a@example.net");

        assertThat(transport.hostsTried()).containsExactly("mx2.example.net");
        TlsPolicy tls = transport.sessions().get(0).request().tls();
        assertThat(tls.mode()).isEqualTo(TlsPolicy.Mode.REQUIRED);
        assertThat(tls.trust()).isInstanceOf(PkixHostTrustManager.class);
        assertThat(tls.policy()).isEqualTo(TlsOutcome.Policy.MTA_STS_ENFORCE);
        assertThat(status(outcome, 0)).isEqualTo(RecipientState.Status.DELIVERED);
        assertThat(outcome.attempts().get(0).host()).isEqualTo("mx1.example.net");
        assertThat(outcome.attempts().get(0).result()).contains("not allowed by the MTA-STS policy");
    }

    @Test
    void mtaStsTestingDeliversToEveryHostOpportunistically() {
        transport.accepting("mx1.example.net");
        DnsResolver dns = zone(ZONE + "_mta-sts IN TXT \"v=STSv1; id=1;\"\n");
        MtaStsResolver sts = new MtaStsResolver(dns,
                domain -> "version: STSv1\nmode: testing\nmx: mx2.example.net\nmax_age: 86400\n",
                new InMemoryMtaStsPolicyStore(), Clock.systemUTC());

        run(delivery(dns, Optional.of(sts)), MailOptions.NONE, "a@example.net");

        TlsPolicy tls = transport.sessions().get(0).request().tls();
        assertThat(tls.mode()).isEqualTo(TlsPolicy.Mode.OPPORTUNISTIC);
        assertThat(tls.policy()).isEqualTo(TlsOutcome.Policy.MTA_STS_TESTING);
    }

    @Test
    void authenticatedTlsaRecordsMakeTlsMandatoryAndDaneChecked() {
        transport.accepting("mx1.example.net");
        String tlsa = HexFormat.of().formatHex(sha256(CA.issue("mx1.example.net").leaf().getPublicKey().getEncoded()));
        DnsResolver dns = ZoneFileResolver.builder()
                .zoneText("example.net.", ZONE + "_25._tcp.mx1 IN TLSA 3 1 1 " + tlsa + "\n")
                .authenticated(true).build();

        run(delivery(dns, Optional.empty()), MailOptions.NONE, "a@example.net");

        TlsPolicy tls = transport.sessions().get(0).request().tls();
        assertThat(tls.mode()).isEqualTo(TlsPolicy.Mode.REQUIRED);
        assertThat(tls.trust()).isInstanceOf(DaneTrustManager.class);
        assertThat(tls.verified()).isEqualTo(TlsOutcome.Security.DANE);
    }

    @Test
    void unauthenticatedTlsaRecordsAreIgnored() {
        transport.accepting("mx1.example.net");
        DnsResolver dns = zone(ZONE + "_25._tcp.mx1 IN TLSA 3 1 1 " + "00".repeat(32) + "\n");

        run(delivery(dns, Optional.empty()), MailOptions.NONE, "a@example.net");

        assertThat(transport.sessions().get(0).request().tls().trust()).isSameAs(AnyCertificateTrustManager.INSTANCE);
    }

    @Test
    void requireTlsWithoutDnssecOrMtaStsFailsPermanently() {
        transport.accepting("mx1.example.net");
        DomainOutcome outcome = run(delivery(zone(ZONE), Optional.empty()), MailOptions.NONE.withRequireTls(true),
                "a@example.net");
        assertThat(transport.sessions()).isEmpty();
        assertThat(status(outcome, 0)).isEqualTo(RecipientState.Status.FAILED);
        assertThat(outcome.recipients().get(0).last().orElseThrow().enhancedStatus()).isEqualTo("5.7.30");
    }

    @Test
    void requireTlsWithDnssecDemandsPkix() {
        transport.accepting("mx1.example.net");
        DnsResolver dns = ZoneFileResolver.builder().zoneText("example.net.", ZONE).authenticated(true).build();
        run(delivery(dns, Optional.empty()), MailOptions.NONE.withRequireTls(true), "a@example.net");
        TlsPolicy tls = transport.sessions().get(0).request().tls();
        assertThat(tls.mode()).isEqualTo(TlsPolicy.Mode.REQUIRED);
        assertThat(tls.policy()).isEqualTo(TlsOutcome.Policy.REQUIRETLS);
        assertThat(tls.trust()).isInstanceOf(PkixHostTrustManager.class);
    }

    @Test
    void requireTlsPassesOverHostsWithoutItAndFailsWhenNoneHasIt() {
        DnsResolver dns = ZoneFileResolver.builder().zoneText("example.net.", ZONE).authenticated(true).build();
        transport.host("mx1.example.net", r -> new SmtpReply(550, "5.7.10", "REQUIRETLS not offered"))
                .accepting("mx2.example.net");
        DomainOutcome delivered = run(delivery(dns, Optional.empty()), MailOptions.NONE.withRequireTls(true),
                "a@example.net");
        assertThat(status(delivered, 0)).isEqualTo(RecipientState.Status.DELIVERED);
        assertThat(delivered.recipients().get(0).last().orElseThrow().remoteMta()).isEqualTo("mx2.example.net");

        transport.host("mx2.example.net", r -> new SmtpReply(550, "5.7.10", "REQUIRETLS not offered"));
        DomainOutcome refused = run(delivery(dns, Optional.empty()), MailOptions.NONE.withRequireTls(true),
                "a@example.net");
        assertThat(status(refused, 0)).isEqualTo(RecipientState.Status.FAILED);
        assertThat(refused.recipients().get(0).last().orElseThrow().enhancedStatus()).isEqualTo("5.7.30");
    }

    @Test
    void manyRecipientsGoInTransactionsOfAtMostFifty() {
        transport.accepting("mx1.example.net");
        String[] many = new String[120];
        for (int i = 0; i < many.length; i++) {
            many[i] = "user" + i + "@example.net";
        }
        DomainOutcome outcome = run(delivery(zone(ZONE), Optional.empty()), MailOptions.NONE, many);
        assertThat(transport.sessions()).extracting(session -> session.recipients().size()).containsExactly(50, 50, 20);
        assertThat(outcome.recipients()).hasSize(120)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RecipientState.Status.DELIVERED));
        assertThat(outcome.recipients().get(119).recipient().address().localPart()).isEqualTo("user119");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
