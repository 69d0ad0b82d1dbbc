package dev.mailwright.core.delivery;

import dev.mailwright.core.MailAddress;
import java.util.List;
import java.util.Optional;

/** The outcome of a delivery: one result per recipient, in the envelope's order. */
public record DeliveryResult(List<RecipientResult> results) {

    public DeliveryResult {
        results = List.copyOf(results);
    }

    public boolean allAccepted() {
        return results.stream().allMatch(RecipientResult::isAccepted);
    }

    public Optional<RecipientResult> resultFor(MailAddress recipient) {
        return results.stream().filter(r -> r.recipient().equals(recipient)).findFirst();
    }
}
