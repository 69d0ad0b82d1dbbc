package dev.mailwright.testing;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dkim.DkimVerifier;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.ZoneFileResolver;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link ReceivedMessage}; start with
 * {@link MailAssertions#assertThat(ReceivedMessage)}. Header checks read the message as
 * Jakarta Mail parses it (encoded words decoded); envelope checks read what the SMTP client
 * said. Each failure names the message.
 */
public final class ReceivedMessageAssert extends AbstractAssert<ReceivedMessageAssert, ReceivedMessage> {

    ReceivedMessageAssert(ReceivedMessage actual) {
        super(actual, ReceivedMessageAssert.class);
    }

    /** The decoded Subject equals {@code expected}. */
    public ReceivedMessageAssert hasSubject(String expected) {
        String subject = subject();
        if (!Objects.equals(subject, expected)) {
            failWithMessage("Expected subject%n  \"%s\"%nbut was%n  \"%s\"%nin message %s", expected, subject, actual);
        }
        return this;
    }

    /** The decoded Subject contains {@code text}. */
    public ReceivedMessageAssert hasSubjectContaining(String text) {
        String subject = subject();
        if (subject == null || !subject.contains(text)) {
            failWithMessage("Expected subject to contain%n  \"%s\"%nbut was%n  \"%s\"%nin message %s", text, subject, actual);
        }
        return this;
    }

    /** The From field names {@code address} (case ignored). */
    public ReceivedMessageAssert isFrom(String address) {
        List<String> from = addresses("From", message -> message.getFrom());
        if (from.stream().noneMatch(a -> sameAddress(a, address))) {
            failWithMessage("Expected From to be <%s> but was %s%nin message %s", address, from, actual);
        }
        return this;
    }

    /** The To field names every one of {@code addresses} (case ignored); it may name others too. */
    public ReceivedMessageAssert isTo(String... addresses) {
        List<String> to = addresses("To", message -> message.getRecipients(Message.RecipientType.TO));
        List<String> missing = Arrays.stream(addresses).filter(a -> to.stream().noneMatch(t -> sameAddress(t, a))).toList();
        if (!missing.isEmpty()) {
            failWithMessage("Expected To to include %s but it was %s%nin message %s", missing, to, actual);
        }
        return this;
    }

    /** {@code address} was an envelope recipient (RCPT TO), as Bcc recipients are too. */
    public ReceivedMessageAssert hasRecipient(String address) {
        isNotNull();
        if (!actual.isFor(address)) {
            failWithMessage("Expected envelope recipient <%s> but RCPT TO was %s%nin message %s", address,
                    actual.recipients(), actual);
        }
        return this;
    }

    /** The envelope sender (MAIL FROM) is {@code address}; {@code ""} for the null sender. */
    public ReceivedMessageAssert hasEnvelopeSender(String address) {
        isNotNull();
        boolean same = address.isEmpty() ? actual.sender().isEmpty() : sameAddress(actual.sender(), address);
        if (!same) {
            failWithMessage("Expected envelope sender <%s> but MAIL FROM was <%s>%nin message %s", address, actual.sender(), actual);
        }
        return this;
    }

    /** The decoded text of a text part (plain or HTML, not an attachment) contains {@code text}. */
    public ReceivedMessageAssert bodyContains(String text) {
        List<String> texts = parts().texts();
        if (texts.stream().noneMatch(t -> t.contains(text))) {
            failWithMessage("Expected a text part containing%n  \"%s\"%nbut the text parts were%n  %s%nin message %s",
                    text, texts, actual);
        }
        return this;
    }

    /** The message has an attachment with this file name (RFC 2231 and RFC 2047 names decoded). */
    public ReceivedMessageAssert hasAttachmentNamed(String fileName) {
        List<String> names = parts().attachmentNames();
        if (!names.contains(fileName)) {
            failWithMessage("Expected an attachment named \"%s\" but the attachments were %s%nin message %s",
                    fileName, names, actual);
        }
        return this;
    }

    /** The header has a field with this name (case ignored). */
    public ReceivedMessageAssert hasHeader(String name) {
        if (headerValues(name).isEmpty()) {
            failWithMessage("Expected a header field \"%s\" but there was none%nin message %s", name, actual);
        }
        return this;
    }

    /** A field with this name has this value, unfolded, decoded and without surrounding space. */
    public ReceivedMessageAssert hasHeader(String name, String value) {
        List<String> values = headerValues(name);
        if (!values.contains(value)) {
            failWithMessage("Expected header field \"%s\" with value%n  \"%s\"%nbut its values were%n  %s%nin message %s",
                    name, value, values, actual);
        }
        return this;
    }

    /** The message carries at least one DKIM-Signature field (whether it verifies or not). */
    public ReceivedMessageAssert isDkimSigned() {
        return hasHeader("DKIM-Signature");
    }

    /**
     * At least one DKIM signature verifies (RFC 6376), with keys looked up through
     * {@code resolver}: a {@link ZoneFileResolver} in tests.
     */
    public ReceivedMessageAssert hasValidDkimSignature(DnsResolver resolver) {
        isNotNull();
        Objects.requireNonNull(resolver, "resolver");
        List<DkimOutput> outputs;
        try {
            outputs = DkimVerifier.builder(resolver).build().verify(AuthenticatedMessage.parse(actual.raw()));
        } catch (IOException e) {
            failWithMessage("Expected a valid DKIM signature but the message could not be read: %s%nin message %s",
                    e.getMessage(), actual);
            return this;
        }
        if (outputs.isEmpty()) {
            failWithMessage("Expected a valid DKIM signature but the message has no DKIM-Signature field%nin message %s", actual);
        } else if (outputs.stream().noneMatch(o -> o.result() == DkimResult.PASS)) {
            List<String> results = outputs.stream().map(o -> o.result().keyword() + " (d=" + o.domain() + " s="
                    + o.selector() + (o.reason().isEmpty() ? "" : ": " + o.reason()) + ")").toList();
            failWithMessage("Expected a valid DKIM signature but verification gave %s%nin message %s", results, actual);
        }
        return this;
    }

    /**
     * At least one DKIM signature verifies against these key records, by DNS name: for
     * example {@code "sel._domainkey.example.com"} to {@code "v=DKIM1; k=ed25519; p=..."}
     * (what {@code DkimSigningKey.dnsRecord()} gives).
     */
    public ReceivedMessageAssert hasValidDkimSignature(Map<String, String> keyRecords) {
        ZoneFileResolver.Builder zone = ZoneFileResolver.builder();
        keyRecords.forEach((name, record) -> zone.record(name + ". TXT " + characterStrings(record)));
        return hasValidDkimSignature(zone.build());
    }

    /** The client used TLS (STARTTLS or implicit). */
    public ReceivedMessageAssert wasSentOverTls() {
        isNotNull();
        if (!actual.isTls()) {
            failWithMessage("Expected the message to be sent over TLS but it came in plaintext%nin message %s", actual);
        }
        return this;
    }

    /** The client authenticated (SMTP AUTH) as {@code user}. */
    public ReceivedMessageAssert wasAuthenticatedAs(String user) {
        isNotNull();
        Optional<String> who = actual.authenticatedUser();
        if (who.isEmpty() || !who.get().equalsIgnoreCase(user)) {
            failWithMessage("Expected the client to be authenticated as <%s> but it was %s%nin message %s", user,
                    who.map(u -> "<" + u + ">").orElse("not authenticated"), actual);
        }
        return this;
    }

    // ---- reading the message ----

    @FunctionalInterface
    private interface AddressField {
        Address[] read(MimeMessage message) throws MessagingException;
    }

    private MimeMessage mime() {
        isNotNull();
        return actual.mimeMessage();
    }

    private String subject() {
        try {
            return mime().getSubject();
        } catch (MessagingException e) {
            failWithMessage("Cannot read the subject: %s%nin message %s", e.getMessage(), actual);
            return null;
        }
    }

    private List<String> addresses(String field, AddressField read) {
        try {
            Address[] found = read.read(mime());
            List<String> result = new ArrayList<>();
            if (found != null) {
                for (Address a : found) {
                    result.add(a instanceof InternetAddress ia ? ia.getAddress() : a.toString());
                }
            }
            return result;
        } catch (MessagingException e) {
            failWithMessage("Cannot read the %s field: %s%nin message %s", field, e.getMessage(), actual);
            return List.of();
        }
    }

    private List<String> headerValues(String name) {
        try {
            String[] raw = mime().getHeader(name);
            List<String> values = new ArrayList<>();
            if (raw != null) {
                for (String v : raw) {
                    values.add(decode(MimeUtility.unfold(v)).strip());
                }
            }
            return values;
        } catch (MessagingException e) {
            failWithMessage("Cannot read the header: %s%nin message %s", e.getMessage(), actual);
            return List.of();
        }
    }

    private static String decode(String text) {
        try {
            return MimeUtility.decodeText(text);
        } catch (UnsupportedEncodingException e) {
            return text;
        }
    }

    private MessageParts parts() {
        try {
            return MessageParts.of(mime());
        } catch (IllegalStateException e) {
            failWithMessage("%s%nin message %s", e.getMessage(), actual);
            return null;
        }
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return ReceivedMessage.sameMailbox(MailAddress.parse(a.strip()), MailAddress.parse(b.strip()));
        } catch (IllegalArgumentException e) {
            return a.strip().equalsIgnoreCase(b.strip());
        }
    }

    /** A TXT record's text as master-file character-strings of at most 255 octets, quoted. */
    private static String characterStrings(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += 200) {
            String chunk = text.substring(i, Math.min(text.length(), i + 200));
            out.append('"').append(chunk.replace("\\", "\\\\").replace("\"", "\\\"")).append("\" ");
        }
        return out.length() == 0 ? "\"\"" : out.toString().strip();
    }
}
