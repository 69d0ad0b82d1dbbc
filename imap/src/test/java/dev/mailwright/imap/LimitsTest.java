package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.user.LoginThrottle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hostile input against every limit: each is refused with a clear error, and nothing huge is allocated. */
class LimitsTest {

    private TestServer server;

    private TestServer start(ImapLimits.Builder limits) throws Exception {
        return start(limits, 50);
    }

    private TestServer start(ImapLimits.Builder limits, int perAddress) throws Exception {
        server = TestServer.start(b -> b.limits(limits.build())
                .listener(ImapListener.loopback(TlsMode.NONE).connectionLimits(100, perAddress).build()));
        return server;
    }

    private static ImapLimits.Builder limits() {
        return ImapLimits.builder().authFailureDelay(Duration.ofMillis(10), Duration.ofMillis(80));
    }

    /** The extra listener added by start(), with its own connection limits. */
    private java.net.InetSocketAddress limited() {
        return server.addresses.get(3);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void overlongLineEndsTheConnection() throws Exception {
        start(limits().maxLineLength(1000));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            c.send("a1 NOOP " + "x".repeat(5000) + "\r\n");
            assertThat(c.line()).isEqualTo("* BAD [TOOBIG] Line longer than 1000 bytes");
            assertThat(c.line()).startsWith("* BYE ");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void hugeLiteralBeforeLoginIsRefusedWithoutReadingIt() throws Exception {
        start(limits());
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            // Synchronizing: refused before the continuation, so the client never sends it.
            assertThat(c.command("a1", "LOGIN {4294967295}")).containsExactly(
                    "a1 BAD [TOOBIG] Literal larger than the limit of 8192 bytes");
            assertThat(c.command("a2", "NOOP")).containsExactly("a2 OK NOOP completed");
            // Non-synchronizing: its bytes would follow at once, so the connection ends.
            c.send("a3 LOGIN {2000000000+}\r\nxxxxxxxx");
            assertThat(c.line()).isEqualTo("a3 BAD [TOOBIG] Literal larger than the limit of 8192 bytes");
            assertThat(c.line()).startsWith("* BYE ");
        }
    }

    @Test
    void literalsWithinTheLimitsWorkAndLiteralMinusCapsNonSynchronizingOnes() throws Exception {
        server = TestServer.start(b -> b.literalPlus(false));
        try (RawClient c = new RawClient(server.plain())) {
            assertThat(c.line()).contains("LITERAL-");
            c.send("a1 LOGIN {5+}\r\nalice {6}\r\n");
            assertThat(c.line()).isEqualTo("+ Ready for literal data");
            c.send("secret\r\n");
            assertThat(c.until("a1").get(0)).startsWith("a1 OK [CAPABILITY ");
            c.send("a2 APPEND INBOX {5000+}\r\n");
            assertThat(c.line()).isEqualTo("a2 BAD [TOOBIG] Literal larger than the limit of 4096 bytes");
            // After login the refused literal's bytes are read and dropped, and the session goes on.
            c.send("y".repeat(5000) + "\r\na3 NOOP\r\n");
            assertThat(c.until("a3")).containsExactly("a3 OK NOOP completed");
        }
    }

    @Test
    void appendLargerThanTheLimitIsRefused() throws Exception {
        start(limits().appendLimit(1000));
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("a1", "CAPABILITY").get(0)).contains("APPENDLIMIT=1000");
            assertThat(c.command("a2", "APPEND INBOX {1001}")).containsExactly(
                    "a2 NO [TOOBIG] Message larger than the limit of 1000 bytes");
        }
    }

    @Test
    void commandsBeforeAuthenticationAreCounted() throws Exception {
        start(limits().maxCommandsBeforeAuth(3));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            for (int i = 0; i < 3; i++) {
                assertThat(c.command("n" + i, "NOOP")).containsExactly("n" + i + " OK NOOP completed");
            }
            c.send("n3 NOOP\r\n");
            assertThat(c.line()).isEqualTo("* BYE Too many commands before authentication");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void badCommandsAreCounted() throws Exception {
        start(limits().maxBadCommands(3));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            c.send("a FROB\r\nb FROB\r\nc FROB\r\n");
            assertThat(c.line()).isEqualTo("a BAD Unknown command FROB");
            assertThat(c.line()).isEqualTo("b BAD Unknown command FROB");
            assertThat(c.line()).isEqualTo("c BAD Unknown command FROB");
            assertThat(c.line()).isEqualTo("* BYE Too many bad commands");
        }
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            c.send("\r\n\r\n\r\n");
            assertThat(c.line()).isEqualTo("* BAD Empty command line");
            assertThat(c.line()).isEqualTo("* BAD Empty command line");
            assertThat(c.line()).isEqualTo("* BAD Empty command line");
            assertThat(c.line()).startsWith("* BYE ");
        }
    }

    @Test
    void idleClientsAreLoggedOut() throws Exception {
        start(limits().loginTimeout(Duration.ofSeconds(1)).idleTimeout(Duration.ofSeconds(2)));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            assertThat(c.line()).isEqualTo("* BYE Autologout; idle for too long");
        }
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            c.send("i IDLE\r\n");
            assertThat(c.line()).isEqualTo("+ idling");
            assertThat(c.line()).isEqualTo("* BYE Autologout; idle for too long");
        }
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        start(limits(), 2);
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                RawClient c = new RawClient(limited());
                clients.add(c);
                assertThat(c.line()).startsWith("* OK ");
            }
            try (RawClient third = new RawClient(limited())) {
                assertThat(third.line()).isEqualTo("* BYE Too many connections from your address");
                assertThat(third.line()).isNull();
            }
        } finally {
            for (RawClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void failedLoginsAreAnsweredAlikeThenTheConnectionEnds() throws Exception {
        start(limits().maxAuthFailures(3));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            assertThat(c.command("a1", "LOGIN alice wrong")).containsExactly("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(c.command("a2", "LOGIN nobody secret")).containsExactly("a2 NO [AUTHENTICATIONFAILED] Authentication failed");
            String plain = java.util.Base64.getEncoder().encodeToString("\0alice\0nope".getBytes(StandardCharsets.UTF_8));
            assertThat(c.command("a3", "AUTHENTICATE PLAIN " + plain)).containsExactly(
                    "a3 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(c.line()).isEqualTo("* BYE Too many authentication failures");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void aGivenLoginThrottleCountsTheFailures() throws Exception {
        LoginThrottle shared = new LoginThrottle(Duration.ofMillis(1), Duration.ofMillis(5));
        server = TestServer.start(b -> b.limits(limits().build()).loginThrottle(shared));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            assertThat(c.command("a1", "LOGIN alice wrong")).containsExactly("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
        }
        assertThat(shared.failures(java.net.InetAddress.getLoopbackAddress())).isEqualTo(1);
    }

    @Test
    void pipelinedCommandsWaitForADelayedFailure() throws Exception {
        start(limits());
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            c.send("a1 LOGIN alice wrong\r\na2 LOGIN alice secret\r\n");
            assertThat(c.line()).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(c.line()).startsWith("a2 OK [CAPABILITY IMAP4rev1");
        }
    }

    @Test
    void loginWithoutTlsIsRefusedByDefault() throws Exception {
        dev.mailwright.core.store.memory.InMemoryMailStore store = new dev.mailwright.core.store.memory.InMemoryMailStore();
        store.provision("alice");
        ImapServer tlsOnly = ImapServer.builder().store(store).tls(TestServer.TLS)
                .authenticator((u, p, a) -> p.equals("secret") ? Optional.of(u) : Optional.empty())
                .listener(ImapListener.loopback(TlsMode.STARTTLS).build()).build();
        java.net.InetSocketAddress address = tlsOnly.start().get(0);
        try (RawClient c = new RawClient(address)) {
            assertThat(c.line()).isEqualTo(
                    "* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE STARTTLS LOGINDISABLED] Mailwright IMAP ready");
            assertThat(c.command("a1", "LOGIN alice secret")).containsExactly(
                    "a1 NO [PRIVACYREQUIRED] Plaintext authentication is not allowed without TLS; use STARTTLS first");
            assertThat(c.command("a2", "AUTHENTICATE PLAIN")).containsExactly(
                    "a2 NO [PRIVACYREQUIRED] Plaintext authentication is not allowed without TLS; use STARTTLS first");
            c.send("a3 STARTTLS\r\na4 LOGIN alice secret\r\n");
            assertThat(c.line()).isEqualTo("a3 OK Begin TLS negotiation now");
            javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) TestServer.CERTIFICATE.clientContext().getSocketFactory()
                    .createSocket(c.socket, "localhost", address.getPort(), true);
            tls.startHandshake();
            try (RawClient secure = new RawClient(tls)) {
                // The pipelined LOGIN was plaintext injected before TLS: it was dropped, not run.
                assertThat(secure.command("a5", "CAPABILITY")).containsExactly(
                        "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE AUTH=PLAIN", "a5 OK CAPABILITY completed");
                String plain = java.util.Base64.getEncoder().encodeToString("\0alice\0secret".getBytes(StandardCharsets.UTF_8));
                secure.send("a6 AUTHENTICATE PLAIN\r\n");
                assertThat(secure.line()).isEqualTo("+ ");
                secure.send(plain + "\r\n");
                assertThat(secure.line()).startsWith("a6 OK [CAPABILITY IMAP4rev1 IMAP4rev2 ");
            }
        } finally {
            tlsOnly.stop(Duration.ofMillis(100));
        }
    }

    @Test
    void authenticateCanBeCancelled() throws Exception {
        start(limits());
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            c.send("a1 AUTHENTICATE PLAIN\r\n");
            assertThat(c.line()).isEqualTo("+ ");
            c.send("*\r\n");
            assertThat(c.line()).isEqualTo("a1 BAD Authentication cancelled");
            assertThat(c.command("a2", "AUTHENTICATE CRAM-MD5")).containsExactly(
                    "a2 NO [CANNOT] Unsupported authentication mechanism; PLAIN is supported");
        }
    }

    @Test
    void unexpectedFailuresAnswerServerBugAndTheSessionSurvives() throws Exception {
        server = TestServer.start(b -> b.authenticator((u, p, a) -> {
            if (u.equals("boom")) {
                throw new IllegalStateException("internal detail");
            }
            return p.equals("secret") ? Optional.of(u) : Optional.empty();
        }));
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            assertThat(c.command("a1", "LOGIN boom x")).containsExactly(
                    "a1 NO [UNAVAILABLE] Authentication is temporarily unavailable");
            assertThat(c.command("a2", "LOGIN alice secret").get(0)).startsWith("a2 OK ");
        }
    }
}
