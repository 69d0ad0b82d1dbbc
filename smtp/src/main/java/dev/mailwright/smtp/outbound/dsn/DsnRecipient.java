package dev.mailwright.smtp.outbound.dsn;

import dev.mailwright.smtp.outbound.spi.RecipientState;
import java.util.Objects;

/**
 * One recipient to report in a DSN.
 *
 * @param state the recipient with its latest outcome (which must be present)
 * @param action what is reported for it
 */
public record DsnRecipient(RecipientState state, DsnAction action) {

    public DsnRecipient {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(action, "action");
        if (state.last().isEmpty()) {
            throw new IllegalArgumentException("a reported recipient needs an outcome");
        }
    }
}
