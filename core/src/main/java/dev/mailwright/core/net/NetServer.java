package dev.mailwright.core.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listening socket and its connections, handed to a {@link ConnectionHandler}. MINA's
 * I/O threads only move bytes; every handler callback runs on the connection's worker, on
 * a pool shared by all connections.
 */
public final class NetServer {

    private static final Logger log = LoggerFactory.getLogger(NetServer.class);
    private static final AttributeKey CONNECTION = new AttributeKey(NetServer.class, "connection");
    private static final String TLS_FILTER = "tls";
    private static final String PROXY_FILTER = "proxy";
    private static final String COMPRESSION_FILTER = "deflate";

    private final Config config;
    private final ConnectionHandler handler;
    private final ConcurrentMap<Long, Connection> connections = new ConcurrentHashMap<>();
    private final ConcurrentMap<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final ExecutorService pool;
    private NioSocketAcceptor acceptor;
    private volatile InetSocketAddress boundAddress;

    private NetServer(Config config, ConnectionHandler handler) {
        this.config = config;
        this.handler = handler;
        this.pool = new ThreadPoolExecutor(config.workerThreads, config.workerThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads(config.name + "-worker"));
        ((ThreadPoolExecutor) pool).allowCoreThreadTimeOut(true);
    }

    public static Config.Builder builder(ConnectionHandler handler) {
        return new Config.Builder(handler);
    }

    /** Binds the socket and starts accepting. */
    public synchronized InetSocketAddress start() throws IOException {
        if (acceptor != null) {
            throw new IllegalStateException("already started");
        }
        acceptor = new NioSocketAcceptor(config.ioThreads);
        acceptor.setReuseAddress(true);
        // Unbinding must not close live connections: stop() lets them finish first.
        acceptor.setCloseOnDeactivation(false);
        acceptor.setBacklog(config.backlog);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.getSessionConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, config.idleTimeout.toSeconds()));
        acceptor.setHandler(new Bridge());
        acceptor.bind(config.address);
        boundAddress = (InetSocketAddress) acceptor.getLocalAddress();
        log.info("{} listening on {} (TLS: {}, PROXY protocol: {})", config.name, boundAddress, config.tlsMode,
                config.proxyProtocol ? "expected" : "off");
        return boundAddress;
    }

    /** The address the socket is bound to, with the real port when port 0 was asked for. */
    public InetSocketAddress address() {
        InetSocketAddress bound = boundAddress;
        if (bound == null) {
            throw new IllegalStateException("not started");
        }
        return bound;
    }

    /** Connections currently admitted. */
    public int connectionCount() {
        return admitted.get();
    }

    /**
     * Stops accepting, asks every connection's handler to finish ({@link ConnectionHandler#shutdown}),
     * waits up to {@code grace} for them to close, then closes the rest.
     */
    public void stop(Duration grace) {
        NioSocketAcceptor current;
        synchronized (this) {
            current = acceptor;
            acceptor = null;
        }
        if (current == null) {
            return;
        }
        current.unbind();
        for (Connection c : connections.values()) {
            if (c.active) {
                c.execute(() -> handler.shutdown(c));
            } else {
                c.closeNow();
            }
        }
        long deadline = System.nanoTime() + grace.toNanos();
        while (!connections.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Connection c : List.copyOf(connections.values())) {
            c.closeNow();
        }
        current.dispose(true);
        pool.shutdown();
        try {
            pool.awaitTermination(Math.max(1, grace.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        log.info("{} stopped", config.name);
    }

    TlsMode tlsMode() {
        return config.tlsMode;
    }

    int maxBufferedInput() {
        return config.maxBufferedInput;
    }

    Duration writeTimeout() {
        return config.writeTimeout;
    }

    /** Puts TLS in front of a live session's data (STARTTLS), right behind the network. */
    void installTls(IoSession session) {
        IoFilterChain chain = session.getFilterChain();
        ServerSslFilter filter = new ServerSslFilter(config.sslContext.get(), config.tlsProtocols);
        if (chain.contains(PROXY_FILTER)) {
            chain.addAfter(PROXY_FILTER, TLS_FILTER, filter);
        } else {
            chain.addFirst(TLS_FILTER, filter);
        }
    }

    /** Puts raw DEFLATE between TLS (if any) and the engine (IMAP COMPRESS). */
    void installCompression(IoSession session) {
        session.getFilterChain().addLast(COMPRESSION_FILTER, new DeflateFilter());
    }

    private void admit(Connection c) {
        InetAddress address = c.remoteAddress().getAddress();
        AtomicInteger count = perAddress.computeIfAbsent(address, a -> new AtomicInteger());
        int fromAddress = count.incrementAndGet();
        int total = admitted.incrementAndGet();
        c.admitted = true;
        if (total > config.maxConnections || fromAddress > config.maxConnectionsPerAddress) {
            log.info("{} refused connection from {}: {} connections, {} from this address", config.name,
                    address.getHostAddress(), total, fromAddress);
            if (config.tooManyConnectionsReply.length > 0) {
                c.write(config.tooManyConnectionsReply);
            }
            c.close();
            return;
        }
        c.active = true;
        c.execute(() -> handler.connected(c));
    }

    private void release(Connection c) {
        if (!c.admitted) {
            return;
        }
        admitted.decrementAndGet();
        InetAddress address = c.remoteAddress().getAddress();
        perAddress.computeIfPresent(address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** MINA's events, turned into {@link ConnectionHandler} calls on each connection's worker. */
    private final class Bridge extends IoHandlerAdapter {

        @Override
        public void sessionCreated(IoSession session) {
            Connection c = new Connection(session, config.name + "-" + ids.incrementAndGet(), NetServer.this, handler, pool);
            session.setAttribute(CONNECTION, c);
            connections.put(session.getId(), c);
            IoFilterChain chain = session.getFilterChain();
            if (config.proxyProtocol) {
                InetAddress peer = ((InetSocketAddress) session.getRemoteAddress()).getAddress();
                if (!AddressRange.anyContains(config.trustedProxies, peer)) {
                    // Only a trusted proxy may name the client; anyone else could pick an address.
                    log.info("{} refused connection from {}: not a trusted proxy", config.name, peer.getHostAddress());
                    session.closeNow();
                    return;
                }
                chain.addLast(PROXY_FILTER, new ProxyProtocolFilter(header -> {
                    header.source().ifPresent(src -> c.proxied(src, header.destination().orElse(c.localAddress())));
                    admit(c);
                }));
            }
            if (config.tlsMode == TlsMode.IMPLICIT) {
                chain.addLast(TLS_FILTER, new ServerSslFilter(config.sslContext.get(), config.tlsProtocols));
                c.tlsFromStart();
            }
        }

        @Override
        public void sessionOpened(IoSession session) {
            if (!config.proxyProtocol) {
                admit(connection(session));
            }
        }

        @Override
        public void messageReceived(IoSession session, Object message) {
            Connection c = connection(session);
            if (c.active && session.isConnected() && !session.isClosing()) {
                c.received((IoBuffer) message);
            }
        }

        @Override
        public void messageSent(IoSession session, Object message) {
            connection(session).sent(message);
        }

        @Override
        public void event(IoSession session, FilterEvent event) {
            if (event == SslEvent.SECURED) {
                Connection c = connection(session);
                if (c.active) {
                    c.execute(() -> handler.secured(c));
                }
            }
        }

        @Override
        public void sessionIdle(IoSession session, IdleStatus status) {
            Connection c = connection(session);
            if (c.active) {
                c.execute(() -> handler.idle(c));
            } else {
                session.closeNow();
            }
        }

        @Override
        public void exceptionCaught(IoSession session, Throwable cause) {
            // Resets and broken pipes are everyday events; anything else is worth a look.
            if (cause instanceof IOException) {
                log.debug("{} connection error: {}", config.name, cause.toString());
            } else {
                log.warn("{} connection error", config.name, cause);
            }
            session.closeNow();
        }

        @Override
        public void sessionClosed(IoSession session) {
            Connection c = connection(session);
            connections.remove(session.getId());
            release(c);
            if (c.active) {
                c.execute(() -> handler.closed(c));
            }
        }

        private Connection connection(IoSession session) {
            return (Connection) session.getAttribute(CONNECTION);
        }
    }

    /** MINA's SSL filter with our protocols, and without its reverse DNS lookup of the client. */
    private static final class ServerSslFilter extends SslFilter {
        private final List<String> protocols;

        ServerSslFilter(SSLContext context, List<String> protocols) {
            super(context);
            this.protocols = protocols;
        }

        @Override
        protected SSLEngine createEngine(IoSession session, InetSocketAddress addr) {
            SSLEngine engine = sslContext.createSSLEngine();
            engine.setUseClientMode(false);
            engine.setEnabledProtocols(protocols.toArray(String[]::new));
            return engine;
        }
    }

    /** A listener's settings. */
    public static final class Config {
        final String name;
        final InetSocketAddress address;
        final TlsMode tlsMode;
        final Supplier<SSLContext> sslContext;
        final List<String> tlsProtocols;
        final boolean proxyProtocol;
        final List<AddressRange> trustedProxies;
        final int maxConnections;
        final int maxConnectionsPerAddress;
        final byte[] tooManyConnectionsReply;
        final Duration idleTimeout;
        final Duration writeTimeout;
        final int maxBufferedInput;
        final int workerThreads;
        final int ioThreads;
        final int backlog;
        final ConnectionHandler handler;

        private Config(Builder b) {
            name = b.name;
            address = b.address;
            tlsMode = b.tlsMode;
            sslContext = b.sslContext;
            tlsProtocols = List.copyOf(b.tlsProtocols);
            proxyProtocol = b.proxyProtocol;
            trustedProxies = b.trustedProxies;
            maxConnections = b.maxConnections;
            maxConnectionsPerAddress = b.maxConnectionsPerAddress;
            tooManyConnectionsReply = b.tooManyConnectionsReply.clone();
            idleTimeout = b.idleTimeout;
            writeTimeout = b.writeTimeout;
            maxBufferedInput = b.maxBufferedInput;
            workerThreads = b.workerThreads;
            ioThreads = b.ioThreads;
            backlog = b.backlog;
            handler = b.handler;
        }

        /** Builds a listener's settings; {@link #build()} checks them and makes the server. */
        public static final class Builder {
            private final ConnectionHandler handler;
            private String name = "listener";
            private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            private TlsMode tlsMode = TlsMode.NONE;
            private Supplier<SSLContext> sslContext;
            private List<String> tlsProtocols = List.of("TLSv1.3", "TLSv1.2");
            private boolean proxyProtocol;
            private List<AddressRange> trustedProxies = AddressRange.LOOPBACK;
            private int maxConnections = 1000;
            private int maxConnectionsPerAddress = 50;
            private byte[] tooManyConnectionsReply = new byte[0];
            private Duration idleTimeout = Duration.ofMinutes(5);
            private Duration writeTimeout = Duration.ofMinutes(5);
            private int maxBufferedInput = 256 * 1024;
            private int workerThreads = 64;
            private int ioThreads = Runtime.getRuntime().availableProcessors() + 1;
            private int backlog = 128;

            private Builder(ConnectionHandler handler) {
                this.handler = Objects.requireNonNull(handler, "handler");
            }

            /** A name for threads and logs, such as {@code smtp} or {@code imaps}. */
            public Builder name(String name) {
                this.name = Objects.requireNonNull(name, "name");
                return this;
            }

            public Builder address(InetSocketAddress address) {
                this.address = Objects.requireNonNull(address, "address");
                return this;
            }

            /** TLS use, and the TLS material for STARTTLS or implicit TLS (read for each new TLS session, so reloads apply). */
            public Builder tls(TlsMode mode, Supplier<SSLContext> context) {
                this.tlsMode = Objects.requireNonNull(mode, "mode");
                this.sslContext = context;
                return this;
            }

            public Builder tlsProtocols(List<String> protocols) {
                this.tlsProtocols = List.copyOf(protocols);
                return this;
            }

            /**
             * Expect a HAProxy PROXY header (v1 or v2) before anything else, from a proxy on
             * loopback; off by default.
             */
            public Builder proxyProtocol(boolean expected) {
                return proxyProtocol(expected ? AddressRange.LOOPBACK : List.of());
            }

            /**
             * Expect a PROXY header, and accept connections only from these proxies: a client
             * that reaches the listener directly could otherwise claim any address. An empty
             * list turns the PROXY protocol off.
             */
            public Builder proxyProtocol(List<AddressRange> trustedProxies) {
                this.trustedProxies = List.copyOf(trustedProxies);
                this.proxyProtocol = !trustedProxies.isEmpty();
                return this;
            }

            /** Connection limits, and the reply written before closing a connection over them. */
            public Builder connectionLimits(int total, int perAddress, byte[] refusal) {
                this.maxConnections = total;
                this.maxConnectionsPerAddress = perAddress;
                this.tooManyConnectionsReply = refusal.clone();
                return this;
            }

            public Builder idleTimeout(Duration timeout) {
                this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
                return this;
            }

            /** How long a client may leave output unread before the connection is dropped. */
            public Builder writeTimeout(Duration timeout) {
                this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
                return this;
            }

            /** Input held for a connection before reading pauses until the engine catches up. */
            public Builder maxBufferedInput(int bytes) {
                this.maxBufferedInput = bytes;
                return this;
            }

            /** Threads for handler callbacks, shared by all connections of this listener. */
            public Builder workerThreads(int threads) {
                this.workerThreads = threads;
                return this;
            }

            public Builder ioThreads(int threads) {
                this.ioThreads = threads;
                return this;
            }

            public NetServer build() {
                if (tlsMode != TlsMode.NONE && sslContext == null) {
                    throw new IllegalArgumentException(name + ": TLS mode " + tlsMode + " needs TLS material");
                }
                if (tlsProtocols.isEmpty()) {
                    throw new IllegalArgumentException(name + ": no TLS protocols");
                }
                if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
                    throw new IllegalArgumentException(name + ": connection limits must be at least 1");
                }
                if (idleTimeout.isNegative() || idleTimeout.isZero() || writeTimeout.isNegative() || writeTimeout.isZero()) {
                    throw new IllegalArgumentException(name + ": timeouts must be positive");
                }
                if (maxBufferedInput < 4096 || workerThreads < 1 || ioThreads < 1) {
                    throw new IllegalArgumentException(name + ": buffer and thread counts are too small");
                }
                return new NetServer(new Config(this), handler);
            }
        }
    }
}
