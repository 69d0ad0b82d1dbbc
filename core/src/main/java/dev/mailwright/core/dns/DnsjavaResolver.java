package dev.mailwright.core.dns;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;

/**
 * Asks recursive name servers over the network with dnsjava and caches what they say.
 *
 * <p>Queries go over UDP with EDNS0 and the DO bit, so that a validating resolver reports DNSSEC
 * validation in the AD bit, and are repeated over TCP when the answer comes back truncated. The
 * AD bit is only as trustworthy as the path to the resolver: use a validating resolver on the same
 * host or a trusted network (RFC 6698 §4.1, RFC 7672 §1.3).
 *
 * <p>The cache belongs to this instance. Answers are kept for their TTL and negative answers for
 * the negative TTL of RFC 2308 §5, both capped by {@link Builder#maxTtl} and
 * {@link Builder#maxNegativeTtl}; negative answers without an SOA are not kept (RFC 2308 §5).
 * Temporary failures are kept for {@link Builder#failureTtl}, a few seconds by default: long enough
 * that a burst of messages from a domain with broken DNS does not tie up a worker per message for
 * the whole timeout, short enough that a retrying sender never meets a stale failure (RFC 2308 §7
 * allows up to five minutes). Concurrent lookups of the same question share one query.
 */
public final class DnsjavaResolver extends ChasingResolver {

    private static final Logger log = LoggerFactory.getLogger(DnsjavaResolver.class);

    private final List<InetSocketAddress> servers;
    private final Duration timeout;
    private final int retries;
    private final long cacheSize;
    private final Duration maxTtl;
    private final Duration maxNegativeTtl;
    private final Duration failureTtl;
    private final Ticker ticker;
    private final WireClient client;
    private final AsyncCache<Question, Cached> cache;
    private final long maxWaitNanos;

    private DnsjavaResolver(Builder builder) {
        this.servers = builder.servers.isEmpty() ? systemServers() : List.copyOf(builder.servers);
        this.timeout = builder.timeout;
        this.retries = builder.retries;
        this.cacheSize = builder.cacheSize;
        this.maxTtl = builder.maxTtl;
        this.maxNegativeTtl = builder.maxNegativeTtl;
        this.failureTtl = builder.failureTtl;
        this.ticker = builder.ticker;
        this.client = new WireClient(servers, timeout, retries);
        this.cache = Caffeine.newBuilder()
                .maximumSize(cacheSize)
                .ticker(ticker)
                // Maintenance is a few map operations; doing it inline keeps it off shared pools.
                .executor(Runnable::run)
                .expireAfter(Expiry.creating((Question q, Cached c) -> Duration.ofSeconds(c.lifetime())))
                .buildAsync();
        // Each attempt ends on its own timeout; this bound only guards against a future that is
        // never completed.
        this.maxWaitNanos = timeout.toNanos() * client.maxAttempts() + TimeUnit.SECONDS.toNanos(1);
    }

    /** A builder with the defaults named on each setting. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder with this resolver's settings; the new resolver starts with an empty cache. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.servers.addAll(servers);
        builder.timeout = timeout;
        builder.retries = retries;
        builder.cacheSize = cacheSize;
        builder.maxTtl = maxTtl;
        builder.maxNegativeTtl = maxNegativeTtl;
        builder.failureTtl = failureTtl;
        builder.ticker = ticker;
        return builder;
    }

    /** The servers asked, in order. */
    public List<String> servers() {
        List<String> list = new ArrayList<>(servers.size());
        for (InetSocketAddress server : servers) {
            list.add(WireClient.hostPort(server));
        }
        return List.copyOf(list);
    }

    @Override
    Reply query(Name name, int type) {
        CompletableFuture<Cached> pending = cache.get(new Question(name, type), (question, executor) -> fetch(question));
        Cached cached;
        try {
            cached = pending.get(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reply.failure("interrupted");
        } catch (TimeoutException e) {
            return Reply.failure("no answer in time");
        } catch (ExecutionException e) {
            log.warn("DNS lookup of {}/{} failed unexpectedly", name, type, e.getCause());
            return Reply.failure("internal error");
        }
        long ageSeconds = TimeUnit.NANOSECONDS.toSeconds(ticker.read() - cached.storedAt());
        return cached.reply().withTtlLimit(Math.max(0, cached.lifetime() - ageSeconds));
    }

    private CompletableFuture<Cached> fetch(Question question) {
        return client.send(question.name(), question.type())
                .thenApply(reply -> new Cached(reply, ticker.read(), lifetime(reply)));
    }

    /** How long a reply may be kept and reused, in seconds. */
    private long lifetime(Reply reply) {
        if (reply.kind() == Reply.Kind.FAILURE) {
            return failureTtl.toSeconds();
        }
        long lifetime = maxTtl.toSeconds();
        for (Record record : reply.answers()) {
            lifetime = Math.min(lifetime, record.getTTL());
        }
        boolean negative = reply.kind() == Reply.Kind.NXDOMAIN || reply.soa() != null || reply.answers().isEmpty();
        if (negative) {
            lifetime = Math.min(lifetime, Math.min(reply.negativeTtl(), maxNegativeTtl.toSeconds()));
        }
        return lifetime;
    }

    private static List<InetSocketAddress> systemServers() {
        // A fresh ResolverConfig reads the system configuration now; dnsjava's shared one is never touched.
        return List.copyOf(new ResolverConfig().servers());
    }

    @Override
    public String toString() {
        return "DnsjavaResolver" + servers();
    }

    private record Question(Name name, int type) {
    }

    private record Cached(Reply reply, long storedAt, long lifetime) {
    }

    /** Settings, validated in {@link #build()}. */
    public static final class Builder {

        private final List<InetSocketAddress> servers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(3);
        private int retries = 1;
        private long cacheSize = 10_000;
        private Duration maxTtl = Duration.ofDays(1);
        private Duration maxNegativeTtl = Duration.ofHours(1);
        private Duration failureTtl = Duration.ofSeconds(5);
        private Ticker ticker = Ticker.systemTicker();

        private Builder() {
        }

        /**
         * Adds a server to ask, as {@code 192.0.2.53}, {@code 192.0.2.53:5353}, {@code [2001:db8::53]:53}
         * or {@code 2001:db8::53}; port 53 unless given. Without any, the system's configured servers
         * are used.
         */
        public Builder server(String hostPort) {
            servers.add(WireClient.parseServer(hostPort));
            return this;
        }

        /** Replaces the servers with {@code hostPorts}, each as for {@link #server(String)}. */
        public Builder servers(List<String> hostPorts) {
            servers.clear();
            hostPorts.forEach(this::server);
            return this;
        }

        /** How long to wait for each response; default 3 seconds, at most 60. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How many more rounds over all servers after the first; default 1, at most 5. */
        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        /** How many questions the cache holds; default 10,000; 0 disables caching. */
        public Builder cacheSize(long cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        /** The longest time an answer is cached, whatever its TTL; default one day. */
        public Builder maxTtl(Duration maxTtl) {
            this.maxTtl = Objects.requireNonNull(maxTtl, "maxTtl");
            return this;
        }

        /** The longest time a negative answer is cached; default one hour. */
        public Builder maxNegativeTtl(Duration maxNegativeTtl) {
            this.maxNegativeTtl = Objects.requireNonNull(maxNegativeTtl, "maxNegativeTtl");
            return this;
        }

        /** How long a temporary failure is cached; default 5 seconds, 0 to not cache, at most 5 minutes. */
        public Builder failureTtl(Duration failureTtl) {
            this.failureTtl = Objects.requireNonNull(failureTtl, "failureTtl");
            return this;
        }

        /** The time source of the cache, for tests; default {@link Ticker#systemTicker()}. */
        public Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        /**
         * The resolver.
         *
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public DnsjavaResolver build() {
            if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("dns timeout must be between 1 ms and 60 s: " + timeout);
            }
            if (retries < 0 || retries > 5) {
                throw new IllegalArgumentException("dns retries must be between 0 and 5: " + retries);
            }
            if (cacheSize < 0) {
                throw new IllegalArgumentException("dns cacheSize must not be negative: " + cacheSize);
            }
            if (maxTtl.isNegative()) {
                throw new IllegalArgumentException("dns maxTtl must not be negative: " + maxTtl);
            }
            if (maxNegativeTtl.isNegative()) {
                throw new IllegalArgumentException("dns maxNegativeTtl must not be negative: " + maxNegativeTtl);
            }
            if (failureTtl.isNegative() || failureTtl.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException("dns failureTtl must be between 0 and 5 minutes: " + failureTtl);
            }
            return new DnsjavaResolver(this);
        }
    }
}
