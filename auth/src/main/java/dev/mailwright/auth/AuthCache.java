package dev.mailwright.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Parsed DNS records kept for their TTL, so that a busy host does not parse the same SPF record,
 * DKIM key or DMARC record for every message. Decoding an RSA public key costs about as much as
 * verifying a signature with it, so caching keys keeps verification cost where it belongs.
 *
 * <p>Entries are keyed by what they hold (the record type) and the DNS name they came from. Only
 * definite answers are kept (records, NXDOMAIN, no data), never temporary failures. One instance
 * may be shared by several verifiers and threads; nothing is shared between instances.
 */
public final class AuthCache {

    private static final AuthCache DISABLED = new AuthCache(null, Duration.ZERO);

    private final Cache<Key, Entry> cache;
    private final Duration maxTtl;

    private AuthCache(Cache<Key, Entry> cache, Duration maxTtl) {
        this.cache = cache;
        this.maxTtl = maxTtl;
    }

    /**
     * A cache of at most {@code maxEntries} records, each kept for its DNS TTL but never longer
     * than {@code maxTtl}.
     *
     * @throws IllegalArgumentException if {@code maxEntries} is not positive or {@code maxTtl} is negative
     */
    public static AuthCache create(long maxEntries, Duration maxTtl) {
        return create(maxEntries, maxTtl, Ticker.systemTicker());
    }

    /** As {@link #create(long, Duration)}, with the time source given, for tests. */
    public static AuthCache create(long maxEntries, Duration maxTtl, Ticker ticker) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("cache maxEntries must be positive: " + maxEntries);
        }
        Objects.requireNonNull(maxTtl, "maxTtl");
        if (maxTtl.isNegative()) {
            throw new IllegalArgumentException("cache maxTtl must not be negative: " + maxTtl);
        }
        Cache<Key, Entry> cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(Objects.requireNonNull(ticker, "ticker"))
                // Maintenance is a few map operations; doing it inline keeps it off shared pools.
                .executor(Runnable::run)
                .expireAfter(Expiry.creating((Key key, Entry entry) -> entry.ttl()))
                .build();
        return new AuthCache(cache, maxTtl);
    }

    /** A cache that keeps nothing: every lookup goes to the resolver. */
    public static AuthCache disabled() {
        return DISABLED;
    }

    /** Whether this cache keeps anything. */
    public boolean isEnabled() {
        return cache != null;
    }

    /**
     * The value of {@code type} cached for {@code name}, or null.
     *
     * @param <T> the type of value
     */
    public <T> T get(Class<T> type, String name) {
        if (cache == null) {
            return null;
        }
        Entry entry = cache.getIfPresent(new Key(type, normalize(name)));
        return entry == null ? null : type.cast(entry.value());
    }

    /** Keeps {@code value} for {@code name} for {@code ttl}, capped by this cache's maximum; zero keeps nothing. */
    public <T> void put(Class<T> type, String name, T value, Duration ttl) {
        if (cache == null || ttl.isZero() || ttl.isNegative() || maxTtl.isZero()) {
            return;
        }
        Duration kept = ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
        cache.put(new Key(type, normalize(name)), new Entry(type.cast(value), kept));
    }

    /** The number of entries held now (approximate, as Caffeine counts). */
    public long size() {
        return cache == null ? 0 : cache.estimatedSize();
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    @Override
    public String toString() {
        return cache == null ? "AuthCache[disabled]" : "AuthCache[" + cache.estimatedSize() + " entries]";
    }

    private record Key(Class<?> type, String name) {
    }

    private record Entry(Object value, Duration ttl) {
    }
}
