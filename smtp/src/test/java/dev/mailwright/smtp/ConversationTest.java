package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.BodyType;
import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.DsnReturn;
import java.net.InetSocketAddress;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted conversations over a raw socket: the exact replies of RFC 5321 and its extensions. */
class ConversationTest {

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

    @Test
    void aWholeTransaction() throws Exception {
        try (RawClient c = new RawClient(address)) {
            assertThat(c.reply()).isEqualTo("220 mx.test ESMTP ready");
            assertThat(c.command("EHLO client.example")).isEqualTo(String.join("\n",
                    "250-mx.test", "250-PIPELINING", "250-SIZE 33554432", "250-8BITMIME", "250-SMTPUTF8",
                    "250-ENHANCEDSTATUSCODES", "250-CHUNKING", "250-DSN", "250 STARTTLS"));
            assertThat(c.command("MAIL FROM:<sender@origin.example> SIZE=100 BODY=8BITMIME RET=HDRS ENVID=QQ314159"))
                    .isEqualTo("250 2.1.0 sender OK");
            assertThat(c.command("RCPT TO:<user@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;user@example.com"))
                    .isEqualTo("250 2.1.5 recipient OK");
            assertThat(c.command("DATA")).isEqualTo("354 end data with <CR><LF>.<CR><LF>");
            assertThat(c.command("Subject: hi\r\n\r\n..leading dot\r\nbody\r\n.")).startsWith("250 2.0.0 OK: queued as ");
            assertThat(c.command("QUIT")).isEqualTo("221 2.0.0 mx.test closing connection");
            assertThat(c.closedByServer()).isTrue();
        }
        RecordingBackend.Received m = backend.next();
        assertThat(m.body()).isEqualTo("Subject: hi\r\n\r\n.leading dot\r\nbody\r\n");
        assertThat(m.text()).startsWith("Received: from client.example (unknown [127.0.0.1])\r\n\tby mx.test with ESMTP id ");
        assertThat(m.text()).contains("\r\n\tfor <user@example.com>;\r\n\t");
        assertThat(m.envelope().sender().orElseThrow().toString()).isEqualTo("sender@origin.example");
        assertThat(m.envelope().mailOptions().body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(m.envelope().mailOptions().ret()).contains(DsnReturn.HDRS);
        assertThat(m.envelope().mailOptions().envelopeId()).contains("QQ314159");
        assertThat(m.envelope().recipients().get(0).options().notifyOn()).isEqualTo(Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE));
        assertThat(m.envelope().recipients().get(0).options().originalRecipient()).isPresent();
        backend.awaitCall("close");
        assertThat(backend.calls).containsSubsequence("mail sender@origin.example", "rcpt user@example.com", "data", "reset", "close");
    }

    @Test
    void pipelinedCommandsGetTheirRepliesInOrder() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.send("MAIL FROM:<a@origin.example>\r\nRCPT TO:<x@example.com>\r\nRCPT TO:<y@elsewhere.example>\r\n"
                    + "RCPT TO:<z@example.com>\r\nDATA\r\n");
            assertThat(c.reply()).isEqualTo("250 2.1.0 sender OK");
            assertThat(c.reply()).isEqualTo("250 2.1.5 recipient OK");
            assertThat(c.reply()).isEqualTo("554 5.7.1 relay access denied");
            assertThat(c.reply()).isEqualTo("250 2.1.5 recipient OK");
            assertThat(c.reply()).startsWith("354 ");
            // The message's end and the next transaction in one packet.
            c.send("one\r\n.\r\nMAIL FROM:<>\r\nRCPT TO:<q@example.com>\r\nDATA\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 OK");
            assertThat(c.reply()).isEqualTo("250 2.1.0 sender OK");
            assertThat(c.reply()).isEqualTo("250 2.1.5 recipient OK");
            assertThat(c.reply()).startsWith("354 ");
            c.send("two\r\n.\r\nQUIT\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 OK");
            assertThat(c.reply()).startsWith("221 ");
        }
        RecordingBackend.Received first = backend.next();
        assertThat(first.envelope().recipientAddresses()).extracting(Object::toString).containsExactly("x@example.com", "z@example.com");
        assertThat(first.body()).isEqualTo("one\r\n");
        RecordingBackend.Received second = backend.next();
        assertThat(second.envelope().sender()).isEmpty();
        assertThat(second.body()).isEqualTo("two\r\n");
    }

    @Test
    void aSessionReplying421ClosesTheConnection() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.command("MAIL FROM:<overloaded@origin.example>")).isEqualTo("421 4.7.0 too busy, closing");
            assertThat(c.reply()).isNull();
        }
    }

    @Test
    void guessingRecipientsEndsTheConnection() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            for (int i = 1; i < 20; i++) {
                assertThat(c.command("RCPT TO:<nobody@example.com>")).isEqualTo("550 5.1.1 no such user here");
            }
            assertThat(c.command("RCPT TO:<nobody@example.com>")).isEqualTo("550 5.1.1 no such user here");
            assertThat(c.reply()).isEqualTo("421 4.7.0 mx.test too many errors, closing connection");
            assertThat(c.reply()).isNull();
        }
    }

    @Test
    void dataWithoutAcceptedRecipients() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            assertThat(c.command("DATA")).isEqualTo("503 5.5.1 need RCPT command first");
            assertThat(c.command("RCPT TO:<nobody@example.com>")).isEqualTo("550 5.1.1 no such user here");
            assertThat(c.command("DATA")).isEqualTo("554 5.5.1 no valid recipients");
        }
    }

    @Test
    void sequenceErrors() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("MAIL FROM:<a@origin.example>")).isEqualTo("503 5.5.1 send HELO or EHLO first");
            assertThat(c.command("HELO client.example")).isEqualTo("250 mx.test");
            assertThat(c.command("RCPT TO:<x@example.com>")).isEqualTo("503 5.5.1 need MAIL command first");
            assertThat(c.command("DATA")).isEqualTo("503 5.5.1 need MAIL command first");
            assertThat(c.command("MAIL FROM:<a@origin.example>")).isEqualTo("250 2.1.0 sender OK");
            assertThat(c.command("MAIL FROM:<a@origin.example>")).isEqualTo("503 5.5.1 mail transaction in progress");
            assertThat(c.command("RSET")).isEqualTo("250 2.0.0 OK");
            assertThat(c.command("RCPT TO:<x@example.com>")).isEqualTo("503 5.5.1 need MAIL command first");
            assertThat(c.command("FROB")).isEqualTo("500 5.5.2 command not recognized");
            assertThat(c.command("LHLO client.example")).isEqualTo("500 5.5.2 command not recognized");
            assertThat(c.command("EXPN staff")).isEqualTo("502 5.5.1 EXPN not supported");
            assertThat(c.command("NOOP whatever")).isEqualTo("250 2.0.0 OK");
            assertThat(c.command("HELO")).isEqualTo("501 5.5.4 syntax: HELO hostname");
        }
    }

    @Test
    void syntaxErrorsInMailAndRcpt() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.command("MAIL FROM:a@origin.example")).isEqualTo("501 5.5.4 syntax: MAIL FROM:<address> [parameters]");
            assertThat(c.command("MAIL TO:<a@origin.example>")).startsWith("501 5.5.4");
            assertThat(c.command("MAIL FROM:<a@@origin.example>")).startsWith("501 5.1.7 bad sender address: ");
            assertThat(c.command("MAIL FROM:<a@origin.example> FOO=bar")).isEqualTo("555 5.5.4 unsupported parameter FOO");
            assertThat(c.command("MAIL FROM:<a@origin.example> SIZE=abc")).isEqualTo("501 5.5.4 SIZE: not a number");
            assertThat(c.command("MAIL FROM:<a@origin.example> SIZE=999999999999")).isEqualTo("552 5.3.4 message size exceeds fixed maximum message size");
            assertThat(c.command("MAIL FROM:<a@origin.example> REQUIRETLS")).isEqualTo("555 5.5.4 unsupported parameter REQUIRETLS");
            assertThat(c.command("MAIL FROM:<jörg@origin.example>")).isEqualTo("553 5.6.7 non-ASCII address requires SMTPUTF8");
            assertThat(c.command("MAIL from: <\"odd>name\"@origin.example> SMTPUTF8")).isEqualTo("250 2.1.0 sender OK");
            assertThat(c.command("RCPT TO:<jörg@example.com>")).isEqualTo("250 2.1.5 recipient OK");
            assertThat(c.command("RCPT TO:<>")).startsWith("501 5.1.3 bad recipient address: ");
            assertThat(c.command("RCPT TO:<x@example.com> NOTIFY=SOMETIMES")).startsWith("501 5.5.4 NOTIFY: ");
            assertThat(c.command("RCPT TO:<Postmaster>")).isEqualTo("554 5.7.1 relay access denied");
        }
        assertThat(backend.calls).contains("rcpt postmaster@mx.test");
    }

    @Test
    void backendFailuresAreAnsweredWithoutTheirText() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.command("MAIL FROM:<crash@origin.example>")).isEqualTo("451 4.3.0 internal error, try again later");
            assertThat(c.command("MAIL FROM:<blocked@origin.example>")).isEqualTo("550 5.7.1 sender blocked");
            assertThat(c.command("MAIL FROM:<fine@origin.example>")).isEqualTo("250 2.1.0 sender OK");
        }
    }

    @Test
    void helpVrfyAndNoop() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            assertThat(c.command("HELP")).startsWith("214-2.0.0 commands: HELO EHLO MAIL").endsWith("214 2.0.0 see RFC 5321");
            assertThat(c.command("VRFY alice")).isEqualTo("252 2.5.0 cannot VRFY user, but will accept message and attempt delivery");
            assertThat(c.command("VRFY")).isEqualTo("501 5.5.4 syntax: VRFY address");
        }
    }

    @Test
    void bdatChunksMakeOneMessage() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.send("BDAT 12\r\nSubject: x\r\n");
            assertThat(c.reply()).isEqualTo("250 2.0.0 12 octets received");
            // Binary-looking bytes and a lone dot line are just data in BDAT; LAST and a command in one packet.
            c.send("BDAT 10 LAST\r\n\r\n.\r\n\n.\nabNOOP\r\n");
            assertThat(c.reply()).startsWith("250 2.0.0 OK: queued as ");
            assertThat(c.reply()).isEqualTo("250 2.0.0 OK");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<x@example.com>");
            c.send("BDAT 3\r\nabc");
            assertThat(c.reply()).startsWith("250 ");
            assertThat(c.command("DATA")).isEqualTo("503 5.5.1 DATA not allowed after BDAT");
            assertThat(c.command("BDAT 0 LAST")).startsWith("250 2.0.0 OK: queued");
        }
        assertThat(backend.next().body()).isEqualTo("Subject: x\r\n\r\n.\r\n\n.\nab");
        assertThat(backend.next().body()).isEqualTo("abc");
    }

    @Test
    void refusedBdatChunksAreSkippedNotExecuted() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.send("BDAT 18\r\nRSET\r\nQUIT\r\nNOOP\r\n");
            assertThat(c.reply()).isEqualTo("503 5.5.1 need MAIL command first");
            assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 OK");
            assertThat(c.command("BDAT x")).isEqualTo("501 5.5.4 syntax: BDAT size [LAST]");
            assertThat(c.reply()).startsWith("421 4.5.0");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void backendCanRefuseTheConnection() throws Exception {
        backend.refuseConnection = dev.mailwright.smtp.spi.SmtpException.connectionRefused("no service for you");
        try (RawClient c = new RawClient(address)) {
            assertThat(c.reply()).isEqualTo("554 5.7.1 no service for you");
            assertThat(c.command("EHLO client.example")).isEqualTo("503 5.5.1 bad sequence of commands: send QUIT");
            assertThat(c.command("QUIT")).startsWith("221 ");
        }
    }

    @Test
    void backendCanDropTheConnectionAfterTheMessageWithoutAReply() throws Exception {
        backend.dataResult = e -> {
            throw new dev.mailwright.smtp.spi.DisconnectException("dropped in DATA");
        };
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            assertThat(c.command("MAIL FROM:<a@origin.example>")).startsWith("250 ");
            assertThat(c.command("RCPT TO:<user@example.com>")).startsWith("250 ");
            assertThat(c.command("DATA")).startsWith("354 ");
            assertThat(c.command("Subject: hi\r\n\r\nbody\r\n.")).isNull();
            assertThat(c.closedByServer()).isTrue();
        }
        backend.awaitCall("close");
        assertThat(backend.calls).containsExactly("mail a@origin.example", "rcpt user@example.com", "data", "close");
    }

    @Test
    void aDropSendsTheRepliesAlreadyDueAndNothingAfter() throws Exception {
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.send("MAIL FROM:<a@origin.example>\r\nRCPT TO:<drop@example.com>\r\nRCPT TO:<user@example.com>\r\nDATA\r\n");
            assertThat(c.reply()).isEqualTo("250 2.1.0 sender OK");
            assertThat(c.reply()).isNull();
        }
        backend.awaitCall("close");
        assertThat(backend.calls).containsExactly("mail a@origin.example", "rcpt drop@example.com", "close");
    }

    @Test
    void theSessionHearsOfTheBodyAsItArrivesAndCanDropTheConnectionMidway() throws Exception {
        backend.dropAfterOctets = 10_000;
        String line = "x".repeat(98) + "\r\n";
        try (RawClient c = new RawClient(address)) {
            startData(c);
            c.send("Subject: big\r\n\r\n" + line.repeat(60));
            backend.awaitProgress(5_000);
            assertThat(backend.calls).as("the session is still waiting for the message").doesNotContain("data");
            c.send(line.repeat(60));
            // No final dot was sent: only the drop ends the wait.
            assertThat(c.reply()).isNull();
        }
        backend.awaitCall("close");
        assertThat(backend.progress).isSorted().last().matches(octets -> octets >= 10_000);
        assertThat(backend.calls).containsExactly("mail a@origin.example", "rcpt user@example.com", "close");
        assertThat(backend.messages).isEmpty();
    }

    @Test
    void aChunkThatIsNotTheLastIsProgressAndADropTakesItsReply() throws Exception {
        backend.dropAfterOctets = 3_000;
        try (RawClient c = new RawClient(address)) {
            c.reply();
            c.command("EHLO client.example");
            c.command("MAIL FROM:<a@origin.example>");
            c.command("RCPT TO:<user@example.com>");
            assertThat(c.send("BDAT 1000\r\n" + "b".repeat(1000)).reply()).isEqualTo("250 2.0.0 1000 octets received");
            assertThat(c.send("BDAT 2500\r\n" + "b".repeat(2500)).reply()).isNull();
        }
        backend.awaitCall("close");
        assertThat(backend.progress).contains(1000L, 3500L);
        assertThat(backend.calls).doesNotContain("data");
    }

    @Test
    void aFailingProgressCallDoesNotCostTheMessage() throws Exception {
        backend.progressFails = true;
        String line = "y".repeat(98) + "\r\n";
        try (RawClient c = new RawClient(address)) {
            startData(c);
            c.send("Subject: big\r\n\r\n" + line.repeat(30));
            backend.awaitProgress(3_000);
            assertThat(c.command(line + ".")).startsWith("250 2.0.0 OK");
        }
        assertThat(backend.next().body()).hasSize(16 + 31 * line.length());
    }

    /** Greeting, EHLO, a sender and a recipient, and DATA's 354. */
    private static void startData(RawClient c) throws Exception {
        c.reply();
        c.command("EHLO client.example");
        assertThat(c.command("MAIL FROM:<a@origin.example>")).startsWith("250 ");
        assertThat(c.command("RCPT TO:<user@example.com>")).startsWith("250 ");
        assertThat(c.command("DATA")).startsWith("354 ");
    }
}
