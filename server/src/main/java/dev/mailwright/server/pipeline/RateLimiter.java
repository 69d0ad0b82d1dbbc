package dev.mailwright.server.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Messages per client address per hour, as a token bucket that refills evenly: a client may
 * burst up to the hourly allowance, then gets one message per {@code 3600/limit} seconds.
 * Memory is bounded: idle addresses are forgotten.
 */
public final class RateLimiter {

    private final int perHour;
    private final Ticker ticker;
    private final Cache<InetAddress, Bucket> buckets;

    /** @param perHour messages per hour per address; 0 means unlimited */
    public RateLimiter(int perHour, Ticker ticker) {
        this.perHour = perHour;
        this.ticker = ticker;
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofHours(2)).ticker(ticker).build();
    }

    /** Takes one message from the address's allowance; false when none is left. */
    public boolean tryAcquire(InetAddress client) {
        if (perHour <= 0) {
            return true;
        }
        Bucket bucket = buckets.get(client, a -> new Bucket(perHour, ticker.read()));
        synchronized (bucket) {
            long now = ticker.read();
            double refill = (now - bucket.updated) / 3_600_000_000_000.0 * perHour;
            bucket.tokens = Math.min(perHour, bucket.tokens + refill);
            bucket.updated = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }
}
