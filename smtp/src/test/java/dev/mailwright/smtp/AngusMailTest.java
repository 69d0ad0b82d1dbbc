package dev.mailwright.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.net.TlsMode;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Conversations with an independent client: Jakarta Mail's SMTP transport (Eclipse Angus). */
class AngusMailTest {

    private final ServerFixture fixture = new ServerFixture();
    private final RecordingBackend backend = new RecordingBackend();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static Properties props(String protocol, InetSocketAddress address) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", address.getAddress().getHostAddress());
        p.put("mail." + protocol + ".port", Integer.toString(address.getPort()));
        p.put("mail." + protocol + ".localhost", "client.example");
        p.put("mail." + protocol + ".connectiontimeout", "5000");
        p.put("mail." + protocol + ".timeout", "5000");
        p.put("mail." + protocol + ".ssl.socketFactory", ServerFixture.CLIENT_TLS.getSocketFactory());
        return p;
    }

    private static MimeMessage message(Session session, String body) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("alice@example.com"));
        m.setRecipients(Message.RecipientType.TO, "bob@example.com, carol@example.com");
        m.setSubject("Greetings");
        m.setText(body, "UTF-8");
        return m;
    }

    @Test
    void plainSmtp() throws Exception {
        InetSocketAddress address = fixture.start(backend, SmtpListener.builder(ListenerRole.MX).build());
        Session session = Session.getInstance(props("smtp", address));
        Transport.send(message(session, "Hello over plain SMTP.\n.leading dot\n"));
        RecordingBackend.Received m = backend.next();
        assertThat(m.envelope().recipientAddresses()).extracting(Object::toString).containsExactly("bob@example.com", "carol@example.com");
        assertThat(m.body()).contains("Subject: Greetings\r\n").contains("Hello over plain SMTP.\r\n.leading dot\r\n");
        assertThat(m.session().isTls()).isFalse();
    }

    @Test
    void startTlsRequiredByTheClient() throws Exception {
        InetSocketAddress address = fixture.startMx(backend);
        Properties p = props("smtp", address);
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        Transport.send(message(Session.getInstance(p), "Over STARTTLS."));
        RecordingBackend.Received m = backend.next();
        assertThat(m.session().isTls()).isTrue();
        assertThat(m.text()).contains("with ESMTPS id");
    }

    @Test
    void implicitTlsWithAuthPlain() throws Exception {
        InetSocketAddress address = fixture.start(ServerFixture.server(backend).userDirectory(ServerFixture.users())
                .listener(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(TlsMode.IMPLICIT).build())).get(0);
        Properties p = props("smtps", address);
        p.put("mail.smtps.auth", "true");
        p.put("mail.smtps.auth.mechanisms", "PLAIN");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtps")) {
            t.connect("alice", "secret");
            MimeMessage m = message(session, "Submitted over implicit TLS.");
            t.sendMessage(m, m.getAllRecipients());
        }
        RecordingBackend.Received m = backend.next();
        assertThat(m.session().authenticatedUser()).contains("alice");
        assertThat(m.text()).contains("with ESMTPSA id");
    }

    @Test
    void startTlsSubmissionWithAuthLogin() throws Exception {
        InetSocketAddress address = fixture.start(ServerFixture.server(backend).userDirectory(ServerFixture.users())
                .listener(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(TlsMode.STARTTLS).build())).get(0);
        Properties p = props("smtp", address);
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.auth.mechanisms", "LOGIN");
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        Session session = Session.getInstance(p);
        try (Transport t = session.getTransport("smtp")) {
            t.connect("bob", "hunter2");
            MimeMessage m = message(session, "Submitted with LOGIN.");
            t.sendMessage(m, m.getAllRecipients());
        }
        assertThat(backend.next().session().authenticatedUser()).contains("bob");

        Session wrong = Session.getInstance(p);
        try (Transport t = wrong.getTransport("smtp")) {
            assertThatThrownBy(() -> t.connect("bob", "wrong")).isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void largeMessageGoesThroughTheDiskSpoolIntact() throws Exception {
        InetSocketAddress address = fixture.start(backend, SmtpListener.builder(ListenerRole.MX)
                .limits(SmtpLimits.builder().spoolThreshold(64 * 1024).build()).build());
        StringBuilder body = new StringBuilder();
        for (int i = 0; body.length() < 3_000_000; i++) {
            body.append(i % 10 == 0 ? "." : "").append("line ").append(i).append(" of a long message\n");
        }
        Transport.send(message(Session.getInstance(props("smtp", address)), body.toString()));
        RecordingBackend.Received m = backend.next();
        String expected = body.toString().replace("\n", "\r\n");
        String text = new String(m.content(), StandardCharsets.UTF_8);
        assertThat(text).endsWith(expected);
    }
}
