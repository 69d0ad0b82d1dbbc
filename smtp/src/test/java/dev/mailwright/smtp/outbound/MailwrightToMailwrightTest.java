package dev.mailwright.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dkim.DkimVerifier;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.SmtpServer;
import dev.mailwright.smtp.backend.DeliveryBackend;
import dev.mailwright.smtp.outbound.dkim.DkimKeyStore;
import dev.mailwright.smtp.outbound.dkim.DkimMessageSigner;
import dev.mailwright.smtp.outbound.fixtures.Await;
import dev.mailwright.smtp.outbound.spool.FileQueueStorage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Mailwright instances on one machine: one sends with {@link OutboundDelivery}, the other
 * receives with the project's own {@link SmtpServer}, found through MX lookups in a zone file and
 * the remote-port testing knob.
 */
class MailwrightToMailwrightTest {

    private static final SelfSignedCertificate RECEIVER_CERT = SelfSignedCertificate.generate(
            List.of("mx.example.net"), Duration.ofDays(2), Clock.systemUTC());
    private static final byte[] MESSAGE = ("From: Alice <alice@example.org>\r\nTo: bob@example.net\r\n"
            + "Subject: across\r\nDate: Sun, 1 Mar 2026 10:00:00 +0000\r\n\r\nHello from one Mailwright to another.\r\n")
            .getBytes(StandardCharsets.US_ASCII);

    record Delivered(Envelope envelope, byte[] content) {
    }

    @TempDir
    Path dir;

    private final List<Delivered> inbox = new CopyOnWriteArrayList<>();
    private final List<Delivered> bounces = new CopyOnWriteArrayList<>();
    private SmtpServer receiver;
    private int port;
    private OutboundDelivery sender;

    @BeforeEach
    void startReceiver() throws Exception {
        DeliveryBackend backend = DeliveryBackend.forLocalDomains(List.of("example.net"),
                r -> !r.localPart().equals("nobody"), (envelope, content) -> {
                    inbox.add(new Delivered(envelope, content.toByteArray()));
                    return new DeliveryResult(envelope.recipientAddresses().stream().map(RecipientResult::accepted).toList());
                });
        receiver = SmtpServer.builder(backend).hostname("mx.example.net").tls(ServerTls.of(RECEIVER_CERT.certifiedKey()))
                .listener(SmtpListener.builder(ListenerRole.MX).address(new InetSocketAddress("127.0.0.1", 0))
                        .tlsMode(TlsMode.STARTTLS).build())
                .workerThreads(2).ioThreads(1).build();
        port = receiver.start().get(0).getPort();
    }

    @AfterEach
    void stopBoth() {
        if (sender != null) {
            sender.close();
        }
        receiver.stop(Duration.ofMillis(200));
    }

    private OutboundDelivery startSender(ZoneFileResolver dns, MessageSigner signer) {
        sender = OutboundDelivery.builder()
                .queue(FileQueueStorage.open(dir.resolve("queue")))
                .dns(dns)
                .remotePort(port)
                .heloName("out.example.org")
                .signer(signer)
                .mtaSts(false)
                .pollInterval(Duration.ofMillis(20))
                .bounceTarget((envelope, content) -> {
                    bounces.add(new Delivered(envelope, content.toByteArray()));
                    return new DeliveryResult(envelope.recipientAddresses().stream().map(RecipientResult::accepted).toList());
                })
                .build();
        sender.start();
        return sender;
    }

    private static ZoneFileResolver zone(String extra, boolean dnssec) {
        return ZoneFileResolver.builder().zoneText("example.net.", "$TTL 300\n@ IN MX 10 mx\nmx IN A 127.0.0.1\n" + extra)
                .authenticated(dnssec).build();
    }

    private static Envelope envelope(String... recipients) {
        return new Envelope(Optional.of(MailAddress.parse("alice@example.org")), MailOptions.NONE,
                List.of(recipients).stream().map(r -> Envelope.Recipient.of(MailAddress.parse(r))).toList());
    }

    @Test
    void signedMailCrossesOverDaneVerifiedTls() throws Exception {
        String tlsa = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(RECEIVER_CERT.certificate().getPublicKey().getEncoded()));
        DkimKeyStore keys = DkimKeyStore.open(dir.resolve("dkim"), "mw", DkimKeyStore.KeyType.ED25519);
        OutboundDelivery out = startSender(zone("_" + port + "._tcp.mx IN TLSA 3 1 1 " + tlsa + "\n", true),
                DkimMessageSigner.create(keys, List.of("example.org"), Clock.systemUTC()));

        out.deliver(envelope("bob@example.net"), MessageContent.of(MESSAGE));

        Await.until("the receiver has it", () -> inbox.size() == 1);
        Await.until("the sender's queue is empty", () -> out.list().isEmpty() && out.inFlight() == 0);
        Delivered got = inbox.get(0);
        assertThat(got.envelope().sender()).contains(MailAddress.parse("alice@example.org"));
        assertThat(got.envelope().recipientAddresses()).containsExactly(MailAddress.parse("bob@example.net"));
        String text = new String(got.content(), StandardCharsets.US_ASCII);
        assertThat(text).contains("Hello from one Mailwright to another.");

        String record = Files.readString(keys.dnsFile("example.org")).strip();
        ZoneFileResolver dkimDns = ZoneFileResolver.builder()
                .record("mw._domainkey.example.org. 300 IN TXT \"" + record + "\"").build();
        List<DkimOutput> dkim = DkimVerifier.builder(dkimDns).build().verify(AuthenticatedMessage.parse(got.content()));
        assertThat(dkim).extracting(DkimOutput::result).contains(DkimResult.PASS);
    }

    @Test
    void unknownRecipientAtTheReceiverComesBackAsABounce() {
        OutboundDelivery out = startSender(zone("", false), MessageSigner.NONE);

        out.deliver(envelope("bob@example.net", "nobody@example.net"), MessageContent.of(MESSAGE));

        Await.until("the bounce", () -> bounces.size() == 1);
        Await.until("bob has it", () -> inbox.size() == 1);
        Delivered bounce = bounces.get(0);
        assertThat(bounce.envelope().sender()).isEmpty();
        assertThat(bounce.envelope().recipientAddresses()).containsExactly(MailAddress.parse("alice@example.org"));
        assertThat(new String(bounce.content(), StandardCharsets.UTF_8)).contains(
                "Final-Recipient: rfc822;nobody@example.net", "Action: failed", "Status: 5.1.1",
                "Remote-MTA: dns; mx.example.net", "Subject: across");
        assertThat(inbox.get(0).envelope().recipientAddresses()).containsExactly(MailAddress.parse("bob@example.net"));
    }
}
