package dev.mailwright.smtp.outbound.dsn;

import dev.mailwright.core.DsnReturn;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.OriginalRecipient;
import dev.mailwright.core.mime.HeaderLimits;
import dev.mailwright.core.mime.Headers;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Builds a delivery status notification (RFC 3464): a {@code multipart/report} (RFC 6522) with a
 * human-readable part, a {@code message/delivery-status} part with one block per recipient, and
 * the returned message: its header section as {@code text/rfc822-headers}, or the whole message
 * as {@code message/rfc822} when the sender asked with RET=FULL and it fits the size limit
 * (RFC 3461 §4.3). The notification is marked {@code Auto-Submitted: auto-replied} (RFC 3834).
 */
public final class DeliveryStatusNotification {

    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    private DeliveryStatusNotification() {
    }

    /**
     * The notification for {@code message} to its sender.
     *
     * @param reportingMta this host's name
     * @param message the queued message
     * @param recipients the recipients to report, all with the same kind of action
     * @param content the message's bytes, for its header or full return
     * @param now the notification's date
     * @param willRetryUntil for delay notices, when the queue gives up
     * @param maxReturnedSize the largest message returned whole under RET=FULL
     */
    public static byte[] build(String reportingMta, QueuedMessage message, List<DsnRecipient> recipients,
                               MessageContent content, Instant now, Optional<Instant> willRetryUntil,
                               long maxReturnedSize) throws IOException {
        Objects.requireNonNull(reportingMta, "reportingMta");
        MailAddress sender = message.sender().orElseThrow(
                () -> new IllegalArgumentException("never notify the null sender"));
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a DSN reports at least one recipient");
        }
        boolean delay = recipients.stream().allMatch(r -> r.action() == DsnAction.DELAYED);
        boolean success = recipients.stream().allMatch(r -> r.action().isSuccess());
        if (!delay && !success && recipients.stream().anyMatch(r -> r.action().isSuccess())) {
            throw new IllegalArgumentException("successes and failures go in separate reports");
        }
        String boundary = "=_" + HexFormat.of().formatHex(randomBytes(12));
        StringBuilder out = new StringBuilder(2048);
        header(out, "From", "Mail Delivery System <MAILER-DAEMON@" + reportingMta + ">");
        header(out, "To", "<" + sender.toString() + ">");
        header(out, "Subject", delay ? "Delayed Mail (still being retried)"
                : success ? "Successful Mail Delivery Report" : "Undelivered Mail Returned to Sender");
        header(out, "Date", DATE.format(now));
        header(out, "Message-ID", "<" + HexFormat.of().formatHex(randomBytes(16)) + "@" + reportingMta + ">");
        header(out, "Auto-Submitted", "auto-replied");
        header(out, "MIME-Version", "1.0");
        header(out, "Content-Type", "multipart/report; report-type=delivery-status;\r\n\tboundary=\"" + boundary + "\"");
        out.append("\r\nThis is a MIME-encapsulated delivery status notification.\r\n");

        out.append("\r\n--").append(boundary).append("\r\n");
        header(out, "Content-Type", "text/plain; charset=utf-8");
        header(out, "Content-Transfer-Encoding", "8bit");
        out.append("\r\n");
        // RET asks for the content in failure reports only (RFC 3461 §4.3).
        boolean full = !success && message.mailOptions().ret().orElse(DsnReturn.HDRS) == DsnReturn.FULL
                && content.size() <= maxReturnedSize;
        humanReadable(out, reportingMta, delay, success, full, recipients, willRetryUntil);

        out.append("\r\n--").append(boundary).append("\r\n");
        header(out, "Content-Type", "message/delivery-status");
        out.append("\r\n");
        header(out, "Reporting-MTA", "dns; " + reportingMta);
        message.mailOptions().envelopeId().ifPresent(id -> header(out, "Original-Envelope-Id", id));
        header(out, "Arrival-Date", DATE.format(message.created()));
        for (DsnRecipient r : recipients) {
            out.append("\r\n");
            recipientBlock(out, r, willRetryUntil);
        }

        out.append("\r\n--").append(boundary).append("\r\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(out.length() + 4096);
        if (full) {
            header(out, "Content-Type", "message/rfc822");
            out.append("\r\n");
            bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
            content.writeTo(bytes);
        } else {
            header(out, "Content-Type", "text/rfc822-headers");
            out.append("\r\n");
            bytes.writeBytes(out.toString().getBytes(StandardCharsets.UTF_8));
            try (InputStream in = content.open()) {
                bytes.writeBytes(Headers.parse(in, HeaderLimits.DEFAULT).toBytes());
            }
        }
        bytes.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }

    private static void humanReadable(StringBuilder out, String reportingMta, boolean delay, boolean success, boolean full,
                                      List<DsnRecipient> recipients, Optional<Instant> willRetryUntil) {
        out.append("This is the mail system at host ").append(reportingMta).append(".\r\n\r\n");
        if (success) {
            out.append("Your message reached the recipients below, as you asked to be told.\r\n")
                    .append("Where it was relayed or expanded, no further report will come from here.\r\n")
                    .append("Its header is attached below.\r\n\r\n");
            for (DsnRecipient r : recipients) {
                RecipientOutcome last = r.state().last().orElseThrow();
                out.append("<").append(r.state().recipient().address()).append(">: ").append(switch (r.action()) {
                    case DELIVERED -> "delivered to a mailbox";
                    case EXPANDED -> "delivered to the addresses of an alias";
                    default -> "relayed to " + last.remoteMta() + ", which does not send delivery reports";
                }).append("\r\n");
            }
            return;
        }
        if (delay) {
            out.append("Your message could not be delivered yet to the recipients below.\r\n")
                    .append("It is still being retried");
            willRetryUntil.ifPresent(t -> out.append(" until ").append(DATE.format(t)));
            out.append("; you do not need to send it again.\r\n\r\n");
        } else {
            out.append("Your message could not be delivered to one or more recipients.\r\n")
                    .append(full ? "It is attached below.\r\n\r\n" : "Its header is attached below.\r\n\r\n");
        }
        for (DsnRecipient r : recipients) {
            RecipientOutcome last = r.state().last().orElseThrow();
            out.append("<").append(r.state().recipient().address()).append(">: ");
            if (!last.remoteMta().isEmpty()) {
                out.append("host ").append(last.remoteMta()).append(" said: ");
            }
            out.append(last.code()).append(' ').append(last.enhancedStatus()).append(' ').append(last.text())
                    .append("\r\n");
        }
    }

    private static void recipientBlock(StringBuilder out, DsnRecipient r, Optional<Instant> willRetryUntil) {
        RecipientOutcome last = r.state().last().orElseThrow();
        MailAddress address = r.state().recipient().address();
        r.state().recipient().options().originalRecipient()
                .ifPresent(o -> header(out, "Original-Recipient", o.addressType() + ";" + o.address()));
        OriginalRecipient finalRecipient = OriginalRecipient.of(address);
        header(out, "Final-Recipient", finalRecipient.addressType() + ";" + finalRecipient.address());
        header(out, "Action", r.action().fieldValue());
        // A recipient given up on after temporary failures keeps its 4.x.x status (4.4.7 on expiry)
        // with Action: failed, as RFC 3464 §2.3.4 allows and Postfix does.
        header(out, "Status", last.enhancedStatus());
        if (!last.remoteMta().isEmpty()) {
            header(out, "Remote-MTA", "dns; " + last.remoteMta());
            header(out, "Diagnostic-Code", "smtp; " + last.code() + " " + last.enhancedStatus() + " " + last.text());
        }
        header(out, "Last-Attempt-Date", DATE.format(last.time()));
        if (r.action() == DsnAction.DELAYED) {
            willRetryUntil.ifPresent(t -> header(out, "Will-Retry-Until", DATE.format(t)));
        }
    }

    private static void header(StringBuilder out, String name, String value) {
        out.append(name).append(": ").append(value).append("\r\n");
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
