package dev.mailwright.smtp.outbound.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The result of one delivery round, written back by the lease holder in one atomic step.
 *
 * @param recipients every recipient's new state, in the message's order
 * @param attempts the new attempt count
 * @param nextAttempt when the pending recipients are due again
 * @param newAttempts the attempts of this round, appended to the history
 * @param delayNotified whether a delay DSN has been sent
 */
public record QueueUpdate(List<RecipientState> recipients, int attempts, Instant nextAttempt,
                          List<AttemptRecord> newAttempts, boolean delayNotified) {

    public QueueUpdate {
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(nextAttempt, "nextAttempt");
        newAttempts = List.copyOf(newAttempts);
    }
}
