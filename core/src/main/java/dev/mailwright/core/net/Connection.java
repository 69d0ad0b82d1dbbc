package dev.mailwright.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * One client connection as an engine sees it: addresses (the real client's when a PROXY
 * header named it), TLS state, the bytes waiting to be read, and ways to write, upgrade to
 * TLS and close. Engines keep their per-connection state in the {@linkplain #attach
 * attachment}.
 *
 * <p>Writes may come from any thread and are sent in order. Reads and {@link #startTls}
 * belong to the connection's worker, where every {@link ConnectionHandler} callback runs.
 */
public final class Connection {

    private static final int STREAM_CHUNK = 64 * 1024;
    private static final long STREAM_HIGH_WATER = 256 * 1024;

    private final IoSession session;
    private final String id;
    private final NetServer server;
    private final ConnectionHandler handler;
    private final SerialExecutor worker;
    private final Input input = new Input();
    private final Object writeLock = new Object();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile InetSocketAddress remote;
    private volatile InetSocketAddress local;
    /** TLS is in front of every byte read from now on (the filter is installed). */
    private volatile boolean tlsActive;
    private volatile boolean discardingPlaintext;
    /** The STARTTLS reply on its way out; TLS starts when it has left. */
    private volatile IoBuffer startTlsReply;
    /** The reply that starts compression, on its way out; compression starts when it has left. */
    private volatile IoBuffer compressReply;
    private volatile boolean compressed;
    /** Guards the decision to suspend or resume reading, so the two never cross. */
    private final Object flowLock = new Object();
    private boolean readSuspended;
    private volatile Object attachment;
    private long pendingWriteBytes;
    /** Counted against the connection limits (also when refused for being over them). */
    volatile boolean admitted;
    /** Handed to the handler: connected() was scheduled; other callbacks are only reported after it. */
    volatile boolean active;

    Connection(IoSession session, String id, NetServer server, ConnectionHandler handler, Executor pool) {
        this.session = session;
        this.id = id;
        this.server = server;
        this.handler = handler;
        this.worker = new SerialExecutor(pool);
        this.remote = (InetSocketAddress) session.getRemoteAddress();
        this.local = (InetSocketAddress) session.getLocalAddress();
    }

    /** A short identifier for logs, unique within the server's lifetime. */
    public String id() {
        return id;
    }

    /** The client's address: the real client's when a PROXY header named one. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /** The address the client connected to. */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * The TLS session, once the handshake has finished. Every byte a handler reads after
     * {@link #isSecure()} turned true came through TLS, but MINA may deliver the first of
     * them a moment before it reports the finished handshake, so this can still be empty
     * then.
     */
    public Optional<SSLSession> tls() {
        return Optional.ofNullable((SSLSession) session.getAttribute(SslFilter.SSL_SECURED));
    }

    /** Whether TLS protects the connection: everything read from now on was encrypted. */
    public boolean isSecure() {
        return tlsActive;
    }

    /** Whether STARTTLS is possible here: the listener has TLS material and TLS is not on yet. */
    public boolean canStartTls() {
        return server.tlsMode() == TlsMode.STARTTLS && !tlsActive && !discardingPlaintext && !compressed
                && compressReply == null;
    }

    /** Whether {@link #startCompression} was called: the stream is (or is about to be) compressed. */
    public boolean isCompressed() {
        return compressed;
    }

    /** Bytes received and not yet consumed; read them on the worker only. */
    public Input input() {
        return input;
    }

    public void attach(Object state) {
        this.attachment = state;
    }

    /** The engine's per-connection state. */
    public <T> T attachment(Class<T> type) {
        return type.cast(attachment);
    }

    /**
     * Asks for {@link ConnectionHandler#received} to be called again, for an engine that
     * left input unread on purpose and is now ready for it.
     */
    public void continueReading() {
        scheduleDrain();
    }

    /** Runs a task on this connection's worker, after the callbacks already queued. */
    public void execute(Runnable task) {
        worker.execute(task);
    }

    public boolean isOpen() {
        return session.isConnected() && !session.isClosing();
    }

    /** Queues bytes for sending. Never blocks. */
    public void write(byte[] bytes) {
        if (bytes.length == 0 || !isOpen()) {
            return;
        }
        writeBuffer(bytes, 0, bytes.length);
    }

    /** Queues text as UTF-8. */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private WriteFuture writeBuffer(byte[] bytes, int offset, int length) {
        synchronized (writeLock) {
            pendingWriteBytes += length;
        }
        WriteFuture future = session.write(IoBuffer.wrap(bytes, offset, length));
        future.addListener(f -> {
            synchronized (writeLock) {
                pendingWriteBytes -= length;
                writeLock.notifyAll();
            }
        });
        return future;
    }

    /** Bytes queued and not yet handed to the operating system. */
    public long pendingWriteBytes() {
        synchronized (writeLock) {
            return pendingWriteBytes;
        }
    }

    /**
     * Waits until at most {@code maxPending} bytes wait to be sent: flow control for engines
     * that produce a lot of output. Call on the worker.
     *
     * @return false if the timeout passed or the connection closed first
     */
    public boolean awaitWritable(long maxPending, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (writeLock) {
            while (pendingWriteBytes > maxPending) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || !isOpen()) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(writeLock, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
            }
            return true;
        }
    }

    /**
     * Copies a stream to the client in chunks, waiting for the client to keep up, so that a
     * large message never sits whole in memory. Call on the worker.
     *
     * @throws IOException if reading fails, or the client does not read for the write timeout
     */
    public void writeStream(InputStream in) throws IOException {
        byte[] chunk = new byte[STREAM_CHUNK];
        int n;
        while ((n = in.readNBytes(chunk, 0, chunk.length)) > 0) {
            if (!isOpen()) {
                throw new IOException("connection closed while writing");
            }
            writeBuffer(chunk, 0, n);
            chunk = new byte[STREAM_CHUNK];
            try {
                if (!awaitWritable(STREAM_HIGH_WATER, server.writeTimeout())) {
                    closeNow();
                    throw new IOException("client stopped reading");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while writing", e);
            }
        }
    }

    /**
     * Sends {@code reply} in plaintext, then switches the connection to TLS (server side).
     * Anything the client sent after its STARTTLS command and before the handshake is
     * thrown away unread: it would be plaintext injected into the protected session
     * (CVE-2011-0411). Call on the worker, while handling the STARTTLS command.
     */
    public void startTls(byte[] reply) {
        if (!canStartTls()) {
            throw new IllegalStateException("STARTTLS is not possible on this connection");
        }
        discardingPlaintext = true;
        input.refuse();
        IoBuffer buffer = IoBuffer.wrap(reply.clone());
        startTlsReply = buffer;
        synchronized (writeLock) {
            pendingWriteBytes += reply.length;
        }
        session.write(buffer).addListener(f -> {
            synchronized (writeLock) {
                pendingWriteBytes -= reply.length;
                writeLock.notifyAll();
            }
        });
    }

    /**
     * Sends {@code reply} uncompressed, then compresses both directions with raw DEFLATE
     * (IMAP COMPRESS, RFC 4978), inside TLS when TLS is on. The client starts compressing
     * only after it read the reply, so nothing it sends is misread. Call on the worker.
     */
    public void startCompression(byte[] reply) {
        if (compressed || startTlsReply != null || discardingPlaintext) {
            throw new IllegalStateException("compression is not possible on this connection now");
        }
        compressed = true;
        IoBuffer buffer = IoBuffer.wrap(reply.clone());
        compressReply = buffer;
        synchronized (writeLock) {
            pendingWriteBytes += reply.length;
        }
        session.write(buffer).addListener(f -> {
            synchronized (writeLock) {
                pendingWriteBytes -= reply.length;
                writeLock.notifyAll();
            }
        });
    }

    /**
     * A message left (I/O thread). When it is the STARTTLS reply, TLS goes in now: this
     * runs right after the reply was written and before any byte the client sends in
     * answer to it can be read. A write-future listener would not do, as it may run on the
     * writing thread if the write finished first.
     */
    void sent(Object message) {
        if (message == compressReply && compressReply != null) {
            compressReply = null;
            try {
                server.installCompression(session);
            } catch (RuntimeException e) {
                session.closeNow();
            }
            return;
        }
        if (message != startTlsReply || startTlsReply == null) {
            return;
        }
        startTlsReply = null;
        try {
            server.installTls(session);
        } catch (RuntimeException e) {
            session.closeNow();
            return;
        }
        tlsActive = true;
        discardingPlaintext = false;
        input.accept();
    }

    /** Sets how long the connection may stay silent in both directions before {@link ConnectionHandler#idle}. */
    public void setIdleTimeout(Duration timeout) {
        long seconds = Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        session.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) seconds);
    }

    /** Closes after everything written so far has been sent. */
    public void close() {
        session.closeOnFlush();
    }

    /** Closes at once, dropping unsent output. */
    public void closeNow() {
        session.closeNow();
    }

    /**
     * MINA's resumeRead changes the selection key from this (non-I/O) thread but does not
     * wake the selector, which may then sleep on the old interest set for good. Asking the
     * processor to flush the session (a no-op when nothing waits to be written) wakes it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void resumeRead() {
        session.resumeRead();
        if (session instanceof AbstractIoSession s) {
            ((IoProcessor) s.getProcessor()).flush(s);
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id + " " + remote + "]";
    }

    // ---- called by the network layer ----

    void proxied(InetSocketAddress source, InetSocketAddress destination) {
        this.remote = Objects.requireNonNull(source);
        this.local = Objects.requireNonNull(destination);
    }

    /** Bytes arrived (I/O thread). */
    void received(IoBuffer buffer) {
        // Input drops the bytes itself while STARTTLS is under way, under the same lock as the discard.
        input.append(buffer.buf());
        synchronized (flowLock) {
            if (input.available() > server.maxBufferedInput() && !readSuspended) {
                // The engine is behind (a slow backend, or a flood): stop reading until it catches up.
                readSuspended = true;
                session.suspendRead();
            }
        }
        scheduleDrain();
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            worker.execute(() -> {
                drainScheduled.set(false);
                handler.received(this);
                synchronized (flowLock) {
                    if (readSuspended && input.available() <= server.maxBufferedInput() / 2) {
                        readSuspended = false;
                        resumeRead();
                    }
                }
            });
        }
    }

    /** Implicit TLS: the filter is in the chain before the first byte. */
    void tlsFromStart() {
        tlsActive = true;
    }
}
