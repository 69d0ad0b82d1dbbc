package dev.mailwright.smtp.outbound.spi;

import dev.mailwright.core.Envelope;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one recipient of a queued message stands. The queue keeps this per recipient, so a
 * retry goes only to the recipients still pending and a DSN reports each one.
 *
 * @param recipient the address with its RCPT parameters (NOTIFY, ORCPT)
 * @param status pending, delivered or failed
 * @param last the outcome of the latest attempt, if any
 */
public record RecipientState(Envelope.Recipient recipient, Status status, Optional<RecipientOutcome> last) {

    /** The life of a recipient in the queue. */
    public enum Status {
        /** Not yet delivered; tried again at the message's next attempt time. */
        PENDING,
        /** Accepted by the next hop. */
        DELIVERED,
        /** Failed for good, or given up on after the queue lifetime. */
        FAILED
    }

    public RecipientState {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(last, "last");
    }

    /** A recipient not tried yet. */
    public static RecipientState pending(Envelope.Recipient recipient) {
        return new RecipientState(recipient, Status.PENDING, Optional.empty());
    }

    public boolean isPending() {
        return status == Status.PENDING;
    }

    public RecipientState with(Status status, RecipientOutcome outcome) {
        return new RecipientState(recipient, status, Optional.of(outcome));
    }
}
