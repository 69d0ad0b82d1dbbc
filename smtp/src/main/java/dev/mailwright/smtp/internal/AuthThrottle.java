package dev.mailwright.smtp.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts failed AUTH attempts per client address and says how long to hold back the next
 * failure reply: nothing for the first, then doubling up to a maximum. Entries are forgotten
 * after a quiet period. A success does not reset the count, so that an attacker with one
 * valid account cannot wipe the record of guesses at others. Thread-safe.
 */
public final class AuthThrottle {

    private final Cache<InetAddress, AtomicInteger> failures;
    private final Duration firstDelay;
    private final Duration maxDelay;

    /**
     * @param firstDelay the delay after the second failure from an address
     * @param maxDelay the longest delay
     * @param forgetAfter how long an address must stay quiet before its count is forgotten
     */
    public AuthThrottle(Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
        this.firstDelay = firstDelay;
        this.maxDelay = maxDelay;
        this.failures = Caffeine.newBuilder().expireAfterAccess(forgetAfter).maximumSize(100_000).build();
    }

    /** Records a failure and returns how long to delay its reply. */
    public Duration failed(InetAddress address) {
        int count = failures.get(address, a -> new AtomicInteger()).incrementAndGet();
        return delayFor(count);
    }

    /** Failures recorded for an address. */
    public int failures(InetAddress address) {
        AtomicInteger count = failures.getIfPresent(address);
        return count == null ? 0 : count.get();
    }

    /** The delay for the {@code count}-th failure: 0, first, 2×first, 4×first, … up to the maximum. */
    Duration delayFor(int count) {
        if (count <= 1 || firstDelay.isZero()) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - 2, 30);
        long millis = firstDelay.toMillis() << doublings;
        if (millis <= 0 || millis > maxDelay.toMillis()) {
            return maxDelay;
        }
        return Duration.ofMillis(millis);
    }
}
