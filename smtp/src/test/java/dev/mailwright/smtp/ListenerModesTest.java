package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.smtp.spi.DataResult;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** LMTP, the PROXY protocol, graceful stop, events and build-time checks. */
class ListenerModesTest {

    private final ServerFixture fixture = new ServerFixture();
    private final RecordingBackend backend = new RecordingBackend();

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void lmtpRepliesOncePerRecipient() throws Exception {
        backend.dataResult = envelope -> DataResult.perRecipient(new DeliveryResult(List.of(
                RecipientResult.accepted(envelope.recipients().get(0).address()),
                RecipientResult.temporaryFailure(envelope.recipients().get(1).address(), 452, "4.2.2", "mailbox full"))));
        InetSocketAddress address = fixture.start(backend, SmtpListener.builder(ListenerRole.LMTP).build());
        try (RawClient c = new RawClient(address)) {
            assertThat(c.reply()).isEqualTo("220 mx.test LMTP ready");
            assertThat(c.command("EHLO client.example")).isEqualTo("500 5.5.2 command not recognized");
            assertThat(c.command("LHLO client.example")).startsWith("250-mx.test\n250-PIPELINING");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<one@example.com>");
            c.command("RCPT TO:<nobody@example.com>");
            c.command("RCPT TO:<two@example.com>");
            c.command("DATA");
            c.send("Subject: lmtp\r\n\r\nhi\r\n.\r\n");
            assertThat(c.reply()).isEqualTo("250 2.0.0 <one@example.com> OK");
            assertThat(c.reply()).isEqualTo("452 4.2.2 <two@example.com> mailbox full");
            // A refusal of the whole message is also given once per recipient.
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<one@example.com>");
            c.command("RCPT TO:<two@example.com>");
            c.command("DATA");
            c.send("bare\nLF\r\n.\r\n");
            assertThat(c.reply()).startsWith("550 5.5.2 <one@example.com> message refused");
            assertThat(c.reply()).startsWith("550 5.5.2 <two@example.com> message refused");
        }
        RecordingBackend.Received m = backend.next();
        assertThat(m.text()).contains(" with LMTP id ");
    }

    @Test
    void proxyHeaderNamesTheClientWhenEnabled() throws Exception {
        InetSocketAddress address = fixture.start(backend, SmtpListener.builder(ListenerRole.MX).proxyProtocol(true).build());
        try (RawClient c = new RawClient(address)) {
            c.send("PROXY TCP4 192.0.2.10 198.51.100.1 56324 25\r\n");
            assertThat(c.reply()).startsWith("220 ");
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            c.command("hi\r\n.");
        }
        RecordingBackend.Received m = backend.next();
        assertThat(m.session().remote().getAddress().getHostAddress()).isEqualTo("192.0.2.10");
        assertThat(m.text()).startsWith("Received: from client.example (unknown [192.0.2.10])");
    }

    @Test
    void proxyV2HeaderForIpv6() throws Exception {
        InetSocketAddress address = fixture.start(backend, SmtpListener.builder(ListenerRole.MX).proxyProtocol(true).build());
        ByteBuffer header = ByteBuffer.allocate(16 + 36);
        header.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21, 0x21, 0, 36});
        header.put(java.net.InetAddress.getByName("2001:db8::5").getAddress());
        header.put(java.net.InetAddress.getByName("2001:db8::1").getAddress());
        header.putShort((short) 4000).putShort((short) 25);
        try (RawClient c = new RawClient(address)) {
            c.send(header.array());
            assertThat(c.reply()).startsWith("220 ");
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            c.command("hi\r\n.");
        }
        assertThat(backend.next().text()).startsWith("Received: from client.example (unknown [IPv6:2001:db8::5])");
    }

    @Test
    void proxyHeaderIsABadCommandWhenDisabled() throws Exception {
        InetSocketAddress address = fixture.start(backend, SmtpListener.builder(ListenerRole.MX).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("PROXY TCP4 192.0.2.10 198.51.100.1 56324 25")).isEqualTo("500 5.5.2 command not recognized");
        }
    }

    @Test
    void stopLetsTheTransactionInFlightFinish() throws Exception {
        InetSocketAddress address = fixture.startMx(backend);
        try (RawClient busy = new RawClient(address); RawClient idle = new RawClient(address)) {
            busy.reply();
            idle.reply();
            busy.command("EHLO client.example");
            idle.command("EHLO client.example");
            busy.command("MAIL FROM:<a@origin.example>");
            busy.command("RCPT TO:<x@example.com>");
            busy.command("DATA");
            busy.send("Subject: in flight\r\n\r\n");
            Thread stopper = new Thread(() -> fixture.server().stop(Duration.ofSeconds(10)));
            stopper.start();
            assertThat(idle.reply()).isEqualTo("421 4.3.2 mx.test service shutting down, closing connection");
            busy.send("the rest\r\n.\r\n");
            assertThat(busy.reply()).startsWith("250 2.0.0 OK");
            assertThat(busy.reply()).isEqualTo("421 4.3.2 mx.test service shutting down, closing connection");
            stopper.join(15_000);
            fixture.forget();
        }
        assertThat(backend.next().body()).isEqualTo("Subject: in flight\r\n\r\nthe rest\r\n");
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close()).isInstanceOf(IOException.class);
    }

    @Test
    void eventsReportConnectionsMessagesAndRejections() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        SmtpEvents recorder = new SmtpEvents() {
            @Override
            public void connected(SessionInfo s) {
                events.add("connected");
            }

            @Override
            public void disconnected(SessionInfo s) {
                events.add("disconnected");
            }

            @Override
            public void messageAccepted(SessionInfo s, Envelope e, long size) {
                events.add("accepted");
            }

            @Override
            public void messageRejected(SessionInfo s, Envelope e, SmtpReply reply) {
                events.add("rejected " + reply.code());
            }

            @Override
            public void commandRejected(SessionInfo s, String verb, SmtpReply reply) {
                events.add(verb + " " + reply.code());
            }
        };
        InetSocketAddress address = fixture.start(ServerFixture.server(backend).events(recorder)
                .listener(SmtpListener.builder(ListenerRole.MX).build())).get(0);
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@elsewhere.example>");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            c.command("ok\r\n.");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            c.command("bad\rCR\r\n.");
            c.command("QUIT");
        }
        backend.awaitCall("close");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!events.contains("disconnected") && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(events).containsExactly("connected", "RCPT 554", "accepted", "rejected 550", "disconnected");
    }

    /** A backend with both mix-ins: it answers VRFY and checks passwords itself. */
    private static final class MixinBackend implements dev.mailwright.smtp.spi.SmtpBackend,
            dev.mailwright.smtp.spi.VrfySupport, dev.mailwright.smtp.spi.AuthSupport {
        private final RecordingBackend delegate = new RecordingBackend();

        @Override
        public dev.mailwright.smtp.spi.SmtpSession open(SessionInfo session) {
            return delegate.open(session);
        }

        @Override
        public SmtpReply verify(String argument, SessionInfo session) {
            return argument.equals("alice") ? SmtpReply.of(250, "2.1.5", "Alice <alice@example.com>")
                    : SmtpReply.of(550, "5.1.1", "no such user");
        }

        @Override
        public java.util.Optional<String> authenticate(String username, String password, SessionInfo session) {
            return username.equals("svc") && password.equals("pw") ? java.util.Optional.of("svc") : java.util.Optional.empty();
        }
    }

    @Test
    void mixinsOnTheBackendAnswerVrfyAndAuth() throws Exception {
        InetSocketAddress address = fixture.start(ServerFixture.server(new MixinBackend()).vrfy(true)
                .listener(SmtpListener.builder(ListenerRole.MX).auth(true).authRequiresTls(false).build())).get(0);
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("EHLO client.example")).endsWith("250 AUTH PLAIN LOGIN");
            assertThat(c.command("VRFY alice")).isEqualTo("250 2.1.5 Alice <alice@example.com>");
            assertThat(c.command("VRFY mallory")).isEqualTo("550 5.1.1 no such user");
            String plain = java.util.Base64.getEncoder().encodeToString("\0svc\0pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(c.command("AUTH PLAIN " + plain)).isEqualTo("235 2.7.0 authentication successful");
        }
    }

    @Test
    void buildRefusesSettingsThatDoNotFit() {
        assertThatThrownBy(() -> SmtpServer.builder(backend).build()).hasMessageStartingWith("no listener");
        assertThatThrownBy(() -> SmtpListener.builder(ListenerRole.SUBMISSION).build())
                .hasMessage("submission: AUTH requires TLS, but the TLS mode is NONE (use STARTTLS or IMPLICIT, or authRequiresTls(false) on a trusted network)");
        assertThatThrownBy(() -> SmtpListener.builder(ListenerRole.SUBMISSION).auth(false).build())
                .hasMessage("submission: a submission listener requires AUTH");
        assertThatThrownBy(() -> SmtpServer.builder(backend)
                .listener(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(TlsMode.IMPLICIT).build()).build())
                .hasMessageStartingWith("submission: TLS mode IMPLICIT needs tls(...) material");
        assertThatThrownBy(() -> ServerFixture.server(backend)
                .listener(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(TlsMode.IMPLICIT).build()).build())
                .hasMessageStartingWith("submission: AUTH is offered but neither userDirectory(...) nor authenticator(...) is set");
        assertThatThrownBy(() -> ServerFixture.server(backend).vrfy(true)
                .listener(SmtpListener.builder(ListenerRole.MX).build()).build())
                .hasMessage("vrfy(true) needs a backend that implements VrfySupport");
        assertThatThrownBy(() -> ServerFixture.server(backend).hostname("not a host")
                .listener(SmtpListener.builder(ListenerRole.MX).build()).build())
                .hasMessage("hostname is not a domain name: not a host");
    }
}
