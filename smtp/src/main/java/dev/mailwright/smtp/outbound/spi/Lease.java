package dev.mailwright.smtp.outbound.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * A claim on a queued message: while the lease runs, only its owner delivers the message.
 * A lease that has run out is free for any delivery process to claim again, which is how a
 * crashed node's work is picked up by another.
 *
 * @param owner the claiming process, unique per process instance
 * @param expires when the claim lapses unless renewed
 */
public record Lease(String owner, Instant expires) {

    public Lease {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(expires, "expires");
        if (owner.isBlank()) {
            throw new IllegalArgumentException("lease owner must not be blank");
        }
    }

    /** Whether the lease still holds at {@code now}. */
    public boolean isHeldAt(Instant now) {
        return now.isBefore(expires);
    }
}
