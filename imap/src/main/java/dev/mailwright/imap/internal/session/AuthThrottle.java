package dev.mailwright.imap.internal.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failed logins per client address, and how long to wait before answering the next one:
 * the first delay doubles with each failure up to a maximum, and the count is forgotten
 * after a quiet period. Guessing passwords from one address thus gets slower and slower,
 * while the connection's worker never sleeps (the answer is scheduled).
 */
public final class AuthThrottle {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(15);

    private final Duration first;
    private final Duration max;
    private final Cache<InetAddress, AtomicInteger> failures = Caffeine.newBuilder()
            .expireAfterWrite(FORGET_AFTER)
            .maximumSize(100_000)
            .build();

    public AuthThrottle(Duration first, Duration max) {
        this.first = first;
        this.max = max;
    }

    /** Records a failure and returns how long to wait before answering it. */
    public Duration failed(InetAddress address) {
        AtomicInteger count = failures.asMap().compute(address, (a, n) -> {
            AtomicInteger next = n == null ? new AtomicInteger() : n;
            next.incrementAndGet();
            return next;
        });
        return delayFor(count.get());
    }

    /** The delay after the {@code n}th failure: first × 2^(n-1), at most the maximum. */
    Duration delayFor(int n) {
        int shift = Math.min(n - 1, 30);
        long millis = first.toMillis() << shift;
        if (millis < 0 || millis > max.toMillis() || (first.toMillis() != 0 && millis >> shift != first.toMillis())) {
            return max;
        }
        return Duration.ofMillis(millis);
    }

    /** Failures recorded for an address within the window. */
    public int failures(InetAddress address) {
        AtomicInteger n = failures.getIfPresent(address);
        return n == null ? 0 : n.get();
    }
}
