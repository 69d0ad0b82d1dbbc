package dev.mailwright.smtp.outbound;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * When a deferred message is tried again: an exponential back-off with a real factor, capped,
 * with random jitter so that a burst of deferrals does not come back as one burst, and a queue
 * lifetime after which the message is returned to its sender.
 *
 * <p>The defaults follow Postfix ({@code minimal_backoff_time} 300s, {@code maximal_backoff_time}
 * 4000s, {@code maximal_queue_lifetime} 5d) with a factor of 2: 5, 10, 20, 40 minutes, then every
 * 66 minutes and 40 seconds until five days have passed.
 *
 * @param initial the delay before the first retry
 * @param factor how much each delay grows over the previous one; at least 1
 * @param maximum the longest delay between two attempts
 * @param lifetime how long a message may stay queued before it is bounced
 * @param jitter the fraction by which a delay is varied at random, 0 to 0.5
 */
public record RetrySchedule(Duration initial, double factor, Duration maximum, Duration lifetime, double jitter) {

    /** Postfix-like: 5 minutes doubling up to 4000 seconds, five days, ±10%. */
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofMinutes(5), 2.0,
            Duration.ofSeconds(4000), Duration.ofDays(5), 0.1);

    public RetrySchedule {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maximum, "maximum");
        Objects.requireNonNull(lifetime, "lifetime");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("retry initial delay must be positive: " + initial);
        }
        if (!(factor >= 1.0) || Double.isInfinite(factor)) {
            throw new IllegalArgumentException("retry factor must be at least 1: " + factor);
        }
        if (maximum.compareTo(initial) < 0) {
            throw new IllegalArgumentException("retry maximum delay " + maximum + " is below the initial " + initial);
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("queue lifetime must be positive: " + lifetime);
        }
        if (!(jitter >= 0 && jitter <= 0.5)) {
            throw new IllegalArgumentException("retry jitter must be between 0 and 0.5: " + jitter);
        }
    }

    /**
     * The delay after the {@code attempts}-th failed attempt (1 for the first), before jitter:
     * {@code min(maximum, initial * factor^(attempts-1))}.
     */
    public Duration baseDelay(int attempts) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
        double seconds = initial.toMillis() / 1000.0 * Math.pow(factor, attempts - 1);
        long millis = seconds * 1000.0 >= maximum.toMillis() ? maximum.toMillis() : Math.round(seconds * 1000.0);
        return Duration.ofMillis(millis);
    }

    /** The delay after the {@code attempts}-th failed attempt, varied by up to ±jitter. */
    public Duration delay(int attempts, RandomGenerator random) {
        Duration base = baseDelay(attempts);
        if (jitter == 0) {
            return base;
        }
        double scale = 1.0 + jitter * (2.0 * random.nextDouble() - 1.0);
        return Duration.ofMillis(Math.max(1, Math.round(base.toMillis() * scale)));
    }
}
