package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SMTP smuggling: only {@code <CRLF>.<CRLF>} ends a message. Each fake end below is followed by
 * a smuggled second transaction; the server must neither end the message there nor run the
 * smuggled commands, and must refuse the message once its real end comes.
 */
class SmugglingTest {

    private static final String SMUGGLED = "MAIL FROM:<admin@example.com>\r\nRCPT TO:<victim@example.com>\r\nDATA\r\n"
            + "Subject: smuggled\r\n\r\nevil\r\n";

    private final ServerFixture fixture = new ServerFixture();
    private final RecordingBackend backend = new RecordingBackend();
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        address = fixture.startMx(backend);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @ParameterizedTest(name = "fake end {0}")
    @ValueSource(strings = {
        "\\n.\\n", "\\r.\\r", "\\n.\\r\\n", "\\r\\n.\\n", "\\r.\\r\\n", "\\r\\n.\\r", "\\n.\\r", "\\r.\\n",
        "\\r\\n.\\r\\r\\n", "\\r\\n\\n.\\n", "\\n\\r.\\r\\n", "\\r\\n.\\r.\\r\\n", "x\\ry\\r\\n", "x\\ny\\r\\n"
    })
    void fakeEndsNeverSplitTheMessage(String escaped) throws Exception {
        String fakeEnd = escaped.replace("\\r", "\r").replace("\\n", "\n");
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            assertThat(c.command("DATA")).startsWith("354 ");
            c.send("Subject: test\r\n\r\nfirst part" + fakeEnd + SMUGGLED + "\r\n.\r\n");
            assertThat(c.reply()).isEqualTo("550 5.5.2 message refused: bare CR or LF in message data, lines must end in CRLF");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 OK");
        }
        backend.awaitCall("close");
        assertThat(backend.messages).isEmpty();
        assertThat(backend.calls).doesNotContain("mail admin@example.com", "rcpt victim@example.com", "data");
    }

    @ParameterizedTest(name = "clean data {0}")
    @CsvSource(delimiter = '|', value = {
        ".\\r\\n | ''",
        "..\\r\\n.\\r\\n | .\\r\\n",
        "a\\r\\n.\\r\\n | a\\r\\n",
        "\\r\\n.\\r\\n | \\r\\n",
        "...x\\r\\n.\\r\\n | ..x\\r\\n",
        "a\\r\\n.b\\r\\n.\\r\\n | a\\r\\nb\\r\\n"
    })
    void cleanDataIsUnstuffedAndAccepted(String input, String expected) throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.command("DATA");
            c.send(unescape(input));
            assertThat(c.reply()).startsWith("250 2.0.0");
        }
        assertThat(backend.next().body()).isEqualTo(unescape(expected));
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}
