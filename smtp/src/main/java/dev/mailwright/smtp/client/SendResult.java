package dev.mailwright.smtp.client;

import dev.mailwright.core.delivery.RecipientResult;
import java.util.List;
import java.util.Optional;

/**
 * What became of one message: a result per recipient, in the envelope's order, and how the
 * connection was protected.
 *
 * @param recipients one result per recipient
 * @param tls the TLS outcome; empty when the message went in plaintext
 */
public record SendResult(List<RecipientResult> recipients, Optional<TlsOutcome> tls) {

    public SendResult {
        recipients = List.copyOf(recipients);
    }

    public boolean allAccepted() {
        return recipients.stream().allMatch(RecipientResult::isAccepted);
    }
}
