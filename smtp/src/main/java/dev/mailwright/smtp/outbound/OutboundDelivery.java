package dev.mailwright.smtp.outbound;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.smtp.outbound.internal.Engine;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.time.Clock;
import javax.net.ssl.X509TrustManager;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.smtp.outbound.mtasts.InMemoryMtaStsPolicyStore;
import dev.mailwright.smtp.outbound.mtasts.PolicyFetcher;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.OutboundTransport;
import dev.mailwright.smtp.outbound.transport.SmtpClientTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound mail: a durable queue and the deliveries that empty it, the job of Postfix's queue
 * manager and SMTP client. Hand it messages as a {@link DeliveryTarget}: {@link #deliver} signs
 * them (if a signer is configured), writes them to the queue storage durably and answers 250 for
 * every recipient; delivery then runs in the background after {@link #start()}.
 *
 * <p>Each message is delivered per destination domain: MX lookup (RFC 5321 §5.1), DANE (RFC 7672)
 * or MTA-STS (RFC 8461) where the domain publishes them, opportunistic STARTTLS otherwise,
 * REQUIRETLS (RFC 8689) honoured; or all through a {@link Smarthost}. Deferred recipients are
 * retried on the {@link RetrySchedule}; failed ones, and those still pending when the queue
 * lifetime ends, are reported to the sender in a DSN (RFC 3464).
 *
 * <p>Build one with {@link #builder()}; see {@link Builder} for every setting and the testing knobs.
 */
public final class OutboundDelivery implements DeliveryTarget, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboundDelivery.class);

    private final Engine.Config config;
    private final MessageSigner signer;
    private final Duration shutdownGrace;
    private final Engine engine;

    private OutboundDelivery(Engine.Config config, MessageSigner signer, Duration shutdownGrace) {
        this.config = config;
        this.signer = signer;
        this.shutdownGrace = shutdownGrace;
        this.engine = new Engine(config, this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Queues the message for every recipient. Durable on return: each recipient gets
     * {@code 250 2.0.0 queued as <id>}, or {@code 451 4.3.0} if the queue could not store it.
     */
    @Override
    public DeliveryResult deliver(Envelope envelope, MessageContent content) {
        if (envelope.recipients().isEmpty()) {
            return new DeliveryResult(List.of());
        }
        try {
            MessageContent signed = content;
            byte[] signature = sign(envelope, content);
            if (signature.length > 0) {
                signed = content.prepend(signature);
            }
            QueuedMessage queued = engine.enqueue(envelope, signed);
            log.info("queued {} from <{}> for {} recipients, {} bytes", queued.id(),
                    envelope.sender().map(Object::toString).orElse(""), envelope.recipients().size(), queued.size());
            return new DeliveryResult(envelope.recipientAddresses().stream()
                    .map(r -> new RecipientResult(r, RecipientResult.Status.ACCEPTED, 250, "2.0.0",
                            "queued as " + queued.id()))
                    .toList());
        } catch (QueueException e) {
            log.error("cannot queue a message: {}", e.getMessage());
            return new DeliveryResult(envelope.recipientAddresses().stream()
                    .map(r -> RecipientResult.temporaryFailure(r, 451, "4.3.0", "queue unavailable, try again later"))
                    .toList());
        }
    }

    /**
     * The signer's header fields; a message the signer cannot handle (e.g. a malformed header
     * section) goes out unsigned rather than not at all.
     */
    private byte[] sign(Envelope envelope, MessageContent content) {
        try {
            return signer.sign(envelope, content);
        } catch (IOException | RuntimeException e) {
            log.warn("message from <{}> queued unsigned: {}", envelope.sender().map(Object::toString).orElse(""),
                    e.getMessage());
            return new byte[0];
        }
    }

    /** Starts delivering: in-flight messages of an earlier run are due again at once. */
    public void start() {
        engine.start();
    }

    /** Stops delivering; deliveries still running after the grace period are resumed on the next start. */
    public void stop() {
        engine.stop(shutdownGrace);
    }

    /** Stops delivering and closes the queue storage. */
    @Override
    public void close() {
        stop();
        config.storage().close();
    }

    /** Makes every queued message due now and wakes the deliveries; returns how many. */
    public int flush() {
        int count = config.storage().reschedule(config.clock().instant());
        engine.wakeUp();
        return count;
    }

    /** Visits every queued message. */
    public void forEach(Consumer<QueuedMessage> visitor) {
        config.storage().forEach(visitor);
    }

    /** Every queued message; for small queues and tests, {@link #forEach} otherwise. */
    public List<QueuedMessage> list() {
        List<QueuedMessage> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }

    /** One queued message. */
    public Optional<QueuedMessage> find(String id) {
        return config.storage().find(id);
    }

    /** Removes a message from the queue without notifying anyone. */
    public boolean remove(String id) {
        return config.storage().remove(id);
    }

    /** How many messages are being delivered right now. */
    public int inFlight() {
        return engine.inFlight();
    }

    /** The queue storage. */
    public QueueStorage storage() {
        return config.storage();
    }

    /** When the queue's earliest message is due, if it holds any that are not in flight. */
    public Optional<Instant> nextDue() {
        return config.storage().nextDue();
    }

    @Override
    public String toString() {
        return "OutboundDelivery[" + config.storage() + "]";
    }

    /**
     * The settings of an {@link OutboundDelivery}. Required: {@link #queue} and {@link #heloName}.
     * Everything else has a default fit for production.
     *
     * <h2>Testing knobs</h2>
     * Two settings exist so that two Mailwright instances on one machine can deliver to each other
     * through real MX lookups, and so that tests never touch the network:
     * <ul>
     * <li>{@link #remotePort(int)}: connect to MX hosts on this port instead of 25;</li>
     * <li>{@link #dns(DnsResolver)}: the resolver for MX, address, TLSA and MTA-STS lookups, e.g. a
     *     {@code ZoneFileResolver} or a {@code DnsjavaResolver} pointed at a loopback DNS server.
     *     DANE trusts the AD bit of this resolver's answers, so in production it must be a validating
     *     resolver on a trusted path (loopback);</li>
     * <li>{@link #mtaStsPort(int)} and {@link #trust(X509TrustManager)}: where MTA-STS policies are
     *     fetched and which anchors validate certificates, for a loopback HTTPS server with a test
     *     certificate.</li>
     * </ul>
     */
    public static final class Builder {
        private QueueStorage queue;
        private DnsResolver dns;
        private OutboundTransport transport;
        private String heloName;
        private int deliveryThreads = 4;
        private int perDomainConcurrency = 4;
        private int maxInFlight = 100;
        private RetrySchedule retrySchedule = RetrySchedule.DEFAULT;
        private Duration pollInterval = Duration.ofSeconds(30);
        private Duration leaseTime = Duration.ofMinutes(30);
        private String owner;
        private boolean mtaSts = true;
        private MtaStsPolicyStore mtaStsStore;
        private PolicyFetcher mtaStsFetcher;
        private int mtaStsPort = 443;
        private X509TrustManager trust;
        private boolean dane = true;
        private Smarthost smarthost;
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random;
        private int remotePort = 25;
        private DeliveryTarget bounceTarget;
        private Duration delayWarning;
        private long maxReturnedSize = 256 * 1024;
        private MessageSigner signer = MessageSigner.NONE;
        private Duration shutdownGrace = Duration.ofSeconds(10);

        Builder() {
        }

        /** Where messages wait (required), e.g. {@code FileQueueStorage.open(dir)}; closed by {@link #close()}. */
        public Builder queue(QueueStorage queue) {
            this.queue = Objects.requireNonNull(queue, "queue");
            return this;
        }

        /** The resolver for every lookup (default: the system's). A testing knob; see the class notes. */
        public Builder dns(DnsResolver dns) {
            this.dns = Objects.requireNonNull(dns, "dns");
            return this;
        }

        /** Runs the SMTP sessions (default: an {@link SmtpClientTransport} with RFC 5321 timeouts). */
        public Builder transport(OutboundTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** This host's name for EHLO, the Reporting-MTA of DSNs and their From address (required). */
        public Builder heloName(String heloName) {
            this.heloName = Objects.requireNonNull(heloName, "heloName");
            return this;
        }

        /** How many deliveries run at once in all (default 4). */
        public Builder deliveryThreads(int threads) {
            this.deliveryThreads = threads;
            return this;
        }

        /** How many deliveries to one destination domain run at once (default 4). */
        public Builder perDomainConcurrency(int limit) {
            this.perDomainConcurrency = limit;
            return this;
        }

        /** How many messages are claimed from the queue at once (default 100). */
        public Builder maxInFlight(int limit) {
            this.maxInFlight = limit;
            return this;
        }

        /** Retry delays and queue lifetime (default {@link RetrySchedule#DEFAULT}). */
        public Builder retrySchedule(RetrySchedule schedule) {
            this.retrySchedule = Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** The longest the scheduler sleeps before looking at the queue again (default 30 s). */
        public Builder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** How long a claimed message stays leased to this process (default 30 min). */
        public Builder leaseTime(Duration leaseTime) {
            this.leaseTime = Objects.requireNonNull(leaseTime, "leaseTime");
            return this;
        }

        /** The lease owner id, unique per process (default: the EHLO name and a random suffix). */
        public Builder owner(String owner) {
            this.owner = Objects.requireNonNull(owner, "owner");
            return this;
        }

        /** Whether MTA-STS policies are looked up and applied (default true). */
        public Builder mtaSts(boolean enabled) {
            this.mtaSts = enabled;
            return this;
        }

        /** Where MTA-STS policies are cached (default: in memory; use a FileMtaStsPolicyStore to keep them across restarts). */
        public Builder mtaStsStore(MtaStsPolicyStore store) {
            this.mtaStsStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /** How MTA-STS policies are fetched (default: HTTPS through {@link #dns}). */
        public Builder mtaStsFetcher(PolicyFetcher fetcher) {
            this.mtaStsFetcher = Objects.requireNonNull(fetcher, "fetcher");
            return this;
        }

        /** The HTTPS port of MTA-STS policy hosts (default 443). A testing knob. */
        public Builder mtaStsPort(int port) {
            this.mtaStsPort = port;
            return this;
        }

        /** The PKIX trust anchors for MTA-STS, REQUIRETLS and smarthost checks (default: the JDK's). A testing knob. */
        public Builder trust(X509TrustManager trust) {
            this.trust = Objects.requireNonNull(trust, "trust");
            return this;
        }

        /** Whether DANE TLSA records are looked up and enforced (default true). */
        public Builder dane(boolean enabled) {
            this.dane = enabled;
            return this;
        }

        /** Sends all mail through this relay instead of MX hosts (default: none). */
        public Builder smarthost(Smarthost smarthost) {
            this.smarthost = smarthost;
            return this;
        }

        /** The time source for scheduling, leases and expiry (default: the system UTC clock). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for MX shuffling and retry jitter (default: a fresh SplittableRandom). */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** The port of remote MX hosts (default 25). A testing knob; see the class notes. */
        public Builder remotePort(int port) {
            this.remotePort = port;
            return this;
        }

        /** Where DSNs go (default: this queue), e.g. a pipeline that delivers local senders' bounces locally. */
        public Builder bounceTarget(DeliveryTarget target) {
            this.bounceTarget = Objects.requireNonNull(target, "target");
            return this;
        }

        /** Sends a delay notice once a message has waited this long (default: never). */
        public Builder delayWarning(Duration after) {
            this.delayWarning = Objects.requireNonNull(after, "after");
            return this;
        }

        /** The largest message a DSN returns whole under RET=FULL (default 256 KiB); larger ones return headers. */
        public Builder maxReturnedSize(long bytes) {
            this.maxReturnedSize = bytes;
            return this;
        }

        /** Signs messages before they are queued (default: none), e.g. DKIM for local domains. */
        public Builder signer(MessageSigner signer) {
            this.signer = Objects.requireNonNull(signer, "signer");
            return this;
        }

        /** How long {@link #stop()} waits for running deliveries (default 10 s). */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /**
         * Validates the settings and builds the delivery (not started).
         *
         * @throws IllegalStateException naming the first missing or inconsistent setting
         */
        public OutboundDelivery build() {
            require(queue != null, "outbound queue storage is required");
            require(heloName != null && heloName.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?"),
                    "outbound heloName must be a host name");
            require(deliveryThreads >= 1 && deliveryThreads <= 1000, "deliveryThreads must be 1 to 1000");
            require(perDomainConcurrency >= 1 && perDomainConcurrency <= 1000, "perDomainConcurrency must be 1 to 1000");
            require(maxInFlight >= 1 && maxInFlight <= 100_000, "maxInFlight must be 1 to 100000");
            require(!pollInterval.isNegative() && !pollInterval.isZero(), "pollInterval must be positive");
            require(leaseTime.compareTo(Duration.ofMinutes(1)) >= 0, "leaseTime must be at least a minute");
            require(remotePort >= 1 && remotePort <= 65535, "remotePort must be 1 to 65535");
            require(mtaStsPort >= 1 && mtaStsPort <= 65535, "mtaStsPort must be 1 to 65535");
            require(maxReturnedSize >= 0, "maxReturnedSize must not be negative");
            require(delayWarning == null || (!delayWarning.isNegative() && !delayWarning.isZero()),
                    "delayWarning must be positive");
            DnsResolver resolver = dns != null ? dns : DnsResolver.system();
            String lessee = owner != null ? owner
                    : heloName + "-" + Long.toString(new SplittableRandom().nextLong() >>> 1, 36);
            Engine.Config config = new Engine.Config(queue, resolver,
                    transport != null ? transport : new SmtpClientTransport(), heloName, deliveryThreads,
                    perDomainConcurrency, maxInFlight, retrySchedule, pollInterval, leaseTime, lessee, mtaSts,
                    mtaStsStore != null ? mtaStsStore : new InMemoryMtaStsPolicyStore(),
                    Optional.ofNullable(mtaStsFetcher), mtaStsPort, trust != null ? trust : Engine.systemTrust(), dane,
                    Optional.ofNullable(smarthost), clock, random != null ? random : new SplittableRandom(),
                    remotePort, Optional.ofNullable(bounceTarget), Optional.ofNullable(delayWarning), maxReturnedSize);
            return new OutboundDelivery(config, signer, shutdownGrace);
        }

        private static void require(boolean condition, String message) {
            if (!condition) {
                throw new IllegalStateException(message);
            }
        }
    }
}
