package dev.mailwright.smtp.spi;

import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.smtp.SmtpReply;
import java.util.Objects;

/**
 * What a session says about a message: one reply for the whole message, or one result per
 * recipient.
 *
 * <p>In LMTP (RFC 2033) every accepted recipient gets its own reply: a single reply is
 * repeated for each, per-recipient results are sent in order. In SMTP the client hears one
 * reply: 250 when any recipient was accepted, else the first failure. A session that
 * accepts a message for some recipients and not others in SMTP owes the sender a
 * non-delivery report for the others (RFC 5321 §6.1).
 */
public sealed interface DataResult {

    /** One reply for the whole message. */
    record Single(SmtpReply reply) implements DataResult {
        public Single {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** One result per recipient, in the envelope's order. */
    record PerRecipient(DeliveryResult result) implements DataResult {
        public PerRecipient {
            Objects.requireNonNull(result, "result");
        }
    }

    /** Accepted: {@code 250 2.0.0} with the engine's message id. */
    static DataResult accepted() {
        return new Single(SmtpReply.of(250, "2.0.0", "OK"));
    }

    static DataResult reply(SmtpReply reply) {
        return new Single(reply);
    }

    static DataResult perRecipient(DeliveryResult result) {
        return new PerRecipient(result);
    }
}
