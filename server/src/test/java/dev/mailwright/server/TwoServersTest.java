package dev.mailwright.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.server.config.MailwrightConfig;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on loopback, each with its own domain, delivering to each other through MX
 * lookups in a zone-file DNS and the remote-port testing knob: the message arrives signed,
 * and SPF, DKIM and DMARC all pass at the receiving end.
 */
class TwoServersTest {

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    private static String txt(String value) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < value.length(); i += 200) {
            parts.add("\"" + value.substring(i, Math.min(value.length(), i + 200)) + "\"");
        }
        return String.join(" ", parts);
    }

    @Test
    void mailFromOneInstanceArrivesAtTheOtherWithSpfDkimAndDmarcPassing() throws Exception {
        // A's DKIM key exists before A starts, so the zone can publish it.
        DkimSigningKey key = DkimSigningKey.generateRsa();
        key.writeFiles(Files.createDirectories(dirA.resolve("data/dkim")), "a.example", "default");
        ZoneFileResolver dns = ZoneFileResolver.builder()
                .zoneText("a.example.", """
                        $TTL 300
                        @                  IN MX 10 mx
                        @                  IN TXT "v=spf1 ip4:127.0.0.1 -all"
                        mx                 IN A 127.0.0.1
                        _dmarc             IN TXT "v=DMARC1; p=reject"
                        default._domainkey IN TXT %s
                        """.formatted(txt(key.dnsRecord())))
                .zoneText("b.example.", """
                        $TTL 300
                        @                  IN MX 10 mx
                        @                  IN TXT "v=spf1 ip4:127.0.0.1 -all"
                        mx                 IN A 127.0.0.1
                        """)
                .build();

        MailServer b = TestServers.start(TestServers.config(dirB, "mx.b.example", "b.example", ""), dns);
        MailServer a = null;
        try {
            int bSmtpPort = b.address("smtp").getPort();
            a = TestServers.start(TestServers.config(dirA, "mx.a.example", "a.example",
                    "[delivery]\nremote-port = " + bSmtpPort + "\n"), dns);
            TestServers.addUser(a, "alice@a.example", "alice-pw");
            TestServers.addUser(b, "bob@b.example", "bob-pw");

            Session session = TestServers.submission(a, "alice@a.example", "alice-pw");
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress("Alice <alice@a.example>"));
            m.setRecipients(Message.RecipientType.TO, "bob@b.example");
            m.setSubject("across the wire");
            m.setText("Hello Bob, this came through MX.");
            Transport.send(m, "alice@a.example", "alice-pw");

            String received = TestServers.awaitOne(b, "bob@b.example", "bob-pw");
            assertThat(received).contains("Subject: across the wire");
            String results = field(received, "Authentication-Results: mx.b.example;");
            assertThat(results).contains("spf=pass").contains("dkim=pass").contains("header.d=a.example")
                    .contains("dmarc=pass").contains("iprev=pass");
            assertThat(field(received, "DKIM-Signature:")).contains("a=rsa-sha256").contains("c=relaxed/relaxed")
                    .contains("d=a.example;").contains("s=default;");
            assertThat(received).contains("Received: from mx.a.example");
        } finally {
            if (a != null) {
                a.stop(Duration.ofSeconds(2));
            }
            b.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void anAliasForwardingToTheOtherServerRewritesTheSenderAndReportsFindTheirWayBack() throws Exception {
        ZoneFileResolver dns = ZoneFileResolver.builder()
                .zoneText("a.example.", """
                        $TTL 300
                        @      IN MX 10 mx
                        @      IN TXT "v=spf1 ip4:127.0.0.1 -all"
                        mx     IN A 127.0.0.1
                        """)
                .zoneText("b.example.", """
                        $TTL 300
                        @      IN MX 10 mx
                        mx     IN A 127.0.0.1
                        """)
                .zoneText("c.example.", """
                        $TTL 300
                        @      IN MX 10 mx
                        @      IN TXT "v=spf1 ip4:127.0.0.1 -all"
                        mx     IN A 127.0.0.1
                        """)
                .build();
        // B serves bob@b.example and carol@c.example; its own outbound mail stays in its queue.
        TestServers.config(dirB, "mx.b.example", "b.example", "");
        Path bFile = dirB.resolve("mailwright.toml");
        Files.writeString(bFile, Files.readString(bFile).replace("domains = [\"b.example\"]",
                "domains = [\"b.example\", \"c.example\"]"));
        MailServer b = TestServers.start(MailwrightConfig.load(bFile), dns);
        MailServer a = null;
        try {
            a = TestServers.start(TestServers.config(dirA, "mx.a.example", "a.example", """
                    [delivery]
                    remote-port = %d
                    [rewrite.aliases]
                    "fwd@a.example" = "bob@b.example"
                    "gone@a.example" = "nobody@b.example"
                    """.formatted(b.address("smtp").getPort())), dns);
            TestServers.addUser(b, "bob@b.example", "bob-pw");
            TestServers.addUser(b, "carol@c.example", "carol-pw");

            try (RawSmtp smtp = new RawSmtp(a.address("smtp"))) {
                smtp.send("EHLO mx.c.example");
                assertThat(smtp.send("MAIL FROM:<carol@c.example>")).startsWith("250 ");
                assertThat(smtp.send("RCPT TO:<fwd@a.example> NOTIFY=SUCCESS,FAILURE")).startsWith("250 ");
                assertThat(smtp.send("RCPT TO:<gone@a.example>")).startsWith("250 ");
                assertThat(smtp.send("DATA")).startsWith("354 ");
                assertThat(smtp.send("From: carol@c.example\r\nSubject: forwarded\r\n\r\nhi\r\n.")).startsWith("250 ");
            }

            String received = TestServers.awaitOne(b, "bob@b.example", "bob-pw");
            assertThat(received).contains("Subject: forwarded");
            // B checked SPF for a.example, which did send it, not for c.example, which did not.
            String returnPath = received.substring("Return-Path: <".length(), received.indexOf(">\r\n"));
            assertThat(returnPath).startsWith("SRS0=").endsWith("=c.example=carol@a.example");
            assertThat(field(received, "Authentication-Results: mx.b.example;")).contains("spf=pass smtp.mailfrom=a.example");

            // nobody@b.example refused A's copy: A's report went to the SRS address, so back to carol.
            String bounce = TestServers.awaitOne(b, "carol@c.example", "carol-pw");
            assertThat(bounce).contains("Return-Path: <>", "From: Mail Delivery System <MAILER-DAEMON@mx.a.example>",
                    "Final-Recipient: rfc822;nobody@b.example", "Action: failed", "Subject: forwarded");

            // B offered DSN, so A passed NOTIFY=SUCCESS and the alias as ORCPT on: B reports the
            // delivery itself, to the SRS address (its queue holds it: B cannot reach A's port 25).
            List<String> reports = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (reports.isEmpty() && System.nanoTime() < deadline) {
                b.outbound().list().stream()
                        .filter(m -> m.recipients().get(0).recipient().address().toString().equals(returnPath))
                        .forEach(m -> reports.add(new String(b.outbound().storage().content(m.id()).toByteArray(),
                                StandardCharsets.UTF_8)));
                Thread.sleep(100);
            }
            assertThat(reports).singleElement().satisfies(report -> assertThat(report).contains(
                    "Subject: Successful Mail Delivery Report", "Original-Recipient: rfc822;fwd@a.example",
                    "Final-Recipient: rfc822;bob@b.example", "Action: delivered"));

            try (RawSmtp smtp = new RawSmtp(a.address("smtp"))) {
                smtp.send("EHLO mx.b.example");
                assertThat(smtp.send("MAIL FROM:<>")).startsWith("250 ");
                assertThat(smtp.send("RCPT TO:<" + returnPath + ">")).as("a bounce goes back to carol").startsWith("250 ");
                String forged = returnPath.replace("=c.example=carol@", "=c.example=mallory@");
                assertThat(smtp.send("RCPT TO:<" + forged + ">")).isEqualTo("550 5.1.1 invalid or expired SRS address");
            }
        } finally {
            if (a != null) {
                a.stop(Duration.ofSeconds(2));
            }
            b.stop(Duration.ofSeconds(2));
        }
    }

    /** The whole field that starts with {@code start}, folded lines included. */
    private static String field(String message, String start) {
        int from = message.indexOf(start);
        assertThat(from).as("field " + start).isNotNegative();
        int end = from;
        do {
            end = message.indexOf("\r\n", end) + 2;
        } while (message.charAt(end) == ' ' || message.charAt(end) == '\t');
        return message.substring(from, end);
    }
}
