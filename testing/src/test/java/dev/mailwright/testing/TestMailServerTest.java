package dev.mailwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.tls.SelfSignedCertificate;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

/** The server as a plain object, driven by Jakarta Mail's SMTP client. */
class TestMailServerTest {

    @Test
    void plainSmtpRecordsTheEnvelope() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().start()) {
            Properties p = mail.sessionProperties(Protocol.SMTP);
            p.setProperty("mail.smtp.starttls.enable", "false");
            Session session = Session.getInstance(p);
            MimeMessage m = Mails.message(session, "alice@example.com", "bob@example.com", "Plain", "hello");
            m.addRecipient(Message.RecipientType.CC, new InternetAddress("carol@example.com"));
            m.addRecipient(Message.RecipientType.BCC, new InternetAddress("dave@example.org"));
            Transport.send(m);

            ReceivedMessage r = mail.awaitMessages(1, Duration.ofSeconds(10)).get(0);
            assertThat(r.sender()).isEqualTo("alice@example.com");
            assertThat(r.recipients()).containsExactlyInAnyOrder("bob@example.com", "carol@example.com", "dave@example.org");
            assertThat(r.helo()).isEqualTo("localhost");
            assertThat(r.isTls()).isFalse();
            assertThat(r.tlsProtocol()).isEmpty();
            assertThat(r.authenticatedUser()).isEmpty();
            assertThat(r.protocol()).isEqualTo(Protocol.SMTP);
            assertThat(r.remoteAddress().getAddress().isLoopbackAddress()).isTrue();
            assertThat(r.mimeMessage().getSubject()).isEqualTo("Plain");
            assertThat(r.rawText()).startsWith("Received: from localhost").contains("\r\n\r\nhello");
            assertThat(mail.messagesFor("dave@example.org")).containsExactly(r);
            assertThat(mail.messagesFor("DAVE@Example.ORG")).containsExactly(r);
            assertThat(mail.messagesFor("eve@example.com")).isEmpty();
            assertThat(mail.users()).contains("bob@example.com", "carol@example.com", "dave@example.org");
        }
    }

    @Test
    void starttlsIsVerifiedWithTheServersTrustMaterial() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).start()) {
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "Over TLS", "secret");
            ReceivedMessage r = mail.awaitMessages(1).get(0);
            assertThat(r.isTls()).isTrue();
            assertThat(r.tlsProtocol()).hasValueSatisfying(v -> assertThat(v).isIn("TLSv1.3", "TLSv1.2"));
            assertThat(r.rawText()).containsPattern("with (UTF8)?SMTPS id");
        }
    }

    @Test
    void starttlsFailsForAClientThatDoesNotTrustTheCertificate() throws Exception {
        SelfSignedCertificate other = SelfSignedCertificate.generate("localhost");
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).start()) {
            Properties p = mail.sessionProperties(Protocol.SMTP);
            p.put("mail.smtp.ssl.socketFactory", other.clientContext().getSocketFactory());
            Session session = Session.getInstance(p);
            assertThatThrownBy(() -> Mails.send(session, "alice@example.com", "bob@example.com", "x", "y"))
                    .isInstanceOf(MessagingException.class)
                    .satisfies(e -> assertThat(causes(e)).anyMatch(SSLHandshakeException.class::isInstance));
            assertThat(mail.messages()).isEmpty();
        }
    }

    @Test
    void smtpsUsesImplicitTls() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTPS).start()) {
            Mails.send(mail.session(Protocol.SMTPS), "alice@example.com", "bob@example.com", "Implicit", "text");
            ReceivedMessage r = mail.awaitMessages(1).get(0);
            assertThat(r.protocol()).isEqualTo(Protocol.SMTPS);
            assertThat(r.isTls()).isTrue();
        }
    }

    @Test
    void submissionRequiresAuthenticationAndRecordsTheUser() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SUBMISSION)
                .autoCreateUsers(false).user("alice@example.com", "s3cret").user("bob@example.com", "pw").start()) {
            Properties anonymous = mail.sessionProperties(Protocol.SUBMISSION);
            anonymous.setProperty("mail.smtp.auth", "false");
            assertThatThrownBy(() -> Mails.send(Session.getInstance(anonymous), "alice@example.com", "bob@example.com", "x", "y"))
                    .isInstanceOf(MessagingException.class)
                    .hasMessageContaining("530");
            assertThatThrownBy(() -> Mails.send(mail.session(Protocol.SUBMISSION, "alice@example.com", "wrong"),
                    "alice@example.com", "bob@example.com", "x", "y"))
                    .isInstanceOf(AuthenticationFailedException.class);

            Mails.send(mail.session(Protocol.SUBMISSION, "Alice@Example.com", "s3cret"),
                    "alice@example.com", "bob@example.com", "Submitted", "text");
            ReceivedMessage r = mail.awaitMessages(1).get(0);
            assertThat(r.authenticatedUser()).contains("alice@example.com");
            assertThat(r.protocol()).isEqualTo(Protocol.SUBMISSION);
            assertThat(r.isTls()).isTrue();
            assertThat(mail.messages()).hasSize(1);
        }
    }

    @Test
    void unknownUsersAreRefusedWithoutAutoCreation() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).autoCreateUsers(false)
                .user("known@example.com", "pw").start()) {
            Session session = mail.session(Protocol.SMTP);
            assertThatThrownBy(() -> Mails.send(session, "alice@example.com", "nobody@example.com", "x", "y"))
                    .isInstanceOf(SendFailedException.class)
                    .satisfies(e -> {
                        SMTPAddressFailedException failed = (SMTPAddressFailedException) ((SendFailedException) e).getNextException();
                        assertThat(failed.getReturnCode()).isEqualTo(550);
                        assertThat(failed.getMessage()).contains("5.1.1");
                        assertThat(failed.getAddress().getAddress()).isEqualTo("nobody@example.com");
                    });
            Mails.send(session, "alice@example.com", "known@example.com", "Known", "y");
            assertThat(mail.awaitMessages(1)).extracting(ReceivedMessage::recipients).containsExactly(List.of("known@example.com"));
            assertThat(mail.users()).containsExactly("known@example.com");
        }
    }

    @Test
    void localDomainsRefuseRelayingForUnauthenticatedClients() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP, Protocol.SUBMISSION)
                .domains("example.com").user("alice@example.com", "pw").start()) {
            assertThatThrownBy(() -> Mails.send(mail.session(Protocol.SMTP), "x@example.net", "someone@elsewhere.org", "x", "y"))
                    .isInstanceOf(SendFailedException.class)
                    .satisfies(e -> assertThat(((SMTPAddressFailedException) ((SendFailedException) e).getNextException())
                            .getReturnCode()).isEqualTo(554));

            Mails.send(mail.session(Protocol.SUBMISSION, "alice@example.com", "pw"), "alice@example.com",
                    "someone@elsewhere.org", "Outbound", "relayed");
            ReceivedMessage r = mail.awaitMessages(1).get(0);
            assertThat(r.recipients()).containsExactly("someone@elsewhere.org");
            // Relayed mail is recorded, not stored: nobody at elsewhere.org has a mailbox here.
            assertThat(mail.users()).containsExactly("alice@example.com");
            assertThat(mail.store().accounts()).containsExactly("alice@example.com");
        }
    }

    @Test
    void awaitMessagesFailsNamingWhatArrived() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).start()) {
            assertThatThrownBy(() -> mail.awaitMessages(1, Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 1 message within PT0.05S, but 0 arrived; the server received no message at all");
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "Only one", "text");
            mail.awaitMessages(1);
            assertThatThrownBy(() -> mail.awaitMessages(2, Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 2 messages within PT0.05S, but 1 arrived")
                    .hasMessageContaining("from <alice@example.com> to [bob@example.com] subject \"Only one\"");
            assertThatThrownBy(() -> mail.awaitMessagesFor("carol@example.com", 1, Duration.ofMillis(50)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 1 message for carol@example.com within PT0.05S, but 0 arrived")
                    .hasMessageContaining("subject \"Only one\"");
            assertThat(mail.awaitMessagesFor("BOB@example.com", 1, Duration.ofSeconds(1))).hasSize(1);
        }
    }

    @Test
    void aPlainObjectStartsOnceOnFreePortsAndStops() {
        TestMailServer mail = TestMailServer.builder().build();
        assertThat(mail.isRunning()).isFalse();
        assertThatThrownBy(() -> mail.port(Protocol.SMTP)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the test mail server is not running");
        try (mail) {
            mail.start();
            Set<Integer> ports = new HashSet<>();
            for (Protocol p : Protocol.values()) {
                assertThat(mail.address(p).getAddress()).isEqualTo(InetAddress.getLoopbackAddress());
                ports.add(mail.port(p));
            }
            assertThat(ports).hasSize(Protocol.values().length).doesNotContain(0);
            assertThatThrownBy(mail::start).isInstanceOf(IllegalStateException.class).hasMessage("already started");
        }
        assertThat(mail.isRunning()).isFalse();
        mail.stop();
        assertThatThrownBy(mail::start).isInstanceOf(IllegalStateException.class)
                .hasMessage("a stopped server cannot start again; build a new one");
    }

    @Test
    void onlyTheChosenListenersRun() {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.IMAP).start()) {
            assertThat(mail.protocols()).containsExactly(Protocol.IMAP);
            assertThatThrownBy(() -> mail.port(Protocol.SMTP)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("smtp is not enabled on this server; enabled: [imap]");
        }
    }

    @Test
    void sessionPropertiesCoverEveryListener() {
        try (TestMailServer mail = TestMailServer.builder().start()) {
            Properties all = mail.sessionProperties();
            assertThat(all.getProperty("mail.smtp.port")).isEqualTo(Integer.toString(mail.port(Protocol.SMTP)));
            assertThat(all.getProperty("mail.smtps.port")).isEqualTo(Integer.toString(mail.port(Protocol.SMTPS)));
            assertThat(all.getProperty("mail.imap.port")).isEqualTo(Integer.toString(mail.port(Protocol.IMAP)));
            assertThat(all.getProperty("mail.imaps.port")).isEqualTo(Integer.toString(mail.port(Protocol.IMAPS)));
            assertThat(all.getProperty("mail.transport.protocol")).isEqualTo("smtp");
            assertThat(all.getProperty("mail.store.protocol")).isEqualTo("imap");
            assertThat(all.getProperty("mail.smtp.starttls.required")).isNull();

            Properties submission = mail.sessionProperties(Protocol.SUBMISSION);
            assertThat(submission.getProperty("mail.smtp.port")).isEqualTo(Integer.toString(mail.port(Protocol.SUBMISSION)));
            assertThat(submission.getProperty("mail.smtp.starttls.required")).isEqualTo("true");
            assertThat(submission.getProperty("mail.smtp.auth")).isEqualTo("true");
            assertThat(submission.get("mail.smtp.ssl.socketFactory")).isNotNull();
        }
    }

    @Test
    void builderSettingsAreChecked() {
        assertThatThrownBy(() -> TestMailServer.builder().maxMessages(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessages must be at least 1: 0");
        assertThatThrownBy(() -> TestMailServer.builder().domains("not a domain").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("domains: not a domain name: \"not a domain\"");
        assertThatThrownBy(() -> TestMailServer.builder().hostname("two words").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hostname is not a domain name: \"two words\"");
        assertThatThrownBy(() -> TestMailServer.builder().user("a:b@example.com", "pw").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid username");
    }

    @Test
    void messagesBeyondTheLimitAreRefusedForLackOfStorage() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).maxMessages(1).start()) {
            Session session = mail.session(Protocol.SMTP);
            Mails.send(session, "alice@example.com", "bob@example.com", "First", "text");
            assertThatThrownBy(() -> Mails.send(session, "alice@example.com", "bob@example.com", "Second", "text"))
                    .isInstanceOf(MessagingException.class).hasMessageContaining("452 4.3.1");
            assertThat(mail.messages()).hasSize(1);
        }
    }

    @Test
    void aDkimSignatureMadeByTheSenderVerifiesOnArrival() throws Exception {
        DkimSigningKey key = DkimSigningKey.generateEd25519();
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).start()) {
            Session session = mail.session(Protocol.SMTP);
            MimeMessage draft = Mails.message(session, "news@example.com", "bob@example.com", "Signed", "Signed body");
            draft.saveChanges();
            ByteArrayOutputStream unsigned = new ByteArrayOutputStream();
            draft.writeTo(unsigned);
            byte[] signed = DkimSigner.builder("example.com", "mail", key).build()
                    .signed(MessageContent.of(unsigned.toByteArray())).toByteArray();
            MimeMessage outgoing = new MimeMessage(session, new ByteArrayInputStream(signed));
            // Transport.send would call saveChanges() and rewrite signed fields; send the bytes as they are.
            try (Transport transport = session.getTransport()) {
                transport.connect();
                transport.sendMessage(outgoing, outgoing.getAllRecipients());
            }
            MailAssertions.assertThat(mail.awaitMessages(1).get(0))
                    .isDkimSigned()
                    .hasValidDkimSignature(Map.of("mail._domainkey.example.com", key.dnsRecord()))
                    .hasSubject("Signed");
        }
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
