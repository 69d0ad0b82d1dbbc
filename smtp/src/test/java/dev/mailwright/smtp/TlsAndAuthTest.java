package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.net.TlsMode;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** STARTTLS (RFC 3207), implicit TLS (RFC 8314) and AUTH (RFC 4954) over raw sockets. */
class TlsAndAuthTest {

    private final ServerFixture fixture = new ServerFixture();
    private final RecordingBackend backend = new RecordingBackend();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private InetSocketAddress submission(TlsMode mode) throws Exception {
        return fixture.start(ServerFixture.server(backend).userDirectory(ServerFixture.users())
                .listener(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(mode).build())).get(0);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plaintextPipelinedAfterStartTlsIsDiscarded() throws Exception {
        InetSocketAddress address = fixture.startMx(backend);
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            // The injection: commands in the same packet as STARTTLS.
            c.send("STARTTLS\r\nMAIL FROM:<injected@evil.example>\r\nRCPT TO:<x@example.com>\r\n");
            assertThat(c.reply()).isEqualTo("220 2.0.0 ready to start TLS");
            c.startTls(ServerFixture.CLIENT_TLS, "localhost");
            assertThat(c.command("MAIL FROM:<a@origin.example>")).isEqualTo("503 5.5.1 send HELO or EHLO first");
            String ehlo = c.command("EHLO client.example");
            assertThat(ehlo).doesNotContain("STARTTLS").endsWith("250 REQUIRETLS");
            assertThat(c.command("STARTTLS")).isEqualTo("554 5.5.1 TLS already active");
            assertThat(c.command("MAIL FROM:<a@origin.example> REQUIRETLS")).isEqualTo("250 2.1.0 sender OK");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            assertThat(c.command("Subject: tls\r\n\r\nhello\r\n.")).startsWith("250 2.0.0");
        }
        RecordingBackend.Received m = backend.next();
        assertThat(backend.calls).doesNotContain("mail injected@evil.example");
        assertThat(m.envelope().mailOptions().requireTls()).isTrue();
        assertThat(m.text()).matches("(?s)Received: from client\\.example \\(unknown \\[127\\.0\\.0\\.1\\]\\)\r\n"
                + "\t\\(using TLSv1\\.[23] with cipher TLS_\\w+\\)\r\n\tby mx\\.test with ESMTPS id .*");
        assertThat(m.session().isTls()).isTrue();
        assertThat(m.session().heloName()).contains("client.example");
    }

    @Test
    void submissionNeedsTlsThenAuthBeforeMail() throws Exception {
        InetSocketAddress address = submission(TlsMode.STARTTLS);
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("EHLO client.example")).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0secret"))).isEqualTo("538 5.7.11 encryption required for requested authentication mechanism");
            assertThat(c.command("MAIL FROM:<alice@example.com>")).isEqualTo("530 5.7.0 must issue a STARTTLS command first");
            c.command("STARTTLS");
            c.startTls(ServerFixture.CLIENT_TLS, "localhost");
            assertThat(c.command("EHLO client.example")).contains("250-AUTH PLAIN LOGIN");
            assertThat(c.command("MAIL FROM:<alice@example.com>")).isEqualTo("530 5.7.0 authentication required");
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0secret"))).isEqualTo("235 2.7.0 authentication successful");
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0secret"))).isEqualTo("503 5.5.1 already authenticated");
            assertThat(c.command("MAIL FROM:<alice@example.com> AUTH=alice@example.com")).isEqualTo("250 2.1.0 sender OK");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            assertThat(c.command("hello\r\n.")).startsWith("250 ");
        }
        RecordingBackend.Received m = backend.next();
        assertThat(m.session().authenticatedUser()).contains("alice");
        assertThat(m.envelope().mailOptions().authIdentity()).contains("alice@example.com");
        assertThat(m.text()).contains(" with ESMTPSA id ");
    }

    @Test
    void implicitTlsSubmissionOffersAuthAtOnce() throws Exception {
        InetSocketAddress address = submission(TlsMode.IMPLICIT);
        SSLSocket socket = (SSLSocket) ServerFixture.CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (RawClient c = new RawClient(socket)) {
            assertThat(c.reply()).isEqualTo("220 mx.test ESMTP ready");
            assertThat(c.command("EHLO client.example")).contains("250-AUTH PLAIN LOGIN").doesNotContain("STARTTLS");
            assertThat(c.command("AUTH LOGIN")).isEqualTo("334 VXNlcm5hbWU6");
            assertThat(c.command(b64("bob"))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command(b64("hunter2"))).isEqualTo("235 2.7.0 authentication successful");
        }
    }

    @Test
    void authExchangesAndTheirErrors() throws Exception {
        InetSocketAddress address = submission(TlsMode.IMPLICIT);
        SSLSocket socket = (SSLSocket) ServerFixture.CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (RawClient c = new RawClient(socket)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.command("AUTH CRAM-MD5")).isEqualTo("504 5.5.4 unrecognized authentication type");
            assertThat(c.command("AUTH")).isEqualTo("501 5.5.4 syntax: AUTH mechanism [initial-response]");
            assertThat(c.command("AUTH PLAIN")).isEqualTo("334 ");
            assertThat(c.command("*")).isEqualTo("501 5.0.0 authentication cancelled");
            assertThat(c.command("AUTH PLAIN not!base64")).isEqualTo("501 5.5.2 cannot decode response: not base64");
            assertThat(c.command("AUTH PLAIN " + b64("alice-only"))).isEqualTo("501 5.5.2 malformed authentication response");
            assertThat(c.command("AUTH LOGIN " + b64("alice"))).isEqualTo("334 UGFzc3dvcmQ6");
            assertThat(c.command("*")).isEqualTo("501 5.0.0 authentication cancelled");
            // Someone else's authorization identity is refused like a bad password.
            assertThat(c.command("AUTH PLAIN " + b64("bob\0alice\0secret"))).isEqualTo("535 5.7.8 authentication credentials invalid");
            assertThat(c.command("AUTH PLAIN " + b64("alice\0alice\0secret"))).isEqualTo("235 2.7.0 authentication successful");
        }
    }

    @Test
    void unknownUserAndWrongPasswordLookAlikeAndTooManyFailuresClose() throws Exception {
        InetSocketAddress address = submission(TlsMode.IMPLICIT);
        SSLSocket socket = (SSLSocket) ServerFixture.CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (RawClient c = new RawClient(socket)) {
            c.reply();
            c.command("EHLO client.example");
            String wrongPassword = c.command("AUTH PLAIN " + b64("\0alice\0wrong"));
            String unknownUser = c.command("AUTH PLAIN " + b64("\0mallory\0secret"));
            assertThat(wrongPassword).isEqualTo(unknownUser).isEqualTo("535 5.7.8 authentication credentials invalid");
            assertThat(c.command("AUTH LOGIN " + b64("alice"))).startsWith("334 ");
            assertThat(c.command(b64("nope"))).isEqualTo("535 5.7.8 authentication credentials invalid");
            assertThat(c.reply()).isEqualTo("421 4.7.0 mx.test too many authentication failures");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void failedAuthRepliesAreDelayedWithoutBlockingAndInputWaits() throws Exception {
        InetSocketAddress address = fixture.start(ServerFixture.server(backend).userDirectory(ServerFixture.users())
                .authFailureDelays(java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200))
                .listener(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(TlsMode.IMPLICIT)
                        .limits(SmtpLimits.builder().maxAuthFailures(5).build()).build())).get(0);
        SSLSocket socket = (SSLSocket) ServerFixture.CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (RawClient c = new RawClient(socket)) {
            c.reply();
            c.command("EHLO client.example");
            // Pipelined behind failures that are answered late, the commands still get their replies in order.
            c.send("AUTH PLAIN " + b64("\0alice\0wrong") + "\r\nAUTH PLAIN " + b64("\0alice\0wrong") + "\r\nNOOP\r\n"
                    + "AUTH PLAIN " + b64("\0alice\0secret") + "\r\n");
            assertThat(c.reply()).isEqualTo("535 5.7.8 authentication credentials invalid");
            assertThat(c.reply()).isEqualTo("535 5.7.8 authentication credentials invalid");
            assertThat(c.reply()).isEqualTo("250 2.0.0 OK");
            assertThat(c.reply()).isEqualTo("235 2.7.0 authentication successful");
        }
        SSLSocket again = (SSLSocket) ServerFixture.CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (RawClient c = new RawClient(again)) {
            c.reply();
            c.command("EHLO client.example");
            // A failure at the end of a LOGIN exchange, delayed, then the conversation goes on.
            assertThat(c.command("AUTH LOGIN")).startsWith("334 ");
            assertThat(c.command(b64("alice"))).startsWith("334 ");
            assertThat(c.command(b64("wrong"))).isEqualTo("535 5.7.8 authentication credentials invalid");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(c.command("AUTH LOGIN")).startsWith("334 ");
        }
    }

    @Test
    void mxListenerHasNoAuthByDefault() throws Exception {
        InetSocketAddress address = fixture.startMx(backend);
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("EHLO client.example")).doesNotContain("AUTH");
            assertThat(c.command("AUTH PLAIN " + b64("\0alice\0secret"))).isEqualTo("503 5.5.1 authentication not enabled");
            assertThat(c.command("MAIL FROM:<a@origin.example> AUTH=<>")).isEqualTo("555 5.5.4 unsupported parameter AUTH");
        }
    }
}
