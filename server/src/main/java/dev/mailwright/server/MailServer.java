package dev.mailwright.server;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.auth.EmailAuthenticator;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsjavaResolver;
import dev.mailwright.core.io.PrivateDirectory;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.core.user.FileUserDirectory;
import dev.mailwright.core.user.LoginThrottle;
import dev.mailwright.core.user.UserDirectory;
import dev.mailwright.imap.ImapServer;
import dev.mailwright.postgres.PostgresDatabase;
import dev.mailwright.postgres.PostgresUserDirectory;
import dev.mailwright.server.config.ConfigException;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.server.pipeline.MailPipeline;
import dev.mailwright.smtp.SmtpServer;
import dev.mailwright.smtp.outbound.OutboundDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled mail server: SMTP MX, submission (STARTTLS and implicit TLS), LMTP and IMAP
 * listeners over one mail store and one user directory, with inbound checks, address
 * rewriting, local delivery, DKIM signing and the outbound queue. Built from a
 * {@link MailwrightConfig}; a host may replace the store, the user directory, the DNS
 * resolver, the TLS material and the clock.
 *
 * <pre>{@code
 * MailServer server = MailServer.builder(MailwrightConfig.load(Path.of("mailwright.toml"))).build();
 * server.start();
 * ...
 * server.stop(Duration.ofSeconds(30));
 * }</pre>
 */
public final class MailServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MailServer.class);

    private final MailwrightConfig config;
    private final MailStore store;
    private final UserDirectory users;
    private final OutboundDelivery outbound;
    private final Map<String, SmtpServer> smtp;
    private final Optional<ImapServer> imap;
    private final List<AutoCloseable> owned;
    private volatile boolean started;

    private MailServer(MailwrightConfig config, MailStore store, UserDirectory users, OutboundDelivery outbound,
            Map<String, SmtpServer> smtp, Optional<ImapServer> imap, List<AutoCloseable> owned) {
        this.config = config;
        this.store = store;
        this.users = users;
        this.outbound = outbound;
        this.smtp = smtp;
        this.imap = imap;
        this.owned = owned;
    }

    public static Builder builder(MailwrightConfig config) {
        return new Builder(config);
    }

    public MailwrightConfig config() {
        return config;
    }

    public MailStore store() {
        return store;
    }

    public UserDirectory users() {
        return users;
    }

    public OutboundDelivery outbound() {
        return outbound;
    }

    /** Binds every listener and starts the outbound queue. */
    public synchronized void start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        outbound.start();
        try {
            for (SmtpServer server : smtp.values()) {
                server.start();
            }
            if (imap.isPresent()) {
                imap.get().start();
            }
        } catch (IOException | RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
        started = true;
        log.info("mail server {} started for {}", config.hostname(), String.join(", ", config.domains()));
    }

    /**
     * The bound addresses of each kind of listener: {@code smtp}, {@code submission},
     * {@code submission-tls}, {@code lmtp}, {@code imap}, {@code imap-tls}; the real ports
     * when port 0 was configured.
     */
    public Map<String, List<InetSocketAddress>> addresses() {
        Map<String, List<InetSocketAddress>> out = new LinkedHashMap<>();
        smtp.forEach((name, server) -> {
            for (InetSocketAddress address : server.addresses()) {
                out.computeIfAbsent(name, k -> new ArrayList<>()).add(address);
            }
        });
        imap.ifPresent(server -> {
            List<InetSocketAddress> bound = server.addresses();
            // The IMAP server binds its listeners in the order they were added: imap, then imap-tls.
            List<String> kinds = Listeners.imapKinds(config);
            for (int i = 0; i < bound.size(); i++) {
                out.computeIfAbsent(kinds.get(i), k -> new ArrayList<>()).add(bound.get(i));
            }
        });
        return out;
    }

    /** The first bound address of a kind of listener. */
    public InetSocketAddress address(String kind) {
        List<InetSocketAddress> bound = addresses().get(kind);
        if (bound == null || bound.isEmpty()) {
            throw new IllegalArgumentException("no " + kind + " listener");
        }
        return bound.get(0);
    }

    /**
     * Stops accepting connections, lets sessions and deliveries in flight finish for up to
     * {@code grace}, then closes everything.
     */
    public synchronized void stop(Duration grace) {
        // Every listener drains at once, so the grace period is not spent once per listener.
        List<Thread> stopping = new ArrayList<>();
        for (SmtpServer server : smtp.values()) {
            stopping.add(startThread("stop-" + server, () -> server.stop(grace)));
        }
        imap.ifPresent(server -> stopping.add(startThread("stop-imap", () -> server.stop(grace))));
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        outbound.stop();
        for (AutoCloseable resource : owned) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", resource, e.toString());
            }
        }
        started = false;
        log.info("mail server {} stopped", config.hostname());
    }

    private static Thread startThread(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** Builds a server from its configuration, with optional replacements for its parts. */
    public static final class Builder {
        private final MailwrightConfig config;
        private MailStore store;
        private UserDirectory users;
        private DnsResolver dns;
        private ServerTls tls;
        private Clock clock = Clock.systemUTC();
        private Function<OutboundDelivery.Builder, OutboundDelivery.Builder> outboundSettings = Function.identity();

        private Builder(MailwrightConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** The mail store (default: Maildir under the data directory). */
        public Builder store(MailStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** The accounts (default: the users file under the data directory). */
        public Builder users(UserDirectory users) {
            this.users = Objects.requireNonNull(users, "users");
            return this;
        }

        /** The DNS resolver (default: the configured servers, or the system's). */
        public Builder dns(DnsResolver dns) {
            this.dns = Objects.requireNonNull(dns, "dns");
            return this;
        }

        /** The TLS material (default: the configured files, or a self-signed certificate kept in the data directory). */
        public Builder tls(ServerTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Adjusts the outbound delivery beyond the configuration, for tests: for example its
         * trust manager for MTA-STS fetches, or its poll interval.
         */
        public Builder outbound(Function<OutboundDelivery.Builder, OutboundDelivery.Builder> settings) {
            this.outboundSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * Builds the server: creates the data directory, opens the stores, loads or
         * generates TLS material and DKIM keys.
         *
         * @throws ConfigException with one line naming what is wrong
         */
        public MailServer build() {
            DataLayout layout = new DataLayout(config.dataDir());
            List<AutoCloseable> owned = new ArrayList<>();
            try {
                // Mail, keys and passwords live here: the owner's alone.
                PrivateDirectory.create(layout.root());
                Files.createDirectories(layout.spoolDir());
                clearSpool(layout.spoolDir());
            } catch (IOException e) {
                throw new ConfigException("data-dir: cannot create " + layout.root() + ": " + e.getMessage());
            }
            // [storage] backend = "postgres": accounts, mailboxes, queue and MTA-STS cache in one shared database.
            Optional<PostgresDatabase> database = Stores.database(config);
            UserDirectory directory = users != null ? users : database.<UserDirectory>map(PostgresUserDirectory::open)
                    .orElseGet(() -> FileUserDirectory.open(layout.usersFile()));
            MailStore mailStore = store != null ? store : database.map(db -> Stores.postgres(db, quota(config), layout, owned))
                    .orElseGet(() -> Stores.maildir(layout, quota(config), owned));
            DnsResolver resolver = dns != null ? dns : resolver(config);
            ServerTls serverTls = tls != null ? tls : tls(config, layout);
            EmailAuthenticator authenticator = EmailAuthenticator.builder(resolver)
                    .receivingHost(config.hostname())
                    .cache(AuthCache.create(10_000, Duration.ofHours(1)))
                    .clock(clock)
                    .build();

            Pipelines pipelines = new Pipelines(config, layout, mailStore, directory, resolver, authenticator, clock, database);
            OutboundDelivery outbound = pipelines.outbound(outboundSettings, owned);
            MailPipeline pipeline = pipelines.pipeline(outbound, owned);

            // One count of failed logins for SMTP AUTH on every port and for IMAP.
            LoginThrottle logins = new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(30));
            Map<String, SmtpServer> smtp = Listeners.smtp(config, layout, pipeline, directory, serverTls, clock, logins);
            Optional<ImapServer> imap = Listeners.imap(config, layout, mailStore, directory, serverTls, logins);
            // Closed last: the store and the queue use it until they are closed.
            database.ifPresent(owned::add);
            return new MailServer(config, mailStore, directory, outbound, smtp, imap, owned);
        }

        /** Messages half received when the last run stopped: nothing will ever read them. */
        private static void clearSpool(Path spool) throws IOException {
            try (var files = Files.list(spool)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }

        private static QuotaPolicy quota(MailwrightConfig config) {
            return Stores.quota(config);
        }

        private static DnsResolver resolver(MailwrightConfig config) {
            if (config.dns().servers().isEmpty()) {
                return DnsjavaResolver.builder().timeout(config.dns().timeout()).build();
            }
            try {
                return DnsjavaResolver.builder().servers(config.dns().servers()).timeout(config.dns().timeout()).build();
            } catch (IllegalArgumentException e) {
                throw new ConfigException("dns.servers: " + e.getMessage());
            }
        }

        private static ServerTls tls(MailwrightConfig config, DataLayout layout) {
            if (config.tls().certificate().isPresent()) {
                try {
                    return ServerTls.fromFiles(config.tls().certificate().get(), config.tls().key().orElseThrow());
                } catch (RuntimeException e) {
                    throw new ConfigException("tls: " + e.getMessage());
                }
            }
            Path cert = layout.tlsDir().resolve("self-signed.pem");
            Path key = layout.tlsDir().resolve("self-signed.key");
            try {
                if (!Files.exists(cert) || !Files.exists(key)) {
                    Files.createDirectories(layout.tlsDir());
                    SelfSignedCertificate.generate(List.of(config.hostname(), "localhost", "127.0.0.1", "::1"),
                            Duration.ofDays(365), Clock.systemUTC()).writeTo(cert, key);
                    log.warn("no TLS certificate configured: using a self-signed certificate for {} ({}); clients will not trust it",
                            config.hostname(), cert);
                }
                return ServerTls.fromFiles(cert, key);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the self-signed certificate in " + layout.tlsDir(), e);
            }
        }
    }

    /** The postmaster address of the primary domain. */
    static MailAddress postmaster(MailwrightConfig config) {
        return MailAddress.of("postmaster", config.primaryDomain());
    }
}
