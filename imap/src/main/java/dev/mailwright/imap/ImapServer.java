package dev.mailwright.imap;

import dev.mailwright.core.net.NetServer;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.core.user.LoginThrottle;
import dev.mailwright.core.user.UserDirectory;
import dev.mailwright.imap.internal.session.ImapEngine;
import dev.mailwright.imap.spi.PasswordAuthenticator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * An IMAP4rev1 and IMAP4rev2 server (RFC 3501, RFC 9051) over any {@link MailStore}: one
 * or more listeners sharing one protocol engine.
 *
 * <pre>{@code
 * ImapServer imap = ImapServer.builder()
 *         .store(store)
 *         .users(directory)
 *         .tls(ServerTls.fromFiles(cert, key))
 *         .listener(ImapListener.builder(new InetSocketAddress(143)).build())
 *         .listener(ImapListener.builder(new InetSocketAddress(993)).tls(TlsMode.IMPLICIT).build())
 *         .build();
 * List<InetSocketAddress> bound = imap.start();
 * }</pre>
 */
public final class ImapServer {

    private final Builder config;
    private final List<NetServer> servers = new ArrayList<>();
    private ScheduledExecutorService scheduler;
    private boolean started;

    private ImapServer(Builder config) {
        this.config = config;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds every listener and starts serving; returns the bound addresses in listener order. */
    public synchronized List<InetSocketAddress> start() throws IOException {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "imap-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        scheduler = Executors.unconfigurableScheduledExecutorService(timer);
        LoginThrottle throttle = config.loginThrottle != null ? config.loginThrottle
                : new LoginThrottle(config.limits.authFailureDelay(), config.limits.maxAuthFailureDelay());
        ImapEngine engine = new ImapEngine(new ImapEngine.Settings(config.store, config.authenticator, config.limits, throttle,
                config.loginWithoutTls, config.autoProvision, config.literalPlus, config.greeting, config.spoolDirectory), scheduler);
        List<InetSocketAddress> bound = new ArrayList<>();
        try {
            for (ImapListener listener : config.listeners) {
                NetServer.Config.Builder b = NetServer.builder(engine)
                        .name(listener.name())
                        .address(listener.address())
                        .proxyProtocol(listener.trustedProxies())
                        .connectionLimits(listener.maxConnections(), listener.maxConnectionsPerAddress(),
                                "* BYE Too many connections from your address\r\n".getBytes(StandardCharsets.US_ASCII))
                        .idleTimeout(config.limits.loginTimeout())
                        .writeTimeout(config.limits.writeTimeout())
                        .maxBufferedInput(Math.max(256 * 1024, config.limits.maxLineLength() * 2))
                        .workerThreads(config.workerThreads);
                if (listener.tlsMode() != TlsMode.NONE) {
                    ServerTls tls = config.tls;
                    b.tls(listener.tlsMode(), tls::sslContext).tlsProtocols(tls.protocols());
                }
                NetServer server = b.build();
                servers.add(server);
                bound.add(server.start());
            }
        } catch (IOException | RuntimeException e) {
            stop(Duration.ZERO);
            throw e;
        }
        return bound;
    }

    /** The bound addresses, in listener order. */
    public synchronized List<InetSocketAddress> addresses() {
        return servers.stream().map(NetServer::address).toList();
    }

    /** Connections currently open on all listeners. */
    public synchronized int connectionCount() {
        int n = 0;
        for (NetServer server : servers) {
            n += server.connectionCount();
        }
        return n;
    }

    /**
     * Stops accepting, tells every client {@code * BYE}, waits up to {@code grace} for
     * connections to close, then closes the rest.
     */
    public synchronized void stop(Duration grace) {
        for (NetServer server : servers) {
            try {
                server.stop(grace);
            } catch (RuntimeException e) {
                // Keep stopping the others.
            }
        }
        servers.clear();
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Builds a server; {@link #build()} checks the settings. */
    public static final class Builder {
        private MailStore store;
        private PasswordAuthenticator authenticator;
        private final List<ImapListener> listeners = new ArrayList<>();
        private ServerTls tls;
        private ImapLimits limits = ImapLimits.DEFAULT;
        private LoginThrottle loginThrottle;
        private boolean loginWithoutTls;
        private boolean autoProvision;
        private boolean literalPlus = true;
        private String greeting = "Mailwright IMAP ready";
        private int workerThreads = 64;
        private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));

        private Builder() {}

        /** Where the mail is. Required. */
        public Builder store(MailStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Authenticates against a user directory; the account names it returns open the store. */
        public Builder users(UserDirectory directory) {
            Objects.requireNonNull(directory, "directory");
            this.authenticator = (user, password, client) -> directory.authenticate(user, password);
            return this;
        }

        /** Authenticates with the host's own logic instead of a user directory. */
        public Builder authenticator(PasswordAuthenticator authenticator) {
            this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
            return this;
        }

        public Builder listener(ImapListener listener) {
            this.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** TLS material for STARTTLS and implicit-TLS listeners. */
        public Builder tls(ServerTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        public Builder limits(ImapLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * The count of failed logins per client address that delays their answers, in place
         * of one made from {@link ImapLimits#authFailureDelay()}. Give the SMTP server the same
         * instance, and guesses over both protocols count together.
         */
        public Builder loginThrottle(LoginThrottle throttle) {
            this.loginThrottle = Objects.requireNonNull(throttle, "throttle");
            return this;
        }

        /**
         * Whether LOGIN and AUTHENTICATE PLAIN work on unencrypted connections. Off by
         * default: LOGINDISABLED is advertised until STARTTLS.
         */
        public Builder loginWithoutTls(boolean allowed) {
            this.loginWithoutTls = allowed;
            return this;
        }

        /**
         * Whether an authenticated user without an account in the store gets one on first
         * login, with the standard mailboxes. Off by default.
         */
        public Builder autoProvision(boolean enabled) {
            this.autoProvision = enabled;
            return this;
        }

        /**
         * LITERAL+ (the default: non-synchronizing literals of any size within the limits)
         * or LITERAL- (at most 4096 bytes), RFC 7888.
         */
        public Builder literalPlus(boolean literalPlus) {
            this.literalPlus = literalPlus;
            return this;
        }

        /** The text of the greeting. */
        public Builder greeting(String greeting) {
            this.greeting = Objects.requireNonNull(greeting, "greeting");
            return this;
        }

        /** Threads that run commands, per listener; connections share them. */
        public Builder workerThreads(int threads) {
            this.workerThreads = threads;
            return this;
        }

        /** Where large literals (APPEND of big messages) are spooled while they arrive; the system's temporary directory by default. */
        public Builder spoolDirectory(Path directory) {
            this.spoolDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        public ImapServer build() {
            if (store == null) {
                throw new IllegalArgumentException("imap: store is required");
            }
            if (authenticator == null) {
                throw new IllegalArgumentException("imap: users or authenticator is required");
            }
            if (listeners.isEmpty()) {
                throw new IllegalArgumentException("imap: at least one listener is required");
            }
            for (ImapListener l : listeners) {
                if (l.tlsMode() != TlsMode.NONE && tls == null) {
                    throw new IllegalArgumentException("imap: listener " + l + " needs tls(...)");
                }
                if (l.tlsMode() == TlsMode.NONE && !loginWithoutTls) {
                    throw new IllegalArgumentException("imap: listener " + l
                            + " has no TLS and loginWithoutTls is off, so nobody could log in there");
                }
            }
            if (greeting.isBlank() || greeting.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
                throw new IllegalArgumentException("imap: greeting must be one line of text");
            }
            if (!java.nio.file.Files.isDirectory(spoolDirectory)) {
                throw new IllegalArgumentException("imap: spoolDirectory " + spoolDirectory + " is not a directory");
            }
            if (workerThreads < 1) {
                throw new IllegalArgumentException("imap: workerThreads must be at least 1");
            }
            Builder copy = new Builder();
            copy.store = store;
            copy.authenticator = authenticator;
            copy.listeners.addAll(listeners);
            copy.tls = tls;
            copy.limits = limits;
            copy.loginThrottle = loginThrottle;
            copy.loginWithoutTls = loginWithoutTls;
            copy.autoProvision = autoProvision;
            copy.literalPlus = literalPlus;
            copy.greeting = greeting;
            copy.workerThreads = workerThreads;
            copy.spoolDirectory = spoolDirectory;
            return new ImapServer(copy);
        }
    }
}
