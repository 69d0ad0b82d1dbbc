package dev.mailwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Injected faults, as a Jakarta Mail client sees them. */
class FaultsTest {

    private final TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).start();
    private final Session session = mail.session(Protocol.SMTP);

    @AfterEach
    void stop() {
        mail.stop();
    }

    @Test
    void rejectedMessagesFailWithTheReplyAndTheNextOneGoesThrough() throws Exception {
        mail.faults().rejectNextMessages(2, 451, "4.3.0", "try again later");
        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> send("Attempt"))
                    .isInstanceOf(SMTPSendFailedException.class)
                    .hasMessageContaining("451 4.3.0 try again later")
                    .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(451));
        }
        send("Attempt");
        assertThat(mail.awaitMessages(1)).hasSize(1);
        assertThat(mail.messages()).hasSize(1);
        // A refused message is stored nowhere either.
        assertThat(mail.store().accounts()).containsExactly("bob@example.com");
    }

    @Test
    void permanentRejectionCarriesItsCode() {
        mail.faults().rejectNextMessages(1, 554, "5.6.0", "content refused");
        assertThatThrownBy(() -> send("Refused"))
                .isInstanceOf(SMTPSendFailedException.class)
                .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(554));
        assertThat(mail.messages()).isEmpty();
    }

    @Test
    void rejectedRecipientsFailWithTheReply() throws Exception {
        mail.faults().rejectNextRecipients(1, 450, "4.2.1", "mailbox busy");
        assertThatThrownBy(() -> send("Busy"))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> {
                    SMTPAddressFailedException failed = (SMTPAddressFailedException) ((SendFailedException) e).getNextException();
                    assertThat(failed.getReturnCode()).isEqualTo(450);
                    assertThat(failed.getMessage()).contains("4.2.1 mailbox busy");
                });
        send("Later");
        assertThat(mail.awaitMessages(1)).singleElement().satisfies(m -> assertThat(m.subjectOrEmpty()).isEqualTo("Later"));
    }

    @Test
    void aDroppedConnectionDuringDataLeavesNoMessage() throws Exception {
        mail.faults().dropConnectionDuringData(1);
        // Angus Mail reports the end of the stream as "[EOF]" with no reply code, or the write that failed.
        assertThatThrownBy(() -> send("Lost"))
                .isInstanceOf(MessagingException.class)
                .satisfies(e -> assertThat(e instanceof SMTPSendFailedException failed ? failed.getReturnCode() : -1)
                        .as("no reply code: the connection ended without a reply").isEqualTo(-1));
        assertThat(mail.messages()).isEmpty();
        assertThat(mail.store().accounts()).as("nothing stored, though the recipient was accepted").containsExactly("bob@example.com");

        send("Retried");
        assertThat(mail.awaitMessages(1)).singleElement().satisfies(m -> assertThat(m.subjectOrEmpty()).isEqualTo("Retried"));
    }

    @Test
    void aConnectionDroppedInTheMiddleOfABodyFailsTheSendAndTheRetryArrives() throws Exception {
        mail.faults().dropConnectionDuringData(1, 64 * 1024);
        String big = "0123456789abcdef".repeat(64 * 1024); // 1 MiB
        assertThatThrownBy(() -> send("Lost", big)).isInstanceOf(MessagingException.class);
        assertThat(mail.messages()).isEmpty();

        send("Retried", big);
        assertThat(mail.awaitMessages(1)).singleElement().satisfies(m -> {
            assertThat(m.subjectOrEmpty()).isEqualTo("Retried");
            assertThat(m.mimeMessage().getContent().toString().strip()).isEqualTo(big);
        });
    }

    @Test
    void theMidBodyDropComesBeforeTheClientHasSentTheEnd() throws Exception {
        mail.faults().dropConnectionDuringData(1, 10_000);
        try (Socket socket = new Socket()) {
            socket.connect(mail.address(Protocol.SMTP));
            socket.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220 ");
            out.write("HELO client.example\r\nMAIL FROM:<alice@example.com>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("250 ");
            assertThat(in.readLine()).startsWith("250 ");
            assertThat(in.readLine()).startsWith("250 ");
            assertThat(in.readLine()).startsWith("354 ");
            String line = "z".repeat(998) + "\r\n";
            try {
                for (int i = 0; i < 20; i++) {
                    out.write(line.getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                // No final dot: a server that did not drop would wait here until the timeout.
                assertThat(in.read()).isEqualTo(-1);
            } catch (SocketException reset) {
                // The server closed while the client was still writing: just as good.
            }
        }
        assertThat(mail.messages()).isEmpty();
        assertThat(mail.faults().toString()).contains("drops=0");
    }

    @Test
    void aMessageShorterThanTheDropPointIsDroppedAtItsEnd() {
        mail.faults().dropConnectionDuringData(1, 1_000_000);
        assertThatThrownBy(() -> send("Short")).isInstanceOf(MessagingException.class);
        assertThat(mail.messages()).isEmpty();
    }

    @Test
    void delayedRepliesTripAClientsReadTimeout() throws Exception {
        mail.faults().delayReplies(Duration.ofSeconds(5));
        Properties impatient = mail.sessionProperties(Protocol.SMTP);
        impatient.setProperty("mail.smtp.timeout", "200");
        assertThatThrownBy(() -> Mails.send(Session.getInstance(impatient), "alice@example.com", "bob@example.com", "Slow", "x"))
                .isInstanceOf(MessagingException.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(SocketTimeoutException.class::isInstance));

        mail.faults().delayReplies(Duration.ZERO);
        send("Prompt");
        assertThat(mail.awaitMessages(1)).hasSize(1);
    }

    @Test
    void aPatientClientGetsDelayedRepliesInTheEnd() throws Exception {
        mail.faults().delayReplies(Duration.ofMillis(20));
        send("Patient");
        assertThat(mail.awaitMessages(1)).hasSize(1);
    }

    @Test
    void purgeClearsTheFaults() throws Exception {
        mail.faults().rejectNextMessages(5, 451, "4.3.0", "later").rejectNextRecipients(5, 450, "4.2.1", "busy")
                .dropConnectionDuringData(5).delayReplies(Duration.ofMinutes(1));
        mail.purge();
        send("After purge");
        assertThat(mail.awaitMessages(1)).hasSize(1);
    }

    @Test
    void faultSettingsAreChecked() {
        Faults faults = mail.faults();
        assertThatThrownBy(() -> faults.rejectNextMessages(1, 250, "2.0.0", "ok"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a rejection needs a 4xx or 5xx reply code: 250");
        assertThatThrownBy(() -> faults.rejectNextMessages(-1, 451, "4.3.0", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must not be negative: -1");
        assertThatThrownBy(() -> faults.rejectNextRecipients(1, 550, "4.1.1", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit reply code 550");
        assertThatThrownBy(() -> faults.rejectNextRecipients(1, 550, "5.1.1", "two\r\nlines"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR or LF");
        assertThatThrownBy(() -> faults.delayReplies(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("delay must be between zero and PT10M");
        assertThatThrownBy(() -> faults.dropConnectionDuringData(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("count must not be negative: -2");
        assertThatThrownBy(() -> faults.dropConnectionDuringData(1, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("afterOctets must not be negative: -1");
    }

    private void send(String subject) throws MessagingException {
        send(subject, "text");
    }

    private void send(String subject, String text) throws MessagingException {
        Mails.send(session, "alice@example.com", "bob@example.com", subject, text);
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
            if (t instanceof MessagingException me && me.getNextException() != null && !all.contains(me.getNextException())) {
                all.add(me.getNextException());
            }
        }
        return all;
    }
}
