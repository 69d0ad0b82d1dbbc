package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.smtp.outbound.RetrySchedule;
import dev.mailwright.smtp.outbound.Smarthost;
import dev.mailwright.smtp.outbound.mtasts.HttpsPolicyFetcher;
import dev.mailwright.smtp.outbound.mtasts.MtaStsResolver;
import dev.mailwright.smtp.outbound.mtasts.PolicyFetcher;
import dev.mailwright.smtp.outbound.route.MxRouter;
import dev.mailwright.smtp.outbound.spi.MtaStsPolicyStore;
import dev.mailwright.smtp.outbound.spi.OutboundTransport;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import dev.mailwright.smtp.outbound.tls.PkixHostTrustManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import javax.net.ssl.X509TrustManager;

/** Wires the outbound parts together from validated settings. Internal: the public face is OutboundDelivery. */
public final class Engine {

    /** Validated settings; see OutboundDelivery.Builder for what each means. */
    public record Config(QueueStorage storage, DnsResolver dns, OutboundTransport transport, String heloName,
                         int deliveryThreads, int perDomainConcurrency, int maxInFlight, RetrySchedule retrySchedule,
                         Duration pollInterval, Duration leaseTime, String owner, boolean mtaSts,
                         MtaStsPolicyStore mtaStsStore, Optional<PolicyFetcher> mtaStsFetcher, int mtaStsPort,
                         X509TrustManager trust, boolean dane, Optional<Smarthost> smarthost, Clock clock,
                         RandomGenerator random, int remotePort, Optional<DeliveryTarget> bounceTarget,
                         Optional<Duration> delayWarning, long maxReturnedSize) {
    }

    private final QueueRunner runner;

    /**
     * @param config the settings
     * @param self the public delivery object, which takes DSNs unless another bounce target is set
     */
    public Engine(Config config, DeliveryTarget self) {
        Optional<MtaStsResolver> mtaSts = Optional.empty();
        if (config.mtaSts() && config.smarthost().isEmpty()) {
            PolicyFetcher fetcher = config.mtaStsFetcher().orElseGet(() -> new HttpsPolicyFetcher(config.dns(),
                    config.trust(), config.mtaStsPort(), Duration.ofSeconds(20)));
            mtaSts = Optional.of(new MtaStsResolver(config.dns(), fetcher, config.mtaStsStore(), config.clock()));
        }
        Optional<Relay> relay = config.smarthost().map(s -> new Relay(s.host(), s.port(),
                new TlsPolicy(s.implicitTls() ? TlsPolicy.Mode.IMPLICIT : TlsPolicy.Mode.REQUIRED,
                        new PkixHostTrustManager(config.trust(), List.of(s.host())),
                        TlsOutcome.Policy.SMARTHOST, TlsOutcome.Security.PKIX),
                s.credentials()));
        DomainDelivery delivery = new DomainDelivery(config.dns(), new MxRouter(config.dns(), config.random()), mtaSts,
                new SecurityPlanner(config.dns(), config.trust(), config.dane(), config.clock()), config.transport(),
                relay, config.heloName(), config.remotePort(), config.clock());
        DeliveryTarget bounces = config.bounceTarget().orElse(self);
        Notifier notifier = new Notifier(config.heloName(), config.storage(), () -> bounces, config.maxReturnedSize(),
                config.delayWarning().isPresent());
        MessageRun.Context context = new MessageRun.Context(config.storage(), delivery, config.retrySchedule(),
                config.clock(), config.random(), notifier, config.delayWarning());
        this.runner = new QueueRunner(config.storage(), context, config.clock(), config.deliveryThreads(),
                config.perDomainConcurrency(), config.maxInFlight(), config.pollInterval(), config.leaseTime(),
                config.owner());
    }

    /** The system's default PKIX trust anchors. */
    public static X509TrustManager systemTrust() {
        return PkixHostTrustManager.systemTrust();
    }

    public QueuedMessage enqueue(Envelope envelope, MessageContent content) {
        return runner.enqueue(envelope, content);
    }

    public void start() {
        runner.start();
    }

    public void stop(Duration grace) {
        runner.stop(grace);
    }

    public void wakeUp() {
        runner.wakeUp();
    }

    public int inFlight() {
        return runner.inFlight();
    }
}
