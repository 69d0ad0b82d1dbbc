package dev.mailwright.smtp;

import dev.mailwright.core.net.NetServer;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.core.user.LoginThrottle;
import dev.mailwright.core.user.UserDirectory;
import dev.mailwright.smtp.internal.CommandRegistry;
import dev.mailwright.smtp.internal.ListenerContext;
import dev.mailwright.smtp.internal.MessageIds;
import dev.mailwright.smtp.internal.SmtpHandler;
import dev.mailwright.smtp.spi.AuthSupport;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.VrfySupport;
import java.io.IOException;
import java.net.IDN;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * An SMTP server: one or more listeners (MX, submission, LMTP) in front of a host's
 * {@link SmtpBackend}. Build it with {@link #builder(SmtpBackend)}, {@link #start()} it, and
 * {@link #stop(Duration)} it; no thread per connection, and no message held whole in memory
 * above the spool threshold.
 *
 * <pre>{@code
 * SmtpServer server = SmtpServer.builder(backend)
 *         .hostname("mx.example.com")
 *         .listener(SmtpListener.builder(ListenerRole.MX).address("0.0.0.0", 25).tlsMode(TlsMode.STARTTLS).build())
 *         .tls(ServerTls.fromFiles(cert, key))
 *         .build();
 * List<InetSocketAddress> bound = server.start();
 * }</pre>
 */
public final class SmtpServer {

    private final Builder config;
    private final List<SmtpListener> listeners;
    private final List<NetServer> servers = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private boolean started;

    private SmtpServer(Builder b) {
        this.config = b;
        this.listeners = List.copyOf(b.listeners);
    }

    public static Builder builder(SmtpBackend backend) {
        return new Builder(backend);
    }

    /**
     * Binds every listener and starts accepting.
     *
     * @return the bound addresses, in the order the listeners were added (with real ports where 0 was asked for)
     * @throws IOException if a socket cannot be bound; listeners already bound are stopped again
     */
    public synchronized List<InetSocketAddress> start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-scheduler");
            t.setDaemon(true);
            return t;
        });
        MessageIds ids = new MessageIds();
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (SmtpListener listener : listeners) {
                ListenerContext context = new ListenerContext(config.hostname, listener, config.backend, config.auth,
                        config.vrfy, config.events, config.spoolDirectory, config.clock, config.loginThrottle, scheduler, ids,
                        CommandRegistry.forRole(listener.role()));
                NetServer server = netServer(listener, new SmtpHandler(context));
                servers.add(server);
                bound.add(server.start());
            }
        } catch (IOException | RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
        return List.copyOf(bound);
    }

    private NetServer netServer(SmtpListener listener, SmtpHandler handler) {
        SmtpLimits limits = listener.limits();
        byte[] busy = ("421 4.7.0 " + config.hostname + " too many connections, try again later\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        NetServer.Config.Builder b = NetServer.builder(handler)
                .name(listener.name())
                .address(listener.address())
                .proxyProtocol(listener.trustedProxies())
                .connectionLimits(limits.maxConnections(), limits.maxConnectionsPerAddress(), busy)
                .idleTimeout(limits.commandTimeout())
                .maxBufferedInput(Math.max(256 * 1024, 2 * limits.maxLineLength()))
                .workerThreads(config.workerThreads);
        if (config.ioThreads > 0) {
            b.ioThreads(config.ioThreads);
        }
        if (listener.tlsMode() != TlsMode.NONE) {
            b.tls(listener.tlsMode(), config.tls);
        }
        return b.build();
    }

    /** The bound addresses, in listener order. */
    public synchronized List<InetSocketAddress> addresses() {
        return servers.stream().map(NetServer::address).toList();
    }

    /**
     * Stops gracefully: stops accepting, lets transactions in flight finish (idle clients get
     * 421 4.3.2 at once, busy ones after their message), and closes whatever is left when
     * {@code grace} has passed. Listeners stop together.
     */
    public void stop(Duration grace) {
        List<NetServer> running;
        ScheduledExecutorService timer;
        synchronized (this) {
            running = List.copyOf(servers);
            servers.clear();
            timer = scheduler;
            scheduler = null;
        }
        List<Thread> stoppers = new ArrayList<>();
        for (NetServer server : running) {
            Thread t = new Thread(() -> server.stop(grace), "smtp-stop");
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Builds an {@link SmtpServer}; {@link #build()} checks that the parts fit together. */
    public static final class Builder {
        private final SmtpBackend backend;
        private final List<SmtpListener> listeners = new ArrayList<>();
        private String hostname = "localhost";
        private Supplier<SSLContext> tls;
        private AuthSupport auth;
        private VrfySupport vrfy;
        private boolean vrfyEnabled;
        private SmtpEvents events = SmtpEvents.NONE;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
        private Clock clock = Clock.systemDefaultZone();
        private LoginThrottle loginThrottle;
        private int workerThreads = 64;
        private int ioThreads;

        private Builder(SmtpBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
        }

        /** The server's name in greetings, replies and Received fields; {@code localhost} by default. */
        public Builder hostname(String hostname) {
            this.hostname = Objects.requireNonNull(hostname, "hostname");
            return this;
        }

        public Builder listener(SmtpListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** TLS material for STARTTLS and implicit TLS listeners; reloads of {@code tls} apply to new handshakes. */
        public Builder tls(ServerTls tls) {
            Objects.requireNonNull(tls, "tls");
            this.tls = tls::sslContext;
            return this;
        }

        /** TLS material as a context supplier, read for each new TLS session. */
        public Builder tls(Supplier<SSLContext> context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /** Checks AUTH credentials against a user directory. */
        public Builder userDirectory(UserDirectory directory) {
            this.auth = AuthSupport.of(directory);
            return this;
        }

        /** Checks AUTH credentials with the host's own code. Without one, a backend that is an {@link AuthSupport} is used. */
        public Builder authenticator(AuthSupport authenticator) {
            this.auth = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        /** Answer VRFY with the backend, which must then be a {@link VrfySupport}; off by default (252). */
        public Builder vrfy(boolean enabled) {
            this.vrfyEnabled = enabled;
            return this;
        }

        public Builder events(SmtpEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /** Where messages larger than the spool threshold wait on disk; the system temporary directory by default. */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The clock for Received dates. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How failed AUTH replies are held back per client address: {@code first} for the
         * first failure, doubling up to {@code max}; 1 and 30 seconds by default. Shorthand for
         * {@link #loginThrottle} with a throttle of this server's own.
         *
         * @throws IllegalArgumentException if {@code first} is negative or {@code max} below it
         */
        public Builder authFailureDelays(Duration first, Duration max) {
            return loginThrottle(new LoginThrottle(first, max));
        }

        /**
         * The count of failed logins per client address that delays AUTH replies. Give the
         * IMAP server the same instance, and guesses over both protocols count together.
         */
        public Builder loginThrottle(LoginThrottle throttle) {
            this.loginThrottle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /** Threads for protocol work and backend calls, per listener; connections share them. */
        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        /** Threads moving bytes, per listener; by default one more than the processors. */
        public Builder ioThreads(int threads) {
            this.ioThreads = threads;
            return this;
        }

        /** @throws IllegalArgumentException with one line naming the setting at fault */
        public SmtpServer build() {
            if (listeners.isEmpty()) {
                throw new IllegalArgumentException("no listener: add at least one with listener(...)");
            }
            checkHostname();
            if (auth == null && backend instanceof AuthSupport backendAuth) {
                auth = backendAuth;
            }
            for (SmtpListener l : listeners) {
                if (l.tlsMode() != TlsMode.NONE && tls == null) {
                    throw new IllegalArgumentException(l.name() + ": TLS mode " + l.tlsMode() + " needs tls(...) material");
                }
                if (l.auth() && auth == null) {
                    throw new IllegalArgumentException(l.name() + ": AUTH is offered but neither userDirectory(...) nor"
                            + " authenticator(...) is set, and the backend is not an AuthSupport");
                }
            }
            if (vrfyEnabled) {
                if (!(backend instanceof VrfySupport v)) {
                    throw new IllegalArgumentException("vrfy(true) needs a backend that implements VrfySupport");
                }
                vrfy = v;
            } else {
                vrfy = null;
            }
            if (!Files.isDirectory(spoolDirectory)) {
                throw new IllegalArgumentException("spoolDirectory is not a directory: " + spoolDirectory);
            }
            if (loginThrottle == null) {
                loginThrottle = new LoginThrottle(Duration.ofSeconds(1), Duration.ofSeconds(30));
            }
            if (workerThreads < 1 || ioThreads < 0) {
                throw new IllegalArgumentException("workerThreads must be at least 1 and ioThreads not negative");
            }
            return new SmtpServer(this);
        }

        private void checkHostname() {
            String ascii;
            try {
                ascii = IDN.toASCII(hostname, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("hostname is not a domain name: " + hostname);
            }
            if (ascii.isEmpty() || ascii.length() > 253 || !ascii.matches("[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                throw new IllegalArgumentException("hostname is not a domain name: " + hostname);
            }
        }
    }
}
