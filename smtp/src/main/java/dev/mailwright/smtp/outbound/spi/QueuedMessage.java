package dev.mailwright.smtp.outbound.spi;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message in the outbound queue with everything the delivery logic needs besides its bytes:
 * the envelope, each recipient's state, the attempt count and schedule, and the recent attempts.
 * Immutable; the storage hands out a fresh snapshot on every read.
 *
 * @param id the queue id, unique within the storage: letters, digits and {@code -} only
 * @param sender the reverse-path; empty for the null sender
 * @param mailOptions the MAIL parameters to relay (SIZE, BODY, SMTPUTF8, RET, ENVID, REQUIRETLS)
 * @param recipients every recipient with its state, in envelope order
 * @param created when the message was queued; the queue lifetime counts from here
 * @param nextAttempt when the message is due
 * @param attempts how many delivery rounds have run
 * @param size the message size in octets
 * @param history the latest attempts, oldest first, at most {@link #MAX_HISTORY}
 * @param delayNotified whether a delay DSN has been sent for this message
 * @param lease the current claim, if any
 */
public record QueuedMessage(
        String id,
        Optional<MailAddress> sender,
        MailOptions mailOptions,
        List<RecipientState> recipients,
        Instant created,
        Instant nextAttempt,
        int attempts,
        long size,
        List<AttemptRecord> history,
        boolean delayNotified,
        Optional<Lease> lease) {

    /** How many attempt records a message keeps. */
    public static final int MAX_HISTORY = 20;

    public QueuedMessage {
        Objects.requireNonNull(id, "id");
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid queue id: " + id);
        }
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(mailOptions, "mailOptions");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        history = List.copyOf(history.size() > MAX_HISTORY
                ? history.subList(history.size() - MAX_HISTORY, history.size()) : history);
        Objects.requireNonNull(lease, "lease");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a queued message needs at least one recipient");
        }
        if (attempts < 0 || size < 0) {
            throw new IllegalArgumentException("negative attempts or size");
        }
    }

    /** Whether {@code id} can name a queued message: 1 to 64 letters, digits or hyphens. */
    public static boolean isValidId(String id) {
        return id.length() >= 1 && id.length() <= 64 && id.chars().allMatch(
                c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-');
    }

    /** The recipients still to deliver to. */
    public List<RecipientState> pending() {
        return recipients.stream().filter(RecipientState::isPending).toList();
    }

    /** The envelope with every recipient. */
    public Envelope envelope() {
        return new Envelope(sender, mailOptions, recipients.stream().map(RecipientState::recipient).toList());
    }

    /** This message with another lease. */
    public QueuedMessage withLease(Optional<Lease> lease) {
        return new QueuedMessage(id, sender, mailOptions, recipients, created, nextAttempt, attempts, size,
                history, delayNotified, lease);
    }

    /** This message after {@code update}: new states and schedule, attempts appended, no lease. */
    public QueuedMessage apply(QueueUpdate update) {
        List<AttemptRecord> all = new java.util.ArrayList<>(history);
        all.addAll(update.newAttempts());
        return new QueuedMessage(id, sender, mailOptions, update.recipients(), created, update.nextAttempt(),
                update.attempts(), size, all, update.delayNotified(), Optional.empty());
    }

    /** This message due at {@code when}. */
    public QueuedMessage dueAt(Instant when) {
        return new QueuedMessage(id, sender, mailOptions, recipients, created, when, attempts, size, history,
                delayNotified, lease);
    }
}
