package dev.mailwright.testing;

import static dev.mailwright.testing.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.TlsInfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each assertion passing and failing, on messages built here. */
class MailAssertionsTest {

    private static final String ORDER = """
            From: "Shop" <shop@example.com>\r
            To: alice@example.com, "Bob B" <Bob@Example.com>\r
            Subject: =?UTF-8?Q?Your_order_=E2=80=94_n=C2=B042?=\r
            X-Campaign:\r
             spring\r
            MIME-Version: 1.0\r
            Content-Type: multipart/mixed; boundary="b1"\r
            \r
            --b1\r
            Content-Type: multipart/alternative; boundary="b2"\r
            \r
            --b2\r
            Content-Type: text/plain; charset=UTF-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Merci pour votre commande, Andr=C3=A9.\r
            --b2\r
            Content-Type: text/html; charset=UTF-8\r
            \r
            <p>Thank you</p>\r
            --b2--\r
            --b1\r
            Content-Type: application/pdf\r
            Content-Disposition: attachment; filename*=UTF-8''facture-%C3%A9t%C3%A9.pdf\r
            Content-Transfer-Encoding: base64\r
            \r
            JVBERi0xLjQK\r
            --b1\r
            Content-Type: text/plain; name="notes.txt"\r
            Content-Disposition: attachment; filename="notes.txt"\r
            \r
            attachment text, not body text\r
            --b1--\r
            """;

    private static final String SIMPLE = """
            From: alice@example.com\r
            To: bob@example.com\r
            Subject: Lunch\r
            Date: Thu, 1 Jan 2026 12:00:00 +0000\r
            Message-ID: <lunch@example.com>\r
            \r
            Shall we have lunch tomorrow?\r
            """;

    private static final String RECEIVED = "Received: from client.example (unknown [127.0.0.1])\r\n\tby localhost with ESMTP id X;\r\n"
            + "\tThu, 1 Jan 2026 12:00:01 +0000\r\n";

    private final ReceivedMessage order = message(ORDER, true);

    @Test
    void aMatchingMessagePassesEveryAssertion() {
        assertThat(order)
                .hasSubject("Your order — n°42")
                .hasSubjectContaining("n°42")
                .isFrom("shop@example.com")
                .isTo("alice@example.com")
                .isTo("bob@example.com", "ALICE@example.com")
                .hasRecipient("hidden@example.org")
                .hasEnvelopeSender("bounces@example.com")
                .bodyContains("commande, André")
                .bodyContains("<p>Thank you</p>")
                .hasAttachmentNamed("facture-été.pdf")
                .hasAttachmentNamed("notes.txt")
                .hasHeader("x-campaign")
                .hasHeader("X-Campaign", "spring")
                .wasSentOverTls()
                .wasAuthenticatedAs("shop@example.com");
    }

    @Test
    void mismatchesFailNamingWhatWasThere() {
        assertThatThrownBy(() -> assertThat(order).hasSubject("Your order"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected subject")
                .hasMessageContaining("\"Your order — n°42\"")
                .hasMessageContaining("in message from <bounces@example.com> to [alice@example.com, hidden@example.org]");
        assertThatThrownBy(() -> assertThat(order).isFrom("alice@example.com"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected From to be <alice@example.com> but was [shop@example.com]");
        assertThatThrownBy(() -> assertThat(order).isTo("alice@example.com", "carol@example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected To to include [carol@example.com] but it was [alice@example.com, Bob@Example.com]");
        assertThatThrownBy(() -> assertThat(order).hasRecipient("bob@example.com"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected envelope recipient <bob@example.com> but RCPT TO was [alice@example.com, hidden@example.org]");
        assertThatThrownBy(() -> assertThat(order).hasEnvelopeSender(""))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but MAIL FROM was <bounces@example.com>");
        assertThatThrownBy(() -> assertThat(order).bodyContains("attachment text"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected a text part containing");
        assertThatThrownBy(() -> assertThat(order).hasAttachmentNamed("invoice.pdf"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected an attachment named \"invoice.pdf\" but the attachments were [facture-été.pdf, notes.txt]");
        assertThatThrownBy(() -> assertThat(order).hasHeader("List-Unsubscribe"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expected a header field \"List-Unsubscribe\" but there was none");
        assertThatThrownBy(() -> assertThat(order).hasHeader("X-Campaign", "autumn"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but its values were").hasMessageContaining("[spring]");
        assertThatThrownBy(() -> assertThat(order).wasAuthenticatedAs("alice@example.com"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it was <shop@example.com>");
        assertThatThrownBy(() -> assertThat(order).isDkimSigned())
                .isInstanceOf(AssertionError.class).hasMessageContaining("\"DKIM-Signature\" but there was none");
    }

    @Test
    void plaintextAnonymousMessagesFailTheTransportAssertions() {
        ReceivedMessage plain = message(SIMPLE, false);
        assertThatThrownBy(() -> assertThat(plain).wasSentOverTls())
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it came in plaintext");
        assertThatThrownBy(() -> assertThat(plain).wasAuthenticatedAs("alice@example.com"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("but it was not authenticated");
        assertThatThrownBy(() -> assertThat(plain).hasAttachmentNamed("x.pdf"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the attachments were []");
        assertThat(plain).bodyContains("lunch tomorrow");
    }

    @Test
    void aNullMessageFailsClearly() {
        assertThatThrownBy(() -> assertThat((ReceivedMessage) null).hasSubject("x"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Expecting actual not to be null");
    }

    @Test
    void dkimSignaturesVerifyAgainstTheirKeyRecords() throws Exception {
        DkimSigningKey ed25519 = DkimSigningKey.generateEd25519();
        DkimSigningKey rsa = DkimSigningKey.generateRsa();
        byte[] signed = sign(sign(SIMPLE.getBytes(StandardCharsets.UTF_8), ed25519, "ed"), rsa, "rsa");
        ReceivedMessage m = message(RECEIVED + new String(signed, StandardCharsets.UTF_8), false);

        assertThat(m).isDkimSigned()
                .hasValidDkimSignature(Map.of("ed._domainkey.example.com", ed25519.dnsRecord()))
                // An RSA record is longer than one 255-octet character-string.
                .hasValidDkimSignature(Map.of("rsa._domainkey.example.com", rsa.dnsRecord()));

        DkimSigningKey other = DkimSigningKey.generateEd25519();
        assertThatThrownBy(() -> assertThat(m).hasValidDkimSignature(Map.of("ed._domainkey.example.com", other.dnsRecord())))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Expected a valid DKIM signature but verification gave [")
                .hasMessageContaining("fail (d=example.com s=ed")
                .hasMessageContaining("d=example.com s=rsa");
    }

    @Test
    void aChangedBodyBreaksTheSignature() throws Exception {
        DkimSigningKey key = DkimSigningKey.generateEd25519();
        String signed = new String(sign(SIMPLE.getBytes(StandardCharsets.UTF_8), key, "ed"), StandardCharsets.UTF_8);
        ReceivedMessage tampered = message(signed.replace("lunch", "dinner"), false);
        assertThat(tampered).isDkimSigned();
        assertThatThrownBy(() -> assertThat(tampered).hasValidDkimSignature(Map.of("ed._domainkey.example.com", key.dnsRecord())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("fail (d=example.com s=ed: ");
        assertThatThrownBy(() -> assertThat(message(SIMPLE, false)).hasValidDkimSignature(Map.of()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("the message has no DKIM-Signature field");
    }

    private static byte[] sign(byte[] message, DkimSigningKey key, String selector) throws Exception {
        return DkimSigner.builder("example.com", selector, key).build().signed(MessageContent.of(message)).toByteArray();
    }

    static ReceivedMessage message(String raw, boolean tlsAndAuth) {
        Envelope envelope = new Envelope(Optional.of(MailAddress.parse("bounces@example.com")), MailOptions.NONE,
                List.of(Envelope.Recipient.of(MailAddress.parse("alice@example.com")),
                        Envelope.Recipient.of(MailAddress.parse("hidden@example.org"))));
        SessionInfo session = SessionInfo.newConnection("s1", new InetSocketAddress("127.0.0.1", 40000),
                new InetSocketAddress("127.0.0.1", 25)).withHelo("client.example");
        if (tlsAndAuth) {
            session = session.withTls(new TlsInfo("TLSv1.3", "TLS_AES_128_GCM_SHA256")).withAuthenticatedUser("shop@example.com");
        }
        return new ReceivedMessage(raw.getBytes(StandardCharsets.UTF_8), envelope, session, Protocol.SMTP, Instant.now());
    }
}
