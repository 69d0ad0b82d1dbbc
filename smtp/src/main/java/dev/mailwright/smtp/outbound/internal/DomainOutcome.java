package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import java.util.List;
import java.util.Set;

/**
 * What one delivery round to one domain came to.
 *
 * @param recipients the domain's recipients with their new states, in the order given
 * @param attempts the sessions tried (and hosts skipped), in order
 * @param relayedWithoutDsn recipients accepted by a server that did not offer DSN, for which this
 *        host reports success itself (RFC 3461 §5.2.3)
 */
record DomainOutcome(List<RecipientState> recipients, List<AttemptRecord> attempts, Set<Envelope.Recipient> relayedWithoutDsn) {

    DomainOutcome {
        recipients = List.copyOf(recipients);
        attempts = List.copyOf(attempts);
        relayedWithoutDsn = Set.copyOf(relayedWithoutDsn);
    }
}
