package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.smtp.outbound.dsn.DeliveryStatusNotification;
import dev.mailwright.smtp.outbound.dsn.DsnAction;
import dev.mailwright.smtp.outbound.dsn.DsnRecipient;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends DSNs to the sender of a queued message: on failure for recipients whose NOTIFY allows it
 * (absent NOTIFY means FAILURE, RFC 3461 §4.1), delay notices only for recipients that asked with
 * NOTIFY=DELAY or, when delay notices are switched on, gave no NOTIFY; "relayed" for recipients
 * that asked with NOTIFY=SUCCESS and were accepted by a server that does not offer DSN itself
 * (RFC 3461 §5.2.3; a server that offers it gets NOTIFY passed on instead). Never to the null sender
 * (RFC 5321 §4.5.5). The DSN itself has the null sender and goes to the bounce target.
 */
public final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final String reportingMta;
    private final QueueStorage storage;
    private final Supplier<DeliveryTarget> target;
    private final long maxReturnedSize;
    private final boolean defaultDelayNotices;

    /**
     * @param reportingMta this host's name
     * @param storage for the original message's bytes
     * @param target where DSNs go (usually this queue)
     * @param maxReturnedSize the largest message returned whole with RET=FULL
     * @param defaultDelayNotices whether recipients without NOTIFY get delay notices
     */
    public Notifier(String reportingMta, QueueStorage storage, Supplier<DeliveryTarget> target,
                    long maxReturnedSize, boolean defaultDelayNotices) {
        this.reportingMta = reportingMta;
        this.storage = storage;
        this.target = target;
        this.maxReturnedSize = maxReturnedSize;
        this.defaultDelayNotices = defaultDelayNotices;
    }

    void failed(QueuedMessage message, List<RecipientState> recipients, Instant now) {
        List<DsnRecipient> report = recipients.stream()
                .filter(r -> wants(r, DsnNotify.FAILURE, true))
                .map(r -> new DsnRecipient(r, DsnAction.FAILED)).toList();
        send(message, report, now, Optional.empty());
    }

    void relayed(QueuedMessage message, List<RecipientState> recipients, Instant now) {
        List<DsnRecipient> report = recipients.stream()
                .filter(r -> wants(r, DsnNotify.SUCCESS, false))
                .map(r -> new DsnRecipient(r, DsnAction.RELAYED)).toList();
        send(message, report, now, Optional.empty());
    }

    void delayed(QueuedMessage message, List<RecipientState> recipients, Instant now, Instant until) {
        List<DsnRecipient> report = recipients.stream()
                .filter(r -> r.last().isPresent() && wants(r, DsnNotify.DELAY, defaultDelayNotices))
                .map(r -> new DsnRecipient(r, DsnAction.DELAYED)).toList();
        send(message, report, now, Optional.of(until));
    }

    private static boolean wants(RecipientState r, DsnNotify kind, boolean byDefault) {
        Set<DsnNotify> notify = r.recipient().options().notifyOn();
        return notify.isEmpty() ? byDefault : notify.contains(kind);
    }

    private void send(QueuedMessage message, List<DsnRecipient> report, Instant now, Optional<Instant> until) {
        if (report.isEmpty() || message.sender().isEmpty()) {
            return;
        }
        byte[] dsn;
        MessageContent original = storage.content(message.id());
        try {
            dsn = DeliveryStatusNotification.build(reportingMta, message, report, original, now, until, maxReturnedSize);
        } catch (IOException | RuntimeException e) {
            log.error("cannot build a DSN for queue message {}: {}", message.id(), e.toString());
            return;
        } finally {
            original.release();
        }
        MailOptions options = message.sender().get().isInternationalized()
                ? MailOptions.NONE.withSmtpUtf8(true) : MailOptions.NONE;
        Envelope envelope = new Envelope(Optional.empty(), options,
                List.of(Envelope.Recipient.of(message.sender().get())));
        DeliveryResult result = target.get().deliver(envelope, MessageContent.of(dsn));
        if (!result.allAccepted()) {
            log.error("DSN for queue message {} to {} not accepted: {}", message.id(), message.sender().get(),
                    result.results().get(0).text());
        } else {
            log.info("DSN for queue message {} sent to {} ({} recipients)", message.id(), message.sender().get(),
                    report.size());
        }
    }
}
