package dev.mailwright.core.net;

import java.io.IOException;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;

/**
 * Raw DEFLATE in both directions (RFC 1951 without zlib framing), as IMAP COMPRESS=DEFLATE
 * (RFC 4978) asks: every write is flushed with SYNC_FLUSH so that the client can read each
 * response as soon as it arrives. Sits between TLS and the engine.
 *
 * <p>One read from the network may inflate to at most {@link #MAX_INFLATED_PER_READ}
 * bytes; a client that sends more (a "zip bomb") loses its connection. Ordinary traffic
 * stays far below that ratio, and the connection's bounded input pauses reading as usual.
 */
final class DeflateFilter extends IoFilterAdapter {

    private static final int CHUNK = 16 * 1024;
    static final int MAX_INFLATED_PER_READ = 16 << 20;

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final Inflater inflater = new Inflater(true);
    private final byte[] outChunk = new byte[CHUNK];

    /** A write whose bytes were compressed; reports the original message as sent. */
    private static final class CompressedWriteRequest extends DefaultWriteRequest {
        private final WriteRequest original;

        CompressedWriteRequest(IoBuffer compressed, WriteRequest original) {
            super(compressed, original.getFuture());
            this.original = original;
        }

        @Override
        public WriteRequest getOriginalRequest() {
            return original;
        }

        @Override
        public Object getOriginalMessage() {
            return original.getOriginalMessage();
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        if (!(message instanceof IoBuffer in)) {
            next.messageReceived(session, message);
            return;
        }
        byte[] compressed = new byte[in.remaining()];
        in.get(compressed);
        byte[] chunk = new byte[CHUNK];
        long produced = 0;
        synchronized (inflater) {
            inflater.setInput(compressed);
            while (true) {
                int n;
                try {
                    n = inflater.inflate(chunk);
                } catch (DataFormatException e) {
                    throw new IOException("invalid compressed data from client", e);
                }
                produced += n;
                if (produced > MAX_INFLATED_PER_READ) {
                    throw new IOException("compressed input expands beyond " + MAX_INFLATED_PER_READ + " bytes");
                }
                if (n > 0) {
                    next.messageReceived(session, IoBuffer.wrap(java.util.Arrays.copyOf(chunk, n)));
                }
                if (inflater.finished()) {
                    throw new IOException("client ended the compressed stream");
                }
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
            }
        }
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (!(request.getMessage() instanceof IoBuffer buffer) || !buffer.hasRemaining()) {
            next.filterWrite(session, request);
            return;
        }
        byte[] plain = new byte[buffer.remaining()];
        buffer.duplicate().get(plain);
        // Compress and pass on under one lock, so that concurrent writers keep the stream in order.
        synchronized (deflater) {
            deflater.setInput(plain);
            IoBuffer out = IoBuffer.allocate(Math.max(64, plain.length / 2)).setAutoExpand(true);
            int n;
            do {
                n = deflater.deflate(outChunk, 0, outChunk.length, Deflater.SYNC_FLUSH);
                out.put(outChunk, 0, n);
            } while (n == outChunk.length || !deflater.needsInput());
            out.flip();
            next.filterWrite(session, new CompressedWriteRequest(out, request));
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        if (request instanceof CompressedWriteRequest compressed) {
            next.messageSent(session, compressed.getOriginalRequest());
        } else {
            next.messageSent(session, request);
        }
    }

    @Override
    public void onPostRemove(IoFilterChain parent, String name, NextFilter next) {
        synchronized (deflater) {
            deflater.end();
        }
        synchronized (inflater) {
            inflater.end();
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        try {
            next.sessionClosed(session);
        } finally {
            synchronized (deflater) {
                deflater.end();
            }
            synchronized (inflater) {
                inflater.end();
            }
        }
    }
}
