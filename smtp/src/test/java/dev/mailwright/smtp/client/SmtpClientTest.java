package dev.mailwright.smtp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.TestServers;
import dev.mailwright.smtp.spi.DataResult;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against the server engine and against scripted fake servers. */
class SmtpClientTest {

    private final TestServers servers = new TestServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    private static Envelope envelope(String... recipients) {
        return new Envelope(Optional.of(MailAddress.parse("alice@example.com")), MailOptions.NONE,
                java.util.Arrays.stream(recipients).map(r -> Envelope.Recipient.of(MailAddress.parse(r))).toList());
    }

    private static MessageContent content(String text) {
        return MessageContent.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static SmtpClient.Builder client() {
        return SmtpClient.builder().helloName("client.example").tlsPolicy(TlsPolicy.pkix(TestServers.CERTIFICATE.trustManager()));
    }

    @Test
    void pipelinedSendWithResultsPerRecipientAndSafeLineEndings() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).build());
        SmtpClient smtp = client().tlsPolicy(TlsPolicy.opportunistic()).build();
        SendResult result = smtp.send(address, "localhost", envelope("bob@example.com", "eve@elsewhere.example", "carol@example.com"),
                content("Subject: hi\r\n\r\n.starts with a dot\nbare LF\rbare CR\r\nno final newline"));
        assertThat(result.recipients()).extracting(RecipientResult::code).containsExactly(250, 554, 250);
        assertThat(result.recipients().get(1).enhancedStatus()).isEqualTo("5.7.1");
        assertThat(result.tls()).isEmpty();
        assertThat(servers.backend.nextBody()).isEqualTo(
                "Subject: hi\r\n\r\n.starts with a dot\r\nbare LF\r\nbare CR\r\nno final newline\r\n");
    }

    @Test
    void startTlsVerifiedByPkixThenAuth() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.SUBMISSION).tlsMode(TlsMode.STARTTLS).build());
        SmtpClient smtp = client().credentials("alice", "secret").build();
        SendResult result = smtp.send(address, "localhost", envelope("bob@example.com"), content("Subject: x\r\n\r\nbody\r\n"));
        assertThat(result.allAccepted()).isTrue();
        assertThat(result.tls()).hasValueSatisfying(t -> {
            assertThat(t.verified()).isTrue();
            assertThat(t.protocol()).isIn("TLSv1.3", "TLSv1.2");
        });
        assertThat(servers.backend.next().session().authenticatedUser()).contains("alice");
    }

    @Test
    void pkixRefusesTheWrongName() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).tlsMode(TlsMode.STARTTLS).build());
        SmtpClient smtp = client().build();
        assertThatThrownBy(() -> smtp.send(address, "mail.other.example", envelope("bob@example.com"), content("x\r\n")))
                .isInstanceOf(SmtpClientException.class).hasMessageContaining("TLS handshake with mail.other.example failed");
    }

    @Test
    void requiredTlsWithoutStartTlsFails() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).build());
        assertThatThrownBy(() -> client().build().send(address, "localhost", envelope("bob@example.com"), content("x\r\n")))
                .isInstanceOf(SmtpClientException.class).hasMessage("TLS is required but the server does not offer STARTTLS");
    }

    @Test
    void daneStyleVerifierDecides() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).tlsMode(TlsMode.STARTTLS).build());
        byte[] pinned = TestServers.CERTIFICATE.certificate().getPublicKey().getEncoded();
        List<String> seenNames = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerCertificateVerifier pin = (chain, name) -> {
            seenNames.add(name);
            if (!java.util.Arrays.equals(chain.get(0).getPublicKey().getEncoded(), pinned)) {
                throw new CertificateException("no TLSA record matches");
            }
        };
        SendResult ok = client().tlsPolicy(TlsPolicy.verifiedBy(pin)).build()
                .send(address, "mx.example.net", envelope("bob@example.com"), content("x\r\n"));
        assertThat(ok.tls()).hasValueSatisfying(t -> assertThat(t.verified()).isTrue());
        assertThat(seenNames).containsExactly("mx.example.net");

        byte[] other = SelfSignedCertificate.generate("other.example").certificate().getPublicKey().getEncoded();
        ServerCertificateVerifier wrongPin = (chain, name) -> {
            if (!java.util.Arrays.equals(chain.get(0).getPublicKey().getEncoded(), other)) {
                throw new CertificateException("no TLSA record matches");
            }
        };
        assertThatThrownBy(() -> client().tlsPolicy(TlsPolicy.verifiedBy(wrongPin)).build()
                .send(address, "mx.example.net", envelope("bob@example.com"), content("x\r\n")))
                .isInstanceOf(SmtpClientException.class);
    }

    @Test
    void opportunisticTlsIsNotVerified() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).tlsMode(TlsMode.STARTTLS).build());
        SendResult r = client().tlsPolicy(TlsPolicy.opportunistic()).build()
                .send(address, "whatever.example", envelope("bob@example.com"), content("x\r\n"));
        assertThat(r.tls()).hasValueSatisfying(t -> assertThat(t.verified()).isFalse());
    }

    @Test
    void implicitTlsAndBdat() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).tlsMode(TlsMode.IMPLICIT).build());
        SendResult r = client().implicitTls(true).preferChunking(true).build()
                .send(address, "localhost", envelope("bob@example.com"), content("Subject: chunk\r\n\r\n.no stuffing\r\n"));
        assertThat(r.allAccepted()).isTrue();
        assertThat(servers.backend.nextBody()).isEqualTo("Subject: chunk\r\n\r\n.no stuffing\r\n");
    }

    @Test
    void lmtpResultsPerRecipient() throws Exception {
        servers.backend.dataResult(e -> DataResult.perRecipient(new DeliveryResult(List.of(
                RecipientResult.accepted(e.recipients().get(0).address()),
                RecipientResult.permanentFailure(e.recipients().get(1).address(), 550, "5.2.1", "mailbox disabled")))));
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.LMTP).build());
        SendResult r = client().lmtp(true).tlsPolicy(TlsPolicy.none()).build()
                .send(address, "localhost", envelope("a@example.com", "b@example.com"), content("x\r\n"));
        assertThat(r.recipients()).extracting(RecipientResult::code).containsExactly(250, 550);
        assertThat(r.recipients().get(1).enhancedStatus()).isEqualTo("5.2.1");
    }

    @Test
    void dsnAndRequireTlsParameters() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).tlsMode(TlsMode.STARTTLS).build());
        Envelope e = new Envelope(Optional.of(MailAddress.parse("alice@example.com")),
                MailOptions.NONE.withEnvelopeId("id-42").withRequireTls(true),
                List.of(new Envelope.Recipient(MailAddress.parse("bob@example.com"), RcptOptions.NONE.withNotifyOn(Set.of(DsnNotify.FAILURE)))));
        assertThat(client().build().send(address, "localhost", e, content("x\r\n")).allAccepted()).isTrue();
        Envelope got = servers.backend.next().envelope();
        assertThat(got.mailOptions().envelopeId()).contains("id-42");
        assertThat(got.mailOptions().requireTls()).isTrue();
        assertThat(got.recipients().get(0).options().notifyOn()).containsExactly(DsnNotify.FAILURE);

        InetSocketAddress plain = servers.start(SmtpListener.builder(ListenerRole.MX).build());
        SendResult refused = client().tlsPolicy(TlsPolicy.opportunistic()).build().send(plain, "localhost", e, content("x\r\n"));
        assertThat(refused.recipients().get(0).enhancedStatus()).isEqualTo("5.7.10");
    }

    @Test
    void responseInjectionAfterStartTlsIsDetected() throws Exception {
        try (ScriptedServer fake = new ScriptedServer("220 fake.example ESMTP\r\n", line -> {
            if (line.startsWith("EHLO")) {
                return "250-fake.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n";
            }
            if (line.equals("STARTTLS")) {
                // The attack: a reply the client would otherwise take as sent over TLS.
                return "220 2.0.0 go ahead\r\n250-fake.example\r\n250 AUTH PLAIN\r\n";
            }
            return "250 OK\r\n";
        })) {
            assertThatThrownBy(() -> SmtpClient.builder().tlsPolicy(TlsPolicy.opportunistic()).build()
                    .send(fake.address(), "fake.example", envelope("bob@example.com"), content("x\r\n")))
                    .isInstanceOf(SmtpClientException.class)
                    .hasMessageContaining("server sent data after its STARTTLS reply");
        }
    }

    @Test
    void unicodeDomainsGoAsALabelsWithoutSmtpUtf8() throws Exception {
        try (ScriptedServer fake = new ScriptedServer("220 plain.example\r\n", line -> {
            if (line.startsWith("EHLO")) {
                return "250 plain.example\r\n";
            }
            if (line.equals("DATA")) {
                return "354 go\r\n";
            }
            return line.equals("QUIT") ? "221 bye\r\n" : line.startsWith("MAIL") || line.startsWith("RCPT") || line.equals(".") ? "250 OK\r\n" : "";
        })) {
            SendResult r = SmtpClient.builder().helloName("client.example").tlsPolicy(TlsPolicy.opportunistic()).build()
                    .send(fake.address(), "plain.example", envelope("bob@bücher.example"), content("x\r\n"));
            assertThat(r.recipients()).extracting(RecipientResult::code).containsExactly(250);
            assertThat(fake.received).contains("RCPT TO:<bob@xn--bcher-kva.example>");
        }
    }

    @Test
    void heloFallbackAndStepByStepWithoutPipelining() throws Exception {
        try (ScriptedServer fake = new ScriptedServer("220 old.example\r\n", line -> {
            if (line.startsWith("EHLO")) {
                return "502 command not implemented\r\n";
            }
            if (line.startsWith("RCPT TO:<nobody")) {
                return "550 no such user\r\n";
            }
            if (line.equals("DATA")) {
                return "354 go\r\n";
            }
            if (line.equals(".")) {
                return "250 queued\r\n";
            }
            if (line.equals("QUIT")) {
                return "221 bye\r\n";
            }
            return line.startsWith("HELO") || line.startsWith("MAIL") || line.startsWith("RCPT") ? "250 OK\r\n" : "";
        })) {
            SendResult r = SmtpClient.builder().helloName("client.example").tlsPolicy(TlsPolicy.opportunistic()).build()
                    .send(fake.address(), "old.example", envelope("nobody@example.com", "bob@example.com"), content("line\r\n"));
            assertThat(r.recipients()).extracting(RecipientResult::code).containsExactly(550, 250);
            assertThat(r.recipients().get(0).enhancedStatus()).isEqualTo("5.0.0");
            assertThat(fake.received).containsExactly("EHLO client.example", "HELO client.example",
                    "MAIL FROM:<alice@example.com>", "RCPT TO:<nobody@example.com>", "RCPT TO:<bob@example.com>",
                    "DATA", "line", ".", "QUIT");
        }
    }

    @Test
    void opportunisticTlsGoesOnInPlaintextWhenStartTlsIsRefused() throws Exception {
        try (ScriptedServer fake = new ScriptedServer("220 busy.example\r\n", line -> {
            if (line.startsWith("EHLO")) {
                return "250-busy.example\r\n250 STARTTLS\r\n";
            }
            if (line.equals("STARTTLS")) {
                return "454 4.7.0 TLS not available due to temporary reason\r\n";
            }
            if (line.equals("DATA")) {
                return "354 go\r\n";
            }
            return line.equals("QUIT") ? "221 bye\r\n" : line.startsWith("MAIL") || line.startsWith("RCPT") || line.equals(".") ? "250 OK\r\n" : "";
        })) {
            SendResult r = SmtpClient.builder().tlsPolicy(TlsPolicy.opportunistic()).build()
                    .send(fake.address(), "busy.example", envelope("bob@example.com"), content("x\r\n"));
            assertThat(r.allAccepted()).isTrue();
            assertThat(r.tls()).isEmpty();
        }
    }

    @Test
    void refusedGreetingAndGarbageReplies() throws Exception {
        try (ScriptedServer fake = new ScriptedServer("554 go away\r\n", line -> null)) {
            assertThatThrownBy(() -> SmtpClient.builder().build().connect(fake.address(), "x.example"))
                    .isInstanceOf(SmtpClientException.class).hasMessage("server refused the connection: 554 go away");
        }
        try (ScriptedServer fake = new ScriptedServer("220 ok\r\n", line -> "hello there\r\n")) {
            try (SmtpConnection c = SmtpClient.builder().build().connect(fake.address(), "x.example")) {
                assertThatThrownBy(c::hello).isInstanceOf(SmtpClientException.class).hasMessageStartingWith("malformed reply line");
            }
        }
    }

    @Test
    void authIsNotSentInPlaintext() throws Exception {
        InetSocketAddress address = servers.start(SmtpListener.builder(ListenerRole.MX).auth(true).authRequiresTls(false).build());
        try (SmtpConnection c = client().tlsPolicy(TlsPolicy.none()).build().connect(address, "localhost")) {
            c.hello();
            assertThatThrownBy(() -> c.authenticate("alice", "secret")).hasMessage("refusing to send credentials without TLS");
        }
        try (SmtpConnection c = client().tlsPolicy(TlsPolicy.none()).authOverPlaintext(true).build().connect(address, "localhost")) {
            c.hello();
            c.authenticate("alice", "secret");
            assertThatThrownBy(() -> c.authenticate("alice", "wrong")).isInstanceOf(SmtpClientException.class);
        }
    }
}
