package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import java.util.List;

/**
 * What one delivery round to one domain came to.
 *
 * @param recipients the domain's recipients with their new states, in the order given
 * @param attempts the sessions tried (and hosts skipped), in order
 */
record DomainOutcome(List<RecipientState> recipients, List<AttemptRecord> attempts) {

    DomainOutcome {
        recipients = List.copyOf(recipients);
        attempts = List.copyOf(attempts);
    }
}
