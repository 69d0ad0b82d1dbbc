package dev.mailwright.smtp.internal;

import dev.mailwright.core.net.Input;

/**
 * Reads exactly the octets of one BDAT chunk (RFC 3030): no dot-stuffing, no end marker.
 * Without a sink the chunk is read and dropped, as after a refused BDAT command, whose
 * octets follow it on the wire all the same.
 */
final class ChunkReader implements Input.Reader {

    private final MessageSink sink;
    private long remaining;

    ChunkReader(MessageSink sink, long size) {
        this.sink = sink;
        this.remaining = size;
    }

    boolean isDone() {
        return remaining == 0;
    }

    /** Whether the chunk is being dropped rather than stored. */
    boolean isDiscarding() {
        return sink == null;
    }

    @Override
    public int read(byte[] buf, int offset, int length) {
        int n = (int) Math.min(remaining, length);
        if (sink != null) {
            sink.write(buf, offset, n);
        }
        remaining -= n;
        return n;
    }
}
