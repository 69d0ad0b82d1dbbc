package dev.mailwright.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.server.MailServer;
import dev.mailwright.smtp.SmtpServer;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example does what its documentation says, with a real client on the other end. */
class ExamplesSmokeTest {

    @TempDir
    Path dir;

    private static Session smtp(InetSocketAddress address, Properties extra) {
        Properties p = new Properties();
        p.put("mail.smtp.host", address.getHostString());
        p.put("mail.smtp.port", String.valueOf(address.getPort()));
        p.putAll(extra);
        return Session.getInstance(p);
    }

    private static MimeMessage message(Session session, String from, String to, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(from));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject);
        m.setText("hello");
        return m;
    }

    @Test
    void printingReceiverPrintsEachMessageAndRelaysNothing() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SmtpServer server = PrintingReceiver.start(0, "example.org", new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Session session = smtp(server.addresses().get(0), new Properties());
            Transport.send(message(session, "carol@example.net", "alice@example.org", "Quarterly report"));
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .startsWith("from=<carol@example.net> to=[alice@example.org] size=")
                    .contains("client=127.0.0.1 subject=Quarterly report");
            assertThatThrownBy(() -> Transport.send(message(session, "carol@example.net", "bob@elsewhere.example", "relay")))
                    .isInstanceOf(SendFailedException.class);
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void embeddedMailServerTakesSubmissionAndServesImap() throws Exception {
        MailServer server = EmbeddedMailServer.start(dir.resolve("mail"), "example.test", 0);
        try {
            EmbeddedMailServer.addUser(server, "alice@example.test", "pw");
            Properties tls = new Properties();
            tls.put("mail.smtp.starttls.enable", "true");
            tls.put("mail.smtp.starttls.required", "true");
            tls.put("mail.smtp.ssl.trust", "*");
            tls.put("mail.smtp.auth", "true");
            Session session = smtp(server.address("submission"), tls);
            Transport.send(message(session, "alice@example.test", "alice@example.test", "note to self"), "alice@example.test", "pw");

            Properties imap = new Properties();
            imap.put("mail.imap.starttls.enable", "true");
            imap.put("mail.imap.ssl.trust", "*");
            Store store = Session.getInstance(imap).getStore("imap");
            store.connect(server.address("imap").getHostString(), server.address("imap").getPort(), "alice@example.test", "pw");
            try {
                Folder inbox = store.getFolder("INBOX");
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                inbox.open(Folder.READ_ONLY);
                while (inbox.getMessageCount() == 0 && System.nanoTime() < deadline) {
                    inbox.close(false);
                    Thread.sleep(100);
                    inbox.open(Folder.READ_ONLY);
                }
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("note to self");
                inbox.close(false);
            } finally {
                store.close();
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void checkMessagePrintsAuthenticationResults() throws Exception {
        DkimSigningKey key = DkimSigningKey.generateEd25519();
        ZoneFileResolver dns = ZoneFileResolver.builder().zoneText("example.net.", """
                $TTL 300
                @            IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
                sel._domainkey IN TXT "%s"
                _dmarc       IN TXT "v=DMARC1; p=reject"
                """.formatted(key.dnsRecord())).build();
        byte[] raw = "From: Carol <carol@example.net>\r\nTo: alice@example.org\r\nSubject: signed\r\n\r\nhello\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        MessageContent signed = DkimSigner.builder("example.net", "sel", key).build().signed(MessageContent.of(raw));
        Path file = dir.resolve("message.eml");
        Files.write(file, signed.toByteArray());

        String results = CheckMessage.check(dns, InetAddress.getByName("192.0.2.7"), "mx.example.net", "carol@example.net", file);
        assertThat(results).startsWith("filter.example;").contains("spf=pass").contains("dkim=pass header.d=example.net header.s=sel")
                .contains("dmarc=pass");
        String forged = CheckMessage.check(dns, InetAddress.getByName("198.51.100.9"), "evil.example", "carol@example.net", file);
        assertThat(forged).contains("spf=fail").contains("dkim=pass").contains("dmarc=pass");
    }
}
