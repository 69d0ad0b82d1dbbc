package dev.mailwright.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.smtp.outbound.fixtures.Await;
import dev.mailwright.smtp.outbound.fixtures.MutableClock;
import dev.mailwright.smtp.outbound.fixtures.ScriptedTransport;
import dev.mailwright.smtp.outbound.spi.OutboundTransport;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.SessionResult;
import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import dev.mailwright.smtp.outbound.spool.FileQueueStorage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboundDeliveryTest {

    private static final ZoneFileResolver DNS = ZoneFileResolver.builder()
            .zoneText("example.net.", """
                    $TTL 300
                    @     IN MX 10 mx
                    mx    IN A 192.0.2.1
                    """)
            .zoneText("example.org.", """
                    $TTL 300
                    @     IN MX 10 mx
                    mx    IN A 192.0.2.2
                    relay IN A 192.0.2.3
                    """)
            .build();
    private static final byte[] MESSAGE = ("From: s@example.org\r\nTo: r@example.net\r\nSubject: quarterly report\r\n"
            + "Message-ID: <m1@example.org>\r\n\r\nHello.\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final RetrySchedule NO_JITTER = new RetrySchedule(Duration.ofMinutes(5), 2.0,
            Duration.ofSeconds(4000), Duration.ofDays(5), 0);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final List<OutboundDelivery> started = new ArrayList<>();

    @AfterEach
    void stopAll() {
        started.forEach(OutboundDelivery::close);
    }

    private OutboundDelivery start(OutboundTransport transport, OutboundDelivery.Builder extra) {
        OutboundDelivery delivery = extra
                .dns(DNS)
                .transport(transport)
                .heloName("out.example.org")
                .clock(clock)
                .retrySchedule(NO_JITTER)
                .pollInterval(Duration.ofMillis(20))
                .mtaSts(false)
                .shutdownGrace(Duration.ofMillis(300))
                .build();
        delivery.start();
        started.add(delivery);
        return delivery;
    }

    private OutboundDelivery start(OutboundTransport transport) {
        return start(transport, OutboundDelivery.builder().queue(FileQueueStorage.open(dir)));
    }

    private static Envelope envelope(String sender, String... recipients) {
        return new Envelope(sender == null ? Optional.empty() : Optional.of(MailAddress.parse(sender)),
                MailOptions.NONE, List.of(recipients).stream()
                .map(r -> Envelope.Recipient.of(MailAddress.parse(r))).toList());
    }

    @Test
    void acceptedMessageIsQueuedDurablyThenDelivered() {
        ScriptedTransport transport = new ScriptedTransport().accepting("mx.example.net");
        OutboundDelivery delivery = start(transport);

        DeliveryResult result = delivery.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE));

        assertThat(result.allAccepted()).isTrue();
        assertThat(result.results().get(0).text()).startsWith("queued as ");
        Await.until("the queue is empty", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
        assertThat(transport.sessions()).hasSize(1);
        assertThat(transport.sessions().get(0).content()).isEqualTo(MESSAGE);
        assertThat(transport.sessions().get(0).request().heloName()).isEqualTo("out.example.org");
    }

    @Test
    void deferredRecipientIsRetriedAfterTheBackOff() {
        AtomicInteger calls = new AtomicInteger();
        ScriptedTransport transport = new ScriptedTransport().host("mx.example.net",
                r -> calls.incrementAndGet() == 1 ? new SmtpReply(451, "4.7.1", "greylisted") : new SmtpReply(250, "2.0.0", "OK"));
        OutboundDelivery delivery = start(transport);
        delivery.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE));

        Await.until("the first attempt is recorded", () -> delivery.list().stream().anyMatch(m -> m.attempts() == 1));
        QueuedMessage deferred = delivery.list().get(0);
        assertThat(deferred.nextAttempt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(deferred.recipients().get(0).last().orElseThrow().text()).isEqualTo("greylisted");
        assertThat(deferred.history()).hasSize(1);
        assertThat(deferred.history().get(0).tls().policy()).isEqualTo(TlsOutcome.Policy.OPPORTUNISTIC);

        clock.advance(Duration.ofMinutes(4));
        assertThat(delivery.nextDue()).contains(deferred.nextAttempt());
        clock.advance(Duration.ofMinutes(1));
        Await.until("the retry delivered it", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
        assertThat(transport.sessions()).hasSize(2);
    }

    @Test
    void permanentFailureSendsADsnFromTheNullSender() {
        ScriptedTransport transport = new ScriptedTransport()
                .host("mx.example.net", r -> r.address().localPart().equals("gone")
                        ? new SmtpReply(550, "5.1.1", "no such user") : new SmtpReply(250, "2.0.0", "OK"))
                .accepting("mx.example.org");
        OutboundDelivery delivery = start(transport);

        delivery.deliver(envelope("s@example.org", "ok@example.net", "gone@example.net"), MessageContent.of(MESSAGE));

        Await.until("the DSN went out", () -> transport.sessions().size() == 2 && delivery.list().isEmpty()
                && delivery.inFlight() == 0);
        ScriptedTransport.Session dsn = transport.sessions().get(1);
        assertThat(dsn.host()).isEqualTo("mx.example.org");
        assertThat(dsn.request().envelope().sender()).isEmpty();
        assertThat(dsn.recipients()).containsExactly("s@example.org");
        String text = new String(dsn.content(), StandardCharsets.UTF_8);
        assertThat(text).contains("Content-Type: multipart/report; report-type=delivery-status",
                "Final-Recipient: rfc822;gone@example.net", "Action: failed", "Status: 5.1.1",
                "Remote-MTA: dns; mx.example.net", "Diagnostic-Code: smtp; 550 5.1.1 no such user",
                "Subject: quarterly report");
        assertThat(text).doesNotContain("ok@example.net>:").doesNotContain("Hello.");
    }

    @Test
    void aNextHopWithoutDsnMakesThisHostReportTheSuccessThatWasAskedFor() {
        ScriptedTransport transport = new ScriptedTransport().accepting("mx.example.net").accepting("mx.example.org");
        OutboundDelivery delivery = start(transport);
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("s@example.org")), MailOptions.NONE, List.of(
                new Envelope.Recipient(MailAddress.parse("asked@example.net"),
                        RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE))),
                Envelope.Recipient.of(MailAddress.parse("quiet@example.net"))));

        delivery.deliver(envelope, MessageContent.of(MESSAGE));

        Await.until("the success report went out", () -> transport.sessions().size() == 2 && delivery.list().isEmpty()
                && delivery.inFlight() == 0);
        ScriptedTransport.Session report = transport.sessions().get(1);
        assertThat(report.recipients()).containsExactly("s@example.org");
        assertThat(report.request().envelope().sender()).isEmpty();
        assertThat(new String(report.content(), StandardCharsets.UTF_8))
                .contains("Subject: Successful Mail Delivery Report", "Final-Recipient: rfc822;asked@example.net",
                        "Action: relayed", "Status: 2.0.0", "Remote-MTA: dns; mx.example.net",
                        "relayed to mx.example.net, which does not send delivery reports")
                .doesNotContain("quiet@example.net");
    }

    @Test
    void aNextHopWithDsnGetsNotifyPassedOnAndReportsItself() {
        ScriptedTransport transport = new ScriptedTransport().accepting("mx.example.net").offeringDsn("mx.example.net")
                .accepting("mx.example.org");
        OutboundDelivery delivery = start(transport);
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("s@example.org")), MailOptions.NONE, List.of(
                new Envelope.Recipient(MailAddress.parse("asked@example.net"),
                        RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.SUCCESS)))));

        delivery.deliver(envelope, MessageContent.of(MESSAGE));

        Await.until("the message is done", () -> delivery.list().isEmpty() && delivery.inFlight() == 0
                && transport.sessions().size() == 1);
        delivery.flush();
        assertThat(transport.hostsTried()).containsExactly("mx.example.net");
        assertThat(transport.sessions().get(0).request().envelope().recipients().get(0).options().notifyOn())
                .containsExactly(DsnNotify.SUCCESS);
    }

    @Test
    void nullSenderIsNeverBouncedTo() {
        ScriptedTransport transport = new ScriptedTransport()
                .host("mx.example.net", r -> new SmtpReply(550, "5.1.1", "no such user"));
        OutboundDelivery delivery = start(transport);

        delivery.deliver(envelope(null, "gone@example.net"), MessageContent.of(MESSAGE));

        Await.until("the message is done", () -> delivery.list().isEmpty() && delivery.inFlight() == 0
                && transport.sessions().size() == 1);
        delivery.flush();
        assertThat(delivery.list()).isEmpty();
        assertThat(transport.sessions()).hasSize(1);
    }

    @Test
    void notifyNeverSuppressesTheBounce() {
        ScriptedTransport transport = new ScriptedTransport()
                .host("mx.example.net", r -> new SmtpReply(550, "5.1.1", "no such user"));
        OutboundDelivery delivery = start(transport);
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("s@example.org")), MailOptions.NONE,
                List.of(new Envelope.Recipient(MailAddress.parse("gone@example.net"),
                        RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.NEVER)))));

        delivery.deliver(envelope, MessageContent.of(MESSAGE));

        Await.until("the message is done", () -> delivery.list().isEmpty() && delivery.inFlight() == 0
                && transport.sessions().size() == 1);
        assertThat(transport.hostsTried()).containsExactly("mx.example.net");
    }

    @Test
    void messageStillDeferredAtTheEndOfItsLifetimeIsReturned() {
        ScriptedTransport transport = new ScriptedTransport()
                .host("mx.example.net", r -> new SmtpReply(421, "4.3.2", "try again later"))
                .accepting("mx.example.org");
        OutboundDelivery delivery = start(transport);
        delivery.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("the first attempt", () -> delivery.list().stream().anyMatch(m -> m.attempts() == 1));

        clock.advance(Duration.ofDays(5));

        Await.until("the DSN went out", () -> transport.sessions().stream().anyMatch(s -> s.host().equals("mx.example.org"))
                && delivery.list().isEmpty() && delivery.inFlight() == 0);
        String text = new String(transport.sessions().get(transport.sessions().size() - 1).content(), StandardCharsets.UTF_8);
        assertThat(text).contains("Action: failed", "Status: 4.4.7", "delivery time expired");
    }

    @Test
    void delayNoticeGoesOutOnceWhenSwitchedOn() {
        ScriptedTransport transport = new ScriptedTransport()
                .host("mx.example.net", r -> new SmtpReply(451, "4.4.1", "not now"))
                .accepting("mx.example.org");
        OutboundDelivery delivery = start(transport, OutboundDelivery.builder()
                .queue(FileQueueStorage.open(dir)).delayWarning(Duration.ofMinutes(4)));
        delivery.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("the first attempt", () -> delivery.list().stream().anyMatch(m -> m.attempts() == 1));
        assertThat(transport.hostsTried()).containsExactly("mx.example.net");

        clock.advance(Duration.ofMinutes(5));
        Await.until("the delay notice", () -> transport.hostsTried().contains("mx.example.org"));
        Await.until("the second attempt recorded", () -> delivery.list().stream()
                .anyMatch(m -> m.attempts() == 2 && m.delayNotified()));
        clock.advance(Duration.ofMinutes(10));
        Await.until("the third attempt recorded", () -> delivery.list().stream().anyMatch(m -> m.attempts() == 3));

        List<String> notices = transport.sessions().stream().filter(s -> s.host().equals("mx.example.org"))
                .map(s -> new String(s.content(), StandardCharsets.UTF_8)).toList();
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0)).contains("Action: delayed", "Will-Retry-Until:", "Subject: Delayed Mail");
    }

    @Test
    void restartResumesAMessageThatWasInFlight() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutboundTransport hanging = (request, content) -> {
            stuck.countDown();
            SmtpReply reply = new SmtpReply(250, "2.0.0", "OK");
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                reply = new SmtpReply(451, "4.4.2", "connection lost");
            }
            return new SessionResult("mx.example.net", TlsOutcome.none(TlsOutcome.Policy.OPPORTUNISTIC, ""),
                    List.of(reply), reply.toString());
        };
        OutboundDelivery first = OutboundDelivery.builder().queue(FileQueueStorage.open(dir)).dns(DNS)
                .transport(hanging).heloName("out.example.org").clock(clock).pollInterval(Duration.ofMillis(20))
                .mtaSts(false).shutdownGrace(Duration.ofMillis(200)).build();
        first.start();
        String id = first.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE))
                .results().get(0).text().substring("queued as ".length());
        assertThat(stuck.await(20, TimeUnit.SECONDS)).isTrue();

        first.close();
        release.countDown();

        ScriptedTransport transport = new ScriptedTransport().accepting("mx.example.net");
        OutboundDelivery second = start(transport);
        Await.until("the resumed delivery", () -> second.list().isEmpty() && second.inFlight() == 0
                && transport.sessions().size() == 1);
        assertThat(transport.sessions().get(0).content()).isEqualTo(MESSAGE);
        assertThat(second.find(id)).isEmpty();
    }

    @Test
    void longDeliveriesKeepTheirLease() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        OutboundTransport slow = (request, content) -> {
            started.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new SessionResult("mx.example.net", TlsOutcome.none(TlsOutcome.Policy.OPPORTUNISTIC, ""),
                    List.of(new SmtpReply(250, "2.0.0", "OK")), "250 OK");
        };
        OutboundDelivery delivery = start(slow, OutboundDelivery.builder().queue(FileQueueStorage.open(dir))
                .leaseTime(Duration.ofMinutes(3)));
        delivery.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMinutes(2));
        Instant renewedAfter = clock.instant();
        Await.until("the lease is renewed", () -> delivery.list().stream().allMatch(m -> m.lease().isPresent()
                && m.lease().get().expires().isAfter(renewedAfter.plus(Duration.ofMinutes(2)))));
        clock.advance(Duration.ofMinutes(2));
        assertThat(delivery.storage().claim("other-node", clock.instant(), Duration.ofMinutes(1), 10)).isEmpty();

        release.countDown();
        Await.until("delivered", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
    }

    @Test
    void perDomainConcurrencyIsBounded() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        OutboundTransport slow = (request, content) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return new SessionResult("mx.example.net", TlsOutcome.none(TlsOutcome.Policy.OPPORTUNISTIC, ""),
                    List.of(new SmtpReply(250, "2.0.0", "OK")), "250 OK");
        };
        OutboundDelivery delivery = start(slow, OutboundDelivery.builder().queue(FileQueueStorage.open(dir))
                .deliveryThreads(4).perDomainConcurrency(2));
        for (int i = 0; i < 5; i++) {
            delivery.deliver(envelope("s@example.org", "r" + i + "@example.net"), MessageContent.of(MESSAGE));
        }
        Await.until("two sessions run", () -> running.get() == 2 && delivery.inFlight() == 5);
        release.countDown();
        Await.until("all delivered", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
        assertThat(most.get()).isEqualTo(2);
    }

    @Test
    void smarthostTakesEverythingWithRequiredTlsAndCredentials() {
        ScriptedTransport transport = new ScriptedTransport().accepting("relay.example.org");
        OutboundDelivery delivery = start(transport, OutboundDelivery.builder().queue(FileQueueStorage.open(dir))
                .smarthost(Smarthost.starttls("relay.example.org", 587).withCredentials("user", "secret")));

        delivery.deliver(envelope("s@example.org", "a@example.net", "b@example.com"), MessageContent.of(MESSAGE));

        Await.until("both delivered", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
        assertThat(transport.hostsTried()).containsOnly("relay.example.org").hasSize(2);
        var request = transport.sessions().get(0).request();
        assertThat(request.address().getPort()).isEqualTo(587);
        assertThat(request.tls().mode()).isEqualTo(TlsPolicy.Mode.REQUIRED);
        assertThat(request.tls().policy()).isEqualTo(TlsOutcome.Policy.SMARTHOST);
        assertThat(request.credentials().orElseThrow().username()).isEqualTo("user");
        assertThat(request.credentials().orElseThrow().toString()).doesNotContain("secret");
    }

    @Test
    void signerHeadersArePrependedBeforeQueueing() {
        ScriptedTransport transport = new ScriptedTransport().accepting("mx.example.net");
        OutboundDelivery delivery = start(transport, OutboundDelivery.builder().queue(FileQueueStorage.open(dir))
                .signer((envelope, content) -> "X-Signed: yes\r\n".getBytes(StandardCharsets.US_ASCII)));
        delivery.deliver(envelope("s@example.org", "r@example.net"), MessageContent.of(MESSAGE));
        Await.until("delivered", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
        assertThat(new String(transport.sessions().get(0).content(), StandardCharsets.US_ASCII)).startsWith("X-Signed: yes\r\nFrom:");
    }

    @Test
    void builderNamesTheMissingSetting() {
        assertThatThrownBy(() -> OutboundDelivery.builder().transport(new ScriptedTransport()).heloName("h").build())
                .hasMessage("outbound queue storage is required");
        assertThatThrownBy(() -> OutboundDelivery.builder().queue(FileQueueStorage.open(dir.resolve("b"))).remotePort(0)
                .heloName("out.example.org").build())
                .hasMessage("remotePort must be 1 to 65535");
        assertThatThrownBy(() -> OutboundDelivery.builder().queue(FileQueueStorage.open(dir.resolve("a")))
                .transport(new ScriptedTransport()).heloName("bad name").build())
                .hasMessage("outbound heloName must be a host name");
    }

    @Test
    void recipientsOfSeveralDomainsGetOneRoundEach() {
        ScriptedTransport transport = new ScriptedTransport().accepting("mx.example.net").accepting("mx.example.org");
        OutboundDelivery delivery = start(transport);
        delivery.deliver(envelope("s@example.org", "a@example.net", "b@example.org", "c@example.net"),
                MessageContent.of(MESSAGE));
        Await.until("delivered", () -> delivery.list().isEmpty() && delivery.inFlight() == 0);
        assertThat(transport.sessions()).hasSize(2);
        assertThat(transport.sessions()).anySatisfy(s -> assertThat(s.recipients())
                .containsExactly("a@example.net", "c@example.net"));
        assertThat(transport.sessions()).anySatisfy(s -> assertThat(s.recipients()).containsExactly("b@example.org"));
    }
}
