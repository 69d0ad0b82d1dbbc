package dev.mailwright.testing;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.TlsInfo;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * One message a {@link TestMailServer} accepted over SMTP, with everything the server knew
 * about how it came: the envelope (MAIL FROM, RCPT TO), the client's HELO name and address,
 * the TLS protocol and the authenticated user. Immutable and safe to share between threads.
 *
 * <p>{@link #raw()} is the message as stored: the client's bytes with the server's
 * {@code Received} field on top, as a real server keeps it. The copy in each recipient's
 * INBOX (what IMAP shows) also starts with a {@code Return-Path} field.
 */
public final class ReceivedMessage {

    private final byte[] raw;
    private final Envelope envelope;
    private final SessionInfo session;
    private final Protocol protocol;
    private final Instant receivedAt;

    ReceivedMessage(byte[] raw, Envelope envelope, SessionInfo session, Protocol protocol, Instant receivedAt) {
        this.raw = Objects.requireNonNull(raw, "raw");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
        this.session = Objects.requireNonNull(session, "session");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** The message's bytes, a copy. */
    public byte[] raw() {
        return raw.clone();
    }

    /** The message as text, for a quick look; decoded as UTF-8, which suits 7-bit and UTF-8 messages. */
    public String rawText() {
        return new String(raw, StandardCharsets.UTF_8);
    }

    /** The size in octets. */
    public int size() {
        return raw.length;
    }

    /**
     * The message parsed by Jakarta Mail; a new, independent object on every call.
     * UTF-8 header fields (RFC 6532) and RFC 2047/2231 encoded file names are decoded.
     *
     * @throws IllegalStateException if Jakarta Mail cannot parse it at all
     */
    public MimeMessage mimeMessage() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.decodefilename", "true");
        try {
            return new MimeMessage(Session.getInstance(properties), new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("Jakarta Mail cannot parse the message: " + e.getMessage(), e);
        }
    }

    /** The MAIL FROM address; empty for the null sender {@code <>}. */
    public String sender() {
        return envelope.sender().map(MailAddress::toString).orElse("");
    }

    /** The RCPT TO addresses the server accepted, in order (Bcc recipients included). */
    public List<String> recipients() {
        return envelope.recipients().stream().map(r -> r.address().toString()).toList();
    }

    /**
     * Whether {@code address} was one of the accepted RCPT TO addresses. Case is ignored, in
     * the local part too, as the server's accounts ignore it.
     *
     * @throws IllegalArgumentException if {@code address} is not a mail address
     */
    public boolean isFor(String address) {
        MailAddress wanted = MailAddress.parse(Objects.requireNonNull(address, "address").strip());
        return envelope.recipients().stream().anyMatch(r -> sameMailbox(r.address(), wanted));
    }

    static boolean sameMailbox(MailAddress a, MailAddress b) {
        return a.asciiDomain().equalsIgnoreCase(b.asciiDomain())
                && a.localPart().toLowerCase(Locale.ROOT).equals(b.localPart().toLowerCase(Locale.ROOT));
    }

    /** The name the client gave in HELO or EHLO. */
    public String helo() {
        return session.heloName().orElse("");
    }

    /** Whether TLS protected the connection when the message was sent. */
    public boolean isTls() {
        return session.isTls();
    }

    /** The TLS protocol, such as {@code TLSv1.3}, if TLS was used. */
    public Optional<String> tlsProtocol() {
        return session.tls().map(TlsInfo::protocol);
    }

    /** The user the client authenticated as (SMTP AUTH), if it did. */
    public Optional<String> authenticatedUser() {
        return session.authenticatedUser();
    }

    /** The client's address and port. */
    public InetSocketAddress remoteAddress() {
        return session.remote();
    }

    /** The listener that took the message. */
    public Protocol protocol() {
        return protocol;
    }

    /** When the server accepted the message. */
    public Instant receivedAt() {
        return receivedAt;
    }

    /** The full envelope, with the MAIL and RCPT parameters (SIZE, BODY, SMTPUTF8, DSN, REQUIRETLS). */
    public Envelope envelope() {
        return envelope;
    }

    /** The full connection facts: session id, addresses, HELO, TLS cipher suite, user. */
    public SessionInfo session() {
        return session;
    }

    /** The decoded Subject, or empty if there is none or it cannot be read. */
    String subjectOrEmpty() {
        try {
            String subject = mimeMessage().getSubject();
            return subject == null ? "" : subject;
        } catch (MessagingException | IllegalStateException | UncheckedIOException e) {
            return "";
        }
    }

    /** One line for failure messages: sender, recipients, subject, size, listener. */
    @Override
    public String toString() {
        return "from <" + sender() + "> to " + recipients() + " subject \"" + subjectOrEmpty() + "\" (" + raw.length
                + " octets via " + protocol + (isTls() ? " with " + tlsProtocol().orElse("TLS") : "")
                + authenticatedUser().map(u -> " as " + u).orElse("") + ")";
    }
}
