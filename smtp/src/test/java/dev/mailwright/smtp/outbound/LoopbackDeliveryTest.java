package dev.mailwright.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.smtp.outbound.fixtures.Await;
import dev.mailwright.smtp.outbound.fixtures.MutableClock;
import dev.mailwright.smtp.outbound.fixtures.PolicyServer;
import dev.mailwright.smtp.outbound.fixtures.ScriptedSmtpServer;
import dev.mailwright.smtp.outbound.fixtures.TestCa;
import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spool.FileQueueStorage;
import dev.mailwright.smtp.outbound.tls.PkixHostTrustManager;
import dev.mailwright.smtp.outbound.transport.SmtpClientTransport;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Outbound delivery over real loopback sockets: scripted SMTP servers on 127.0.0.0/8 addresses
 * that a zone file names as MX hosts, reached through the remote-port testing knob.
 */
class LoopbackDeliveryTest {

    private static final TestCa CA = TestCa.create("Loopback CA");
    private static final byte[] MESSAGE = ("From: s@example.org\r\nTo: r@example.net\r\nSubject: loopback\r\n\r\n"
            + "Hello.\r\n.leading dot\r\n").getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<AutoCloseable> resources = new ArrayList<>();
    private ScriptedSmtpServer mx;

    @BeforeEach
    void startMx() throws Exception {
        mx = track(new ScriptedSmtpServer());
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    private static String zone(String extra) {
        return """
                $TTL 300
                @        IN MX 10 mx1
                @        IN MX 20 mx
                mx1      IN A 127.0.0.3
                mx       IN A 127.0.0.1
                mta-sts  IN A 127.0.0.1
                """ + extra;
    }

    private static final String SENDER_ZONE = "$TTL 300\n@ IN MX 10 mx\nmx IN A 127.0.0.1\nrelay IN A 127.0.0.1\n";

    private OutboundDelivery start(ZoneFileResolver dns, OutboundDelivery.Builder builder) {
        OutboundDelivery delivery = builder
                .queue(FileQueueStorage.open(dir.resolve("queue")))
                .dns(dns)
                .transport(new SmtpClientTransport(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(20)))
                .heloName("out.example.org")
                .remotePort(mx.port())
                .trust(PkixHostTrustManager.trustOf(CA.trustStore()))
                .clock(clock)
                .pollInterval(Duration.ofMillis(20))
                .retrySchedule(new RetrySchedule(Duration.ofMinutes(5), 2, Duration.ofHours(1), Duration.ofDays(5), 0))
                .shutdownGrace(Duration.ofSeconds(2))
                .build();
        track(delivery);
        delivery.start();
        return delivery;
    }

    private OutboundDelivery start(String zoneExtra, boolean dnssec) {
        return start(dns(zoneExtra, dnssec), OutboundDelivery.builder());
    }

    private static ZoneFileResolver dns(String zoneExtra, boolean dnssec) {
        return ZoneFileResolver.builder().zoneText("example.net.", zone(zoneExtra))
                .zoneText("example.org.", SENDER_ZONE).authenticated(dnssec).build();
    }

    private static Envelope envelope(MailOptions options, String... recipients) {
        return new Envelope(Optional.of(MailAddress.parse("s@example.org")), options,
                List.of(recipients).stream().map(r -> Envelope.Recipient.of(MailAddress.parse(r))).toList());
    }

    private static void awaitIdle(OutboundDelivery delivery, String what) {
        Await.until(what, () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
    }

    private static QueuedMessage awaitAttempt(OutboundDelivery delivery, int attempts) {
        Await.until("attempt " + attempts, () -> delivery.list().stream().anyMatch(m -> m.attempts() >= attempts)
                && delivery.inFlight() == 0);
        return delivery.list().get(0);
    }

    @Test
    void opportunisticStartTlsAfterFallingBackFromARefusingMx() {
        mx.tls(CA.issue("unrelated.example").serverContext(), false);
        OutboundDelivery delivery = start("", false);

        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));

        Await.until("delivered", () -> mx.received().size() == 1);
        ScriptedSmtpServer.Received got = mx.received().get(0);
        assertThat(got.tls()).as("STARTTLS used without checking the certificate").isTrue();
        assertThat(got.mailFrom()).startsWith("<s@example.org>");
        assertThat(got.rcptTo()).containsExactly("<r@example.net>");
        assertThat(got.data()).isEqualTo(new String(MESSAGE, StandardCharsets.US_ASCII));
        awaitIdle(delivery, "queue empty");
    }

    @Test
    void plaintextWhenTheServerOffersNoStartTls() {
        OutboundDelivery delivery = start("", false);
        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("delivered", () -> mx.received().size() == 1);
        assertThat(mx.received().get(0).tls()).isFalse();
    }

    @Test
    void refusedStartTlsFallsBackToPlaintextOnlyWhenTlsIsOptional() {
        mx.refuseStartTls();
        OutboundDelivery delivery = start("", false);
        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("delivered in plaintext", () -> mx.received().size() == 1);
        assertThat(mx.received().get(0).tls()).isFalse();
        assertThat(mx.transcript()).contains("STARTTLS");
        awaitIdle(delivery, "queue empty");
    }

    @Test
    void fourHundredGreetingMovesToTheNextMx() throws Exception {
        track(new ScriptedSmtpServer(InetAddress.getByName("127.0.0.3"), mx.port()))
                .greeting("421 4.3.2 too busy");
        OutboundDelivery delivery = start("", false);
        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("delivered by the second MX", () -> mx.received().size() == 1);
        awaitIdle(delivery, "queue empty");
    }

    @Test
    void perRecipientRepliesDeferBounceAndDeliver() {
        mx.rcptReply(r -> r.contains("gone@") ? "550 5.1.1 no such user"
                : r.contains("later@") ? "451 4.2.0 try later" : "250 2.1.5 OK");
        OutboundDelivery delivery = start("", false);

        delivery.deliver(envelope(MailOptions.NONE, "ok@example.net", "gone@example.net", "later@example.net"),
                MessageContent.of(MESSAGE));

        QueuedMessage deferred = awaitAttempt(delivery, 1);
        assertThat(deferred.recipients()).extracting(RecipientState::status).containsExactly(
                RecipientState.Status.DELIVERED, RecipientState.Status.FAILED, RecipientState.Status.PENDING);
        Await.until("the bounce arrived", () -> mx.received().stream().anyMatch(r -> r.mailFrom().startsWith("<> ")));
        ScriptedSmtpServer.Received bounce = mx.received().stream().filter(r -> r.mailFrom().startsWith("<> ")).findFirst()
                .orElseThrow();
        assertThat(bounce.rcptTo()).containsExactly("<s@example.org>");
        assertThat(bounce.data()).contains("Final-Recipient: rfc822;gone@example.net", "Status: 5.1.1")
                .doesNotContain("Final-Recipient: rfc822;later@example.net");

        mx.rcptReply(r -> "250 2.1.5 OK");
        clock.advance(Duration.ofMinutes(5));
        awaitIdle(delivery, "the retry delivered the last recipient");
        assertThat(mx.received().get(mx.received().size() - 1).rcptTo()).containsExactly("<later@example.net>");
    }

    @Test
    void nullMxBouncesWithoutConnecting() {
        ZoneFileResolver dns = ZoneFileResolver.builder().zoneText("example.net.", "$TTL 300\n@ IN MX 0 .\n")
                .zoneText("example.org.", SENDER_ZONE).build();
        OutboundDelivery delivery = start(dns, OutboundDelivery.builder());
        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("the bounce arrived", () -> mx.received().size() == 1);
        assertThat(mx.received().get(0).mailFrom()).startsWith("<> ");
        assertThat(mx.received().get(0).data()).contains("Status: 5.1.10", "Action: failed");
        awaitIdle(delivery, "queue empty");
    }

    @Test
    void requireTlsIsDeferredWithoutStartTlsAndDeliveredOverVerifiedTls() {
        mx.extensions("PIPELINING", "REQUIRETLS");
        OutboundDelivery delivery = start("", true);
        delivery.deliver(envelope(MailOptions.NONE.withRequireTls(true), "r@example.net"), MessageContent.of(MESSAGE));

        QueuedMessage deferred = awaitAttempt(delivery, 1);
        assertThat(mx.received()).isEmpty();
        AttemptRecord last = deferred.history().get(deferred.history().size() - 1);
        assertThat(last.tls().policy()).isEqualTo(TlsOutcome.Policy.REQUIRETLS);
        assertThat(last.tls().failure()).isEqualTo("starttls-not-supported");

        mx.tls(CA.issue("mx.example.net").serverContext(), false);
        clock.advance(Duration.ofMinutes(5));
        Await.until("delivered", () -> mx.received().size() == 1);
        assertThat(mx.received().get(0).tls()).isTrue();
        assertThat(mx.received().get(0).mailFrom()).contains("REQUIRETLS");
        awaitIdle(delivery, "queue empty");
    }

    @Test
    void mtaStsEnforceRequiresACertificateForTheMxName() throws Exception {
        PolicyServer policy = track(new PolicyServer(CA.issue("mta-sts.example.net").serverContext(),
                "version: STSv1\nmode: enforce\nmx: mx.example.net\nmax_age: 86400\n"));
        mx.tls(CA.issue("wrong.example.net").serverContext(), false);
        OutboundDelivery delivery = start(dns("_mta-sts IN TXT \"v=STSv1; id=1;\"\n", false),
                OutboundDelivery.builder().mtaStsPort(policy.port()));

        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));

        QueuedMessage deferred = awaitAttempt(delivery, 1);
        assertThat(mx.received()).isEmpty();
        assertThat(deferred.history()).anySatisfy(a -> {
            assertThat(a.host()).isEqualTo("mx.example.net");
            assertThat(a.tls().policy()).isEqualTo(TlsOutcome.Policy.MTA_STS_ENFORCE);
            assertThat(a.tls().failure()).isEqualTo("certificate-host-mismatch");
        });
        assertThat(deferred.history()).anySatisfy(a -> assertThat(a.host()).isEqualTo("mx1.example.net"));

        mx.tls(CA.issue("mx.example.net").serverContext(), false);
        clock.advance(Duration.ofMinutes(5));
        Await.until("delivered", () -> mx.received().size() == 1);
        assertThat(mx.received().get(0).tls()).isTrue();
        assertThat(policy.requests()).isEqualTo(1);
    }

    @Test
    void mtaStsTestingDeliversAndRecordsTheFailure() throws Exception {
        PolicyServer policy = track(new PolicyServer(CA.issue("mta-sts.example.net").serverContext(),
                "version: STSv1\nmode: testing\nmx: mx.example.net\nmax_age: 86400\n"));
        mx.tls(CA.issue("wrong.example.net").serverContext(), false)
                .rcptReply(r -> r.contains("later@") ? "451 4.2.0 try later" : "250 2.1.5 OK");
        OutboundDelivery delivery = start(dns("_mta-sts IN TXT \"v=STSv1; id=1;\"\n", false),
                OutboundDelivery.builder().mtaStsPort(policy.port()));

        delivery.deliver(envelope(MailOptions.NONE, "r@example.net", "later@example.net"), MessageContent.of(MESSAGE));

        QueuedMessage partly = awaitAttempt(delivery, 1);
        assertThat(mx.received()).hasSize(1);
        assertThat(mx.received().get(0).tls()).isTrue();
        assertThat(mx.received().get(0).rcptTo()).containsExactly("<r@example.net>");
        AttemptRecord attempt = partly.history().stream().filter(a -> a.host().equals("mx.example.net"))
                .findFirst().orElseThrow();
        assertThat(attempt.tls().policy()).isEqualTo(TlsOutcome.Policy.MTA_STS_TESTING);
        assertThat(attempt.tls().security()).isEqualTo(TlsOutcome.Security.OPPORTUNISTIC);
        assertThat(attempt.tls().failure()).isEqualTo("certificate-host-mismatch");
        assertThat(attempt.tls().protocol()).startsWith("TLSv1.");
        assertThat(partly.history()).as("mx1 is outside the policy, yet tried in testing mode")
                .anySatisfy(a -> {
                    assertThat(a.host()).isEqualTo("mx1.example.net");
                    assertThat(a.tls().policy()).isEqualTo(TlsOutcome.Policy.MTA_STS_TESTING);
                    assertThat(a.result()).startsWith("connect:");
                });
    }

    @Test
    void daneMatchDeliversAndMismatchDefers() throws Exception {
        TestCa.Issued identity = CA.issue("mx.example.net");
        String spki = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(identity.leaf().getPublicKey().getEncoded()));
        mx.tls(identity.serverContext(), false);
        OutboundDelivery delivery = start("_" + mx.port() + "._tcp.mx IN TLSA 3 1 1 " + "ab".repeat(32) + "\n", true);

        delivery.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));

        QueuedMessage deferred = awaitAttempt(delivery, 1);
        assertThat(mx.received()).isEmpty();
        assertThat(deferred.history()).anySatisfy(a -> {
            assertThat(a.tls().policy()).isEqualTo(TlsOutcome.Policy.DANE);
            assertThat(a.tls().failure()).isEqualTo("validation-failure");
        });
        delivery.close();
        resources.remove(delivery);

        OutboundDelivery matching = start("_" + mx.port() + "._tcp.mx IN TLSA 3 1 1 " + spki + "\n", true);
        matching.flush();
        Await.until("delivered over DANE", () -> mx.received().size() == 1);
        assertThat(mx.received().get(0).tls()).isTrue();
        awaitIdle(matching, "queue empty");
    }

    @Test
    void queuedMessageSurvivesARestartAndIsDeliveredByTheNextProcess() throws Exception {
        int port = mx.port();
        mx.close();
        OutboundDelivery first = start("", false);
        first.deliver(envelope(MailOptions.NONE, "r@example.net"), MessageContent.of(MESSAGE));
        awaitAttempt(first, 1);
        first.close();
        resources.remove(first);

        mx = track(new ScriptedSmtpServer(InetAddress.getLoopbackAddress(), port));
        OutboundDelivery second = start("", false);
        assertThat(second.list()).hasSize(1);
        second.flush();
        Await.until("delivered after the restart", () -> mx.received().size() == 1);
        awaitIdle(second, "queue empty");
    }

    @Test
    void smarthostWithImplicitTlsAndAuth() throws Exception {
        mx.tls(CA.issue("relay.example.org").serverContext(), true).extensions("AUTH PLAIN LOGIN", "PIPELINING");
        OutboundDelivery delivery = start(dns("", false), OutboundDelivery.builder()
                .smarthost(Smarthost.implicitTls("relay.example.org", mx.port()).withCredentials("app", "s3cret")));

        delivery.deliver(envelope(MailOptions.NONE, "r@example.net", "x@example.com"), MessageContent.of(MESSAGE));

        Await.until("relayed", () -> mx.received().size() == 2);
        assertThat(mx.received()).allSatisfy(r -> assertThat(r.tls()).isTrue());
        assertThat(mx.transcript()).anySatisfy(l -> assertThat(l).startsWith("AUTH PLAIN "));
        awaitIdle(delivery, "queue empty");
    }
}
