package dev.mailwright.core.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins per client address, and how long to hold back the answer to the next one:
 * the first failure costs {@code first}, each further one twice the one before, up to
 * {@code max}. An address's count is forgotten once it has been quiet for a while. A success
 * does not reset it, so an attacker who knows one password cannot wipe the record of guesses
 * at other accounts.
 *
 * <p>One instance given to both the SMTP and the IMAP server counts guesses over both
 * protocols together, so alternating between them gains an attacker nothing. Engines wait
 * out the delay by scheduling the reply, never by sleeping on a worker. Thread-safe.
 */
public final class LoginThrottle {

    /** How long an address must stay quiet before its count is forgotten, by default. */
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(15);

    private final Duration first;
    private final Duration max;
    private final Cache<InetAddress, AtomicInteger> failures;

    /** A throttle that forgets an address after {@link #DEFAULT_FORGET_AFTER} of quiet. */
    public LoginThrottle(Duration first, Duration max) {
        this(first, max, DEFAULT_FORGET_AFTER);
    }

    /**
     * @param first the delay of the first failure; zero turns delays off
     * @param max the longest delay
     * @param forgetAfter how long an address must stay quiet before its count is forgotten
     * @throws IllegalArgumentException if {@code first} is negative, {@code max} below it, or
     *         {@code forgetAfter} not positive
     */
    public LoginThrottle(Duration first, Duration max, Duration forgetAfter) {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(forgetAfter, "forgetAfter");
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("login failure delay: first must not be negative and max must be at least first");
        }
        if (forgetAfter.isNegative() || forgetAfter.isZero()) {
            throw new IllegalArgumentException("forgetAfter must be positive: " + forgetAfter);
        }
        this.first = first;
        this.max = max;
        this.failures = Caffeine.newBuilder().expireAfterWrite(forgetAfter).maximumSize(100_000).build();
    }

    /** Records a failed login from {@code address} and returns how long to delay its answer. */
    public Duration failed(InetAddress address) {
        // A write, so that each failure (and only a failure) starts the quiet period again.
        AtomicInteger count = failures.asMap().compute(address, (a, n) -> {
            AtomicInteger next = n == null ? new AtomicInteger() : n;
            next.incrementAndGet();
            return next;
        });
        return delayFor(count.get());
    }

    /** Failed logins recorded for {@code address}. */
    public int failures(InetAddress address) {
        AtomicInteger count = failures.getIfPresent(address);
        return count == null ? 0 : count.get();
    }

    /** The delay for the {@code count}-th failure: first × 2^(count-1), at most the maximum. */
    Duration delayFor(int count) {
        if (first.isZero() || count < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(count - 1, 30);
        long millis = first.toMillis();
        if (millis > max.toMillis() >> doublings) {
            return max;
        }
        return Duration.ofMillis(millis << doublings);
    }
}
