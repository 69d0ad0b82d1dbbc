package dev.mailwright.smtp.internal;

import dev.mailwright.core.net.Input;

/**
 * The message bytes that follow the current DATA or BDAT command, read from the
 * connection's input as they arrive: a dot-terminated DATA body, a BDAT chunk of exact
 * length, or the chunk of a refused BDAT, which is read and dropped.
 */
final class BodyReading {

    private final DataReader data;
    private final ChunkReader chunk;
    private final boolean lastChunk;

    private BodyReading(DataReader data, ChunkReader chunk, boolean lastChunk) {
        this.data = data;
        this.chunk = chunk;
        this.lastChunk = lastChunk;
    }

    static BodyReading data(MessageSink sink) {
        return new BodyReading(new DataReader(sink), null, false);
    }

    static BodyReading chunk(MessageSink sink, long size, boolean last) {
        return new BodyReading(null, new ChunkReader(sink, size), last);
    }

    /** A refused BDAT's chunk: its octets follow all the same and must not be taken for commands. */
    static BodyReading skip(long size) {
        return new BodyReading(null, new ChunkReader(null, size), false);
    }

    /** Consumes what the input holds of the body; true once it is complete. */
    boolean read(Input input) {
        if (isDone()) {
            return true;
        }
        if (input.available() == 0) {
            return false;
        }
        input.consume(data != null ? data : chunk);
        return isDone();
    }

    private boolean isDone() {
        return data != null ? data.isDone() : chunk.isDone();
    }

    boolean isData() {
        return data != null;
    }

    boolean isLastChunk() {
        return lastChunk;
    }

    boolean isDiscarding() {
        return chunk != null && chunk.isDiscarding();
    }

    /** For DATA: whether a bare CR or LF was seen (BDAT carries octets as they are). */
    boolean sawBareNewline() {
        return data != null && data.sawBareNewline();
    }
}
