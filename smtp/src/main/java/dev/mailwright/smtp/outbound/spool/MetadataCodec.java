package dev.mailwright.smtp.outbound.spool;

import dev.mailwright.core.EsmtpExtension;
import dev.mailwright.core.EsmtpParameters;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The metadata file of a spooled message: one {@code key=value} per line in UTF-8, readable by
 * {@link Properties#load(java.io.Reader)} and by a person with {@code cat}. Versioned, so that a
 * later layout can still read old spools.
 */
final class MetadataCodec {

    private static final int VERSION = 1;
    private static final Set<EsmtpExtension> ALL = EsmtpExtension.all();

    private MetadataCodec() {
    }

    static byte[] encode(QueuedMessage m) {
        StringBuilder out = new StringBuilder(512);
        put(out, "version", Integer.toString(VERSION));
        put(out, "id", m.id());
        put(out, "sender", m.sender().map(MailAddress::toString).orElse(""));
        put(out, "mail", m.mailOptions().toParameters().toString());
        put(out, "created", m.created().toString());
        put(out, "next", m.nextAttempt().toString());
        put(out, "attempts", Integer.toString(m.attempts()));
        put(out, "size", Long.toString(m.size()));
        put(out, "delay-notified", Boolean.toString(m.delayNotified()));
        put(out, "rcpt.count", Integer.toString(m.recipients().size()));
        for (int i = 0; i < m.recipients().size(); i++) {
            RecipientState r = m.recipients().get(i);
            String p = "rcpt." + i + ".";
            put(out, p + "address", r.recipient().address().toString());
            put(out, p + "params", r.recipient().options().toParameters().toString());
            put(out, p + "status", r.status().name());
            r.last().ifPresent(last -> {
                put(out, p + "time", last.time().toString());
                put(out, p + "code", Integer.toString(last.code()));
                put(out, p + "enhanced", last.enhancedStatus());
                put(out, p + "remote", last.remoteMta());
                put(out, p + "text", last.text());
            });
        }
        put(out, "attempt.count", Integer.toString(m.history().size()));
        for (int i = 0; i < m.history().size(); i++) {
            AttemptRecord a = m.history().get(i);
            String p = "attempt." + i + ".";
            put(out, p + "time", a.time().toString());
            put(out, p + "domain", a.domain());
            put(out, p + "host", a.host());
            put(out, p + "address", a.address());
            put(out, p + "tls.security", a.tls().security().name());
            put(out, p + "tls.policy", a.tls().policy().name());
            put(out, p + "tls.protocol", a.tls().protocol());
            put(out, p + "tls.cipher", a.tls().cipherSuite());
            put(out, p + "tls.failure", a.tls().failure());
            put(out, p + "result", a.result());
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads a metadata file.
     *
     * @throws IOException naming the field that is missing or malformed
     */
    static QueuedMessage decode(byte[] bytes) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        Fields f = new Fields(p);
        try {
            int version = f.integer("version");
            if (version != VERSION) {
                throw new IOException("unsupported metadata version " + version);
            }
            String sender = f.text("sender");
            MailOptions options = MailOptions.fromParameters(EsmtpParameters.parse(f.text("mail")), ALL);
            int count = f.integer("rcpt.count");
            List<RecipientState> recipients = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String k = "rcpt." + i + ".";
                Envelope.Recipient recipient = new Envelope.Recipient(MailAddress.parse(f.text(k + "address")),
                        RcptOptions.fromParameters(EsmtpParameters.parse(f.text(k + "params")), ALL));
                Optional<RecipientOutcome> last = p.containsKey(k + "code")
                        ? Optional.of(new RecipientOutcome(f.instant(k + "time"), f.integer(k + "code"),
                                f.text(k + "enhanced"), f.text(k + "text"), f.text(k + "remote")))
                        : Optional.empty();
                recipients.add(new RecipientState(recipient,
                        RecipientState.Status.valueOf(f.text(k + "status")), last));
            }
            int attempts = f.integer("attempt.count");
            List<AttemptRecord> history = new ArrayList<>(attempts);
            for (int i = 0; i < attempts; i++) {
                String k = "attempt." + i + ".";
                TlsOutcome tls = new TlsOutcome(TlsOutcome.Security.valueOf(f.text(k + "tls.security")),
                        TlsOutcome.Policy.valueOf(f.text(k + "tls.policy")), f.text(k + "tls.protocol"),
                        f.text(k + "tls.cipher"), f.text(k + "tls.failure"));
                history.add(new AttemptRecord(f.instant(k + "time"), f.text(k + "domain"), f.text(k + "host"),
                        f.text(k + "address"), tls, f.text(k + "result")));
            }
            return new QueuedMessage(f.text("id"),
                    sender.isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(sender)),
                    options, recipients, f.instant("created"), f.instant("next"), f.integer("attempts"),
                    Long.parseLong(f.text("size")), history, Boolean.parseBoolean(f.text("delay-notified")),
                    Optional.empty());
        } catch (RuntimeException e) {
            throw new IOException("malformed metadata: " + e.getMessage(), e);
        }
    }

    private static void put(StringBuilder out, String key, String value) {
        out.append(key).append('=');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\f' -> out.append("\\f");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        out.append('\n');
    }

    private record Fields(Properties p) {
        String text(String key) throws IOException {
            String value = p.getProperty(key);
            if (value == null) {
                throw new IOException("missing field " + key);
            }
            return value;
        }

        int integer(String key) throws IOException {
            try {
                return Integer.parseInt(text(key));
            } catch (NumberFormatException e) {
                throw new IOException("field " + key + " is not a number");
            }
        }

        Instant instant(String key) throws IOException {
            try {
                return Instant.parse(text(key));
            } catch (RuntimeException e) {
                throw new IOException("field " + key + " is not a time");
            }
        }
    }
}
