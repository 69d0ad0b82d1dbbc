package dev.mailwright.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.ZoneFileResolver;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembled server as its users see it: real SMTP and IMAP clients on loopback. */
class MailServerTest {

    @TempDir
    Path dir;

    private MailServer server;

    private final ZoneFileResolver dns = ZoneFileResolver.builder().zoneText("example.net.", """
            $TTL 300
            @          IN MX 10 mx
            @          IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
            mx         IN A 192.0.2.25
            _dmarc     IN TXT "v=DMARC1; p=none"
            strict     IN TXT "v=spf1 ip4:127.0.0.1 -all"
            _dmarc.strict IN TXT "v=DMARC1; p=reject"
            strict     IN MX 10 mx
            """).build();

    @BeforeEach
    void start() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.writeString(dir.resolve("aliases"), "team@example.org: alice@example.org, bob@example.org\n");
        server = TestServers.start(TestServers.config(dir, "mx.example.org", "example.org", """
                [rewrite]
                aliases-file = "aliases"
                [rewrite.aliases]
                "info@example.org" = "alice@example.org"
                """), dns);
        TestServers.addUser(server, "alice@example.org", "alice-pw");
        TestServers.addUser(server, "bob@example.org", "bob-pw");
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    private static MimeMessage message(Session session, String from, String to, String subject, String body) throws MessagingException {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        return m;
    }

    private String[] read(String user, String password, String mailbox) throws Exception {
        return TestServers.read(server, user, password, mailbox);
    }

    private String[] awaitMessages(String user, String password, String mailbox, int count) throws Exception {
        return TestServers.awaitMessages(server, user, password, mailbox, count);
    }

    /** A session for the MX port: no authentication, STARTTLS offered and used. */
    private Session mx(String mailFrom) throws Exception {
        InetSocketAddress address = server.address("smtp");
        Properties p = new Properties();
        p.put("mail.smtp.host", address.getHostString());
        p.put("mail.smtp.port", String.valueOf(address.getPort()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.ssl.socketFactory", TestServers.trusting(server).getSocketFactory());
        p.put("mail.smtp.from", mailFrom);
        p.put("mail.smtp.localhost", "client.example.net");
        return Session.getInstance(p);
    }

    @Test
    void submittedMailReachesALocalUserOverImap() throws Exception {
        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        Transport.send(message(session, "Alice <alice@example.org>", "bob@example.org", "Grüße aus Köln", "Hallo Bob, schöne Grüße!"),
                "alice@example.org", "alice-pw");

        String[] inbox = awaitMessages("bob@example.org", "bob-pw", "INBOX", 1);
        assertThat(inbox).hasSize(1);
        // Submitted mail is signed for its local domain, local copies too.
        assertThat(inbox[0]).startsWith("Return-Path: <alice@example.org>\r\nDKIM-Signature: v=1; a=rsa-sha256;")
                .contains("d=example.org;").contains("\r\nReceived: from ").contains("with ESMTPSA").contains("using TLSv1.");
        MimeMessage received = new MimeMessage(null, new ByteArrayInputStream(inbox[0].getBytes(StandardCharsets.UTF_8)));
        assertThat(received.getSubject()).isEqualTo("Grüße aus Köln");
        assertThat(received.getContent().toString()).contains("schöne Grüße");
        assertThat(read("alice@example.org", "alice-pw", "INBOX")).isEmpty();
    }

    @Test
    void aSenderWhoAsksIsToldOfDeliveryIntoAMailbox() throws Exception {
        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        session.getProperties().put("mail.smtp.dsn.notify", "SUCCESS,FAILURE");
        Transport.send(message(session, "alice@example.org", "bob@example.org", "please confirm", "hi"),
                "alice@example.org", "alice-pw");

        assertThat(awaitMessages("bob@example.org", "bob-pw", "INBOX", 1)).hasSize(1);
        String[] alice = awaitMessages("alice@example.org", "alice-pw", "INBOX", 1);
        assertThat(alice).singleElement().satisfies(report -> assertThat(report)
                .contains("Return-Path: <>", "Subject: Successful Mail Delivery Report",
                        "Final-Recipient: rfc822;bob@example.org", "Action: delivered", "Status: 2.0.0",
                        "Subject: please confirm"));
    }

    @Test
    void failedLoginsCountOverImapAndSmtpTogether() throws Exception {
        // Without an authenticator, which Jakarta Mail would ask for a second try: one guess per login.
        Session session = Session.getInstance(TestServers.submission(server, "alice@example.org", "guess").getProperties());
        long start = System.nanoTime();
        Store store = session.getStore("imap");
        assertThatThrownBy(() -> store.connect("alice@example.org", "guess")).isInstanceOf(AuthenticationFailedException.class);
        Duration imap = Duration.ofNanos(System.nanoTime() - start);

        start = System.nanoTime();
        assertThatThrownBy(() -> Transport.send(message(session, "alice@example.org", "bob@example.org", "x", "x"),
                "alice@example.org", "guess")).isInstanceOf(AuthenticationFailedException.class);
        Duration smtp = Duration.ofNanos(System.nanoTime() - start);

        // The first failure from an address is held back 1 s and the second 2 s, whatever the protocol.
        assertThat(imap).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(smtp).isGreaterThanOrEqualTo(Duration.ofMillis(1950));
    }

    @Test
    void aliasesPlusAddressingAndPostmasterAreDelivered() throws Exception {
        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        Transport.send(message(session, "alice@example.org", "team@example.org, info@example.org, bob+lists@example.org, postmaster@example.org",
                "to everyone", "hi"), "alice@example.org", "alice-pw");
        // alice gets one copy for team, one for info and one as postmaster?: one copy per account per message.
        assertThat(awaitMessages("alice@example.org", "alice-pw", "INBOX", 1)).hasSize(1);
        assertThat(awaitMessages("bob@example.org", "bob-pw", "INBOX", 1)).hasSize(1);
    }

    @Test
    void aFullMailboxIsRefusedAtRcptSoNothingIsAcceptedAndLost() throws Exception {
        server.store().provision("bob@example.org");
        try (var bobMail = server.store().open("bob@example.org")) {
            bobMail.append(dev.mailwright.core.store.MailboxName.INBOX, dev.mailwright.core.MessageContent.of(
                    ("Subject: filler\r\n\r\n" + "x".repeat(20_000)).getBytes(StandardCharsets.US_ASCII)),
                    dev.mailwright.core.store.Flags.NONE, java.time.Instant.now());
        }
        server.stop(Duration.ofSeconds(1));
        server = TestServers.start(TestServers.config(dir, "mx.example.org", "example.org", "[storage]\nquota = 20000\n"), dns);

        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        session.getProperties().put("mail.smtp.sendpartial", "true");
        assertThatThrownBy(() -> Transport.send(message(session, "alice@example.org", "alice@example.org, bob@example.org",
                "to both", "hello"), "alice@example.org", "alice-pw"))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> {
                    SMTPAddressFailedException failed = (SMTPAddressFailedException) ((SendFailedException) e).getNextException();
                    assertThat(failed.getReturnCode()).isEqualTo(452);
                    assertThat(failed.getAddress().getAddress()).isEqualTo("bob@example.org");
                });
        assertThat(awaitMessages("alice@example.org", "alice-pw", "INBOX", 1)).hasSize(1);
    }

    @Test
    void aMailAccountWithoutALoginStillReceivesMail() throws Exception {
        server.store().provision("shared@example.org");
        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        Transport.send(message(session, "alice@example.org", "shared@example.org", "for the shared box", "x"),
                "alice@example.org", "alice-pw");
        try (var mail = server.store().open("shared@example.org")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (mail.status(dev.mailwright.core.store.MailboxName.INBOX).messages() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(mail.status(dev.mailwright.core.store.MailboxName.INBOX).messages()).isEqualTo(1);
        }
    }

    @Test
    void domainlessPostmasterIsAccepted() throws Exception {
        try (RawSmtp smtp = new RawSmtp(server.address("smtp"))) {
            smtp.send("EHLO client.example.net");
            assertThat(smtp.send("MAIL FROM:<carol@example.net>")).startsWith("250");
            assertThat(smtp.send("RCPT TO:<Postmaster>")).startsWith("250");
        }
    }

    @Test
    void messagesThatLoopAreRefused() throws Exception {
        try (RawSmtp smtp = new RawSmtp(server.address("smtp"))) {
            smtp.send("EHLO client.example.net");
            smtp.send("MAIL FROM:<>");
            assertThat(smtp.send("RCPT TO:<bob@example.org>")).startsWith("250");
            assertThat(smtp.send("DATA")).startsWith("354");
            StringBuilder message = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                message.append("Received: from hop").append(i).append(".example by hop").append(i + 1).append(".example; Tue, 1 Jan 2030 00:00:00 +0000\r\n");
            }
            message.append("Subject: loop\r\n\r\nround and round\r\n.");
            assertThat(smtp.send(message.toString())).startsWith("554 5.4.6");
        }
    }

    @Test
    void forgedResultsAreRemovedFromSubmittedMailToo() throws Exception {
        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        MimeMessage m = message(session, "alice@example.org", "bob@example.org", "claims", "x");
        m.addHeader("Authentication-Results", "MX.EXAMPLE.ORG.; dkim=pass header.d=bank.example");
        Transport.send(m, "alice@example.org", "alice-pw");
        String[] inbox = awaitMessages("bob@example.org", "bob-pw", "INBOX", 1);
        assertThat(inbox[0]).doesNotContain("bank.example");
    }

    @Test
    void submissionUsersSendOnlyAsThemselves() throws Exception {
        Session session = TestServers.submission(server, "alice@example.org", "alice-pw");
        // The envelope sender is hers, the From field is not.
        session.getProperties().put("mail.smtp.from", "alice@example.org");
        assertThatThrownBy(() -> Transport.send(message(session, "Bob <bob@example.org>", "bob@example.org", "forged", "x"),
                "alice@example.org", "alice-pw"))
                .isInstanceOf(SMTPSendFailedException.class)
                .satisfies(e -> assertThat(((SMTPSendFailedException) e).getReturnCode()).isEqualTo(550));
        session.getProperties().put("mail.smtp.from", "bob@example.org");
        assertThatThrownBy(() -> Transport.send(message(session, "alice@example.org", "bob@example.org", "forged", "x"),
                "alice@example.org", "alice-pw"))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("553");
        Session noCallback = Session.getInstance(session.getProperties());
        noCallback.getProperties().put("mail.smtp.from", "alice@example.org");
        assertThatThrownBy(() -> Transport.send(message(noCallback, "alice@example.org", "bob@example.org", "x", "x"),
                "alice@example.org", "wrong"))
                .isInstanceOf(jakarta.mail.AuthenticationFailedException.class)
                .hasMessageContaining("535");
    }

    @Test
    void mxTakesLocalRecipientsOnly() throws Exception {
        Session session = mx("carol@example.net");
        assertThatThrownBy(() -> Transport.send(message(session, "carol@example.net", "somebody@elsewhere.example", "relay?", "x")))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> assertThat(((SMTPAddressFailedException) ((SendFailedException) e).getNextException()).getReturnCode())
                        .isEqualTo(554));
        assertThatThrownBy(() -> Transport.send(message(session, "carol@example.net", "nobody@example.org", "who?", "x")))
                .isInstanceOf(SendFailedException.class)
                .satisfies(e -> assertThat(((SMTPAddressFailedException) ((SendFailedException) e).getNextException()).getReturnCode())
                        .isEqualTo(550));
    }

    @Test
    void mxRefusesLocalSendersWithoutAuthentication() throws Exception {
        Session session = mx("alice@example.org");
        assertThatThrownBy(() -> Transport.send(message(session, "alice@example.org", "bob@example.org", "spoof", "x")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("550");
    }

    @Test
    void spfFailureIsQuarantinedWithAuthenticationResultsAndForgedResultsRemoved() throws Exception {
        Session session = mx("carol@example.net");
        MimeMessage m = message(session, "carol@example.net", "bob@example.org", "from the wrong host", "x");
        m.addHeader("Authentication-Results", "mx.example.org; spf=pass smtp.mailfrom=example.net");
        m.addHeader("Authentication-Results", "relay.example.net; spf=pass smtp.mailfrom=example.net");
        Transport.send(m);

        assertThat(read("bob@example.org", "bob-pw", "INBOX")).isEmpty();
        String[] junk = awaitMessages("bob@example.org", "bob-pw", "Junk", 1);
        assertThat(junk).hasSize(1);
        assertThat(junk[0]).contains("Authentication-Results: mx.example.org;").contains("spf=fail")
                .contains("relay.example.net; spf=pass");
        assertThat(junk[0].split("mx.example.org; spf=pass", -1)).hasSize(1);
        assertThat(junk[0].indexOf("Authentication-Results: mx.example.org")).isLessThan(junk[0].indexOf("Received:"));
    }

    @Test
    void dmarcRejectIsEnforced() throws Exception {
        // The host is allowed by SPF but the From domain's DMARC says reject and nothing aligns.
        Session session = mx("someone@elsewhere.example");
        assertThatThrownBy(() -> Transport.send(message(session, "boss@strict.example.net", "bob@example.org", "dmarc", "x")))
                .isInstanceOf(MessagingException.class)
                .hasMessageContaining("550");
        assertThat(read("bob@example.org", "bob-pw", "Junk")).isEmpty();
    }
}
