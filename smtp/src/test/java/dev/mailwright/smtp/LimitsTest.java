package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every limit, and the reply it gives. */
class LimitsTest {

    private final ServerFixture fixture = new ServerFixture();
    private final RecordingBackend backend = new RecordingBackend();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private InetSocketAddress start(SmtpLimits limits) throws Exception {
        return fixture.start(backend, SmtpListener.builder(ListenerRole.MX).limits(limits).build());
    }

    private static void transaction(RawClient c, int recipients) throws Exception {
        c.command("EHLO client.example");
        c.command("MAIL FROM:<a@origin.example>");
        for (int i = 0; i < recipients; i++) {
            assertThat(c.command("RCPT TO:<r" + i + "@example.com>")).startsWith("250 ");
        }
    }

    @Test
    void commandLineLength() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxLineLength(512).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("NOOP " + "x".repeat(507))).isEqualTo("250 2.0.0 OK");
            assertThat(c.command("NOOP " + "x".repeat(508))).isEqualTo("500 5.5.2 line too long");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
    }

    @Test
    void recipientsPerMessage() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxRecipients(100).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            transaction(c, 100);
            assertThat(c.command("RCPT TO:<one-more@example.com>")).isEqualTo("452 4.5.3 too many recipients");
            c.command("DATA");
            assertThat(c.command("x\r\n.")).startsWith("250 ");
        }
        assertThat(backend.next().envelope().recipients()).hasSize(100);
    }

    @Test
    void messageSizeIsEnforcedWhileStreamingAndTheSessionStaysUsable() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxMessageSize(65536).spoolThreshold(1024).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("EHLO client.example")).contains("250-SIZE 65536");
            assertThat(c.command("MAIL FROM:<a@origin.example> SIZE=65537")).isEqualTo("552 5.3.4 message size exceeds fixed maximum message size");
            c.command("MAIL FROM:<a@origin.example> SIZE=1000");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            String line = "y".repeat(98) + "\r\n";
            c.send("Subject: big\r\n\r\n" + line.repeat(700));
            assertThat(c.command(".")).isEqualTo("552 5.3.4 message exceeds fixed maximum message size");
            assertThat(c.command("MAIL FROM:<a@origin.example>")).isEqualTo("250 2.1.0 sender OK");
            c.command("RCPT TO:<x@example.com>");
            c.send("BDAT 70000 LAST\r\n" + "z".repeat(70000));
            assertThat(c.reply()).isEqualTo("552 5.3.4 message exceeds fixed maximum message size");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
        assertThat(backend.messages).isEmpty();
    }

    @Test
    void headerSize() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxHeaderBytes(2048).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            transaction(c, 1);
            c.command("DATA");
            assertThat(c.command("X-Long: " + "h".repeat(3000) + "\r\n\r\nbody\r\n.")).isEqualTo("552 5.3.4 message header exceeds fixed maximum size");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            // A body past the header limit is fine once the header has ended.
            assertThat(c.command("X-Short: 1\r\n\r\n" + "b".repeat(3000) + "\r\n.")).startsWith("250 ");
        }
    }

    @Test
    void badCommandsBeforeDisconnect() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxBadCommands(3).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("FOO")).startsWith("500 ");
            assertThat(c.command("RCPT TO:<x@example.com>")).startsWith("503 ");
            assertThat(c.command("NOOP")).startsWith("250 ");
            assertThat(c.command("BAR")).startsWith("500 ");
            assertThat(c.reply()).isEqualTo("421 4.7.0 mx.test too many errors, closing connection");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void connectionsPerAddress() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxConnections(10, 2).build());
        try (RawClient a = new RawClient(address); RawClient b = new RawClient(address)) {
            assertThat(a.reply()).startsWith("220 ");
            assertThat(b.reply()).startsWith("220 ");
            try (RawClient c = new RawClient(address)) {
                assertThat(c.reply()).isEqualTo("421 4.7.0 mx.test too many connections, try again later");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void connectionsInTotal() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().maxConnections(1, 1).build());
        try (RawClient a = new RawClient(address)) {
            assertThat(a.reply()).startsWith("220 ");
            try (RawClient c = new RawClient(address)) {
                assertThat(c.reply()).startsWith("421 4.7.0");
            }
        }
    }

    @Test
    void idleClientsTimeOut() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().commandTimeout(Duration.ofSeconds(1)).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.reply()).isEqualTo("421 4.4.2 mx.test timeout exceeded, closing connection");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void stalledMessagesTimeOut() throws Exception {
        InetSocketAddress address = start(SmtpLimits.builder().dataTimeout(Duration.ofSeconds(1)).build());
        try (RawClient c = new RawClient(address)) {
            c.reply();
            transaction(c, 1);
            c.command("DATA");
            c.send("Subject: never finished\r\n");
            assertThat(c.reply()).isEqualTo("421 4.4.2 mx.test timeout exceeded, closing connection");
            assertThat(c.closedByServer()).isTrue();
        }
        backend.awaitCall("close");
        assertThat(backend.messages).isEmpty();
    }

    @Test
    void limitsBelowTheRfcMinimumsAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpLimits.builder().maxLineLength(100).build())
                .hasMessageStartingWith("maxLineLength must be at least 512");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SmtpLimits.builder().maxRecipients(10).build())
                .hasMessageStartingWith("maxRecipients must be at least 100");
    }
}
