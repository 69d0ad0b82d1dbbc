package dev.mailwright.server.pipeline;

import dev.mailwright.core.DsnNotify;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.outbound.dsn.DeliveryStatusNotification;
import dev.mailwright.smtp.outbound.dsn.DsnAction;
import dev.mailwright.smtp.outbound.dsn.DsnRecipient;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery status notifications (RFC 3464) that the SMTP reply alone cannot carry: reports for
 * recipients that failed after the message was accepted for others (one 250 covers the whole
 * message, so the sender must be told about the rest, RFC 5321 §6.1), and the success reports a
 * sender asked for with NOTIFY=SUCCESS (RFC 3461 §5.2.3): "delivered" for a mailbox here,
 * "expanded" for an alias of several addresses.
 */
public final class DeliveryNotices {

    private static final Logger log = LoggerFactory.getLogger(DeliveryNotices.class);
    private static final long MAX_RETURNED = 256 * 1024;

    private final String reportingMta;
    private final DeliveryTarget target;
    private final Clock clock;

    public DeliveryNotices(String reportingMta, DeliveryTarget target, Clock clock) {
        this.reportingMta = Objects.requireNonNull(reportingMta, "reportingMta");
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Tells the sender about the failed recipients of a message accepted for others. */
    public void failed(String id, Envelope envelope, DeliveryResult result, MessageContent content) {
        if (envelope.sender().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<RecipientState> states = new ArrayList<>();
        List<DsnRecipient> report = new ArrayList<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            Envelope.Recipient recipient = envelope.recipients().get(i);
            RecipientResult r = result.results().get(i);
            if (r.isAccepted()) {
                states.add(new RecipientState(recipient, RecipientState.Status.DELIVERED, Optional.empty()));
                continue;
            }
            RecipientState failed = new RecipientState(recipient, RecipientState.Status.FAILED, Optional.of(
                    new RecipientOutcome(now, r.code() < 500 ? 550 : r.code(), failureStatus(r.enhancedStatus()), r.text(),
                            reportingMta)));
            states.add(failed);
            Set<DsnNotify> notify = recipient.options().notifyOn();
            if (notify.isEmpty() || notify.contains(DsnNotify.FAILURE)) {
                report.add(new DsnRecipient(failed, DsnAction.FAILED));
            }
        }
        send(id, envelope, states, report, content, "non-delivery report");
    }

    /**
     * Tells the sender about recipients handled here that asked for it with NOTIFY=SUCCESS.
     *
     * @param handled each such recipient with {@link DsnAction#DELIVERED} or {@link DsnAction#EXPANDED}
     */
    public void succeeded(String id, Envelope envelope, Map<Envelope.Recipient, DsnAction> handled, MessageContent content) {
        if (envelope.sender().isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<RecipientState> states = new ArrayList<>();
        List<DsnRecipient> report = new ArrayList<>();
        handled.forEach((recipient, action) -> {
            if (!action.isSuccess() || !recipient.options().notifyOn().contains(DsnNotify.SUCCESS)) {
                return;
            }
            RecipientState state = new RecipientState(recipient, RecipientState.Status.DELIVERED,
                    Optional.of(new RecipientOutcome(now, 250, "2.0.0", action == DsnAction.DELIVERED
                            ? "delivered to a mailbox" : "delivered to the addresses of an alias", "")));
            states.add(state);
            report.add(new DsnRecipient(state, action));
        });
        send(id, envelope, states, report, content, "success report");
    }

    private void send(String id, Envelope envelope, List<RecipientState> states, List<DsnRecipient> report,
                      MessageContent content, String kind) {
        if (report.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try {
            QueuedMessage message = new QueuedMessage(id.replaceAll("[^A-Za-z0-9-]", "-"), envelope.sender(),
                    envelope.mailOptions(), states, now, now, 1, content.size(), List.of(), false, Optional.empty());
            byte[] dsn = DeliveryStatusNotification.build(reportingMta, message, report, content, now, Optional.empty(),
                    MAX_RETURNED);
            MailOptions options = envelope.sender().get().isInternationalized() ? MailOptions.NONE.withSmtpUtf8(true) : MailOptions.NONE;
            Envelope notice = new Envelope(Optional.empty(), options, List.of(Envelope.Recipient.of(envelope.sender().get())));
            DeliveryResult sent = target.deliver(notice, MessageContent.of(dsn));
            log.info("message {}: {} for {} recipient(s) to <{}>: {}", id, kind, report.size(),
                    envelope.sender().get(), sent.allAccepted() ? "sent" : sent.results().get(0).text());
        } catch (IOException | RuntimeException e) {
            log.error("message {}: cannot send a {} to <{}>", id, kind, envelope.sender().get(), e);
        }
    }

    /** A report says the failure is final: a temporary 4.x.x becomes 5.x.x. */
    private static String failureStatus(String enhanced) {
        return enhanced.startsWith("4.") ? "5" + enhanced.substring(1) : enhanced;
    }
}
