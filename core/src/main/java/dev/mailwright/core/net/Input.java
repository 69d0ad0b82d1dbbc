package dev.mailwright.core.net;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The bytes a client sent that the engine has not consumed yet. Filled by the network
 * layer, drained by the engine on the connection's worker. Methods are called only from
 * the connection's worker (and the network layer, under the connection's lock).
 */
public final class Input {

    /** A command line, or the notice that one was too long. */
    public record Line(byte[] bytes, boolean tooLong) {
        /** The line as ISO-8859-1 text: one char per byte, nothing lost. */
        public String latin1() {
            return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private byte[] buffer = new byte[4096];
    private int start;
    private int end;
    /** Discarding the rest of an overlong line up to its LF. */
    private boolean skippingLine;
    /** Dropping everything that arrives: plaintext sent after STARTTLS, until TLS is in place. */
    private boolean refusing;
    /** Bytes from {@code start} already searched for LF, so a slow line is scanned once. */
    private int searched;

    /** Bytes waiting. */
    public synchronized int available() {
        return end - start;
    }

    synchronized void append(ByteBuffer data) {
        if (refusing) {
            return;
        }
        int n = data.remaining();
        ensureRoom(n);
        data.get(buffer, end, n);
        end += n;
    }

    /** Test and engine use: append bytes as if received. */
    public synchronized void append(byte[] data) {
        append(ByteBuffer.wrap(data));
    }

    private void ensureRoom(int n) {
        if (buffer.length - end >= n) {
            return;
        }
        int live = end - start;
        if (buffer.length - live >= n && start >= buffer.length / 2) {
            System.arraycopy(buffer, start, buffer, 0, live);
        } else {
            byte[] bigger = new byte[Math.max(buffer.length * 2, live + n)];
            System.arraycopy(buffer, start, bigger, 0, live);
            buffer = bigger;
        }
        start = 0;
        end = live;
    }

    /**
     * The next line, without its line ending, or null when no complete line is here yet.
     * A line ends at LF; a CR right before the LF is removed, any other CR is kept for the
     * engine to judge. A line longer than {@code maxLength} bytes (without the ending) comes
     * back once as {@code tooLong} with no bytes, and the rest of it is skipped, however
     * much more of it arrives later.
     */
    public synchronized Line readLine(int maxLength) {
        while (true) {
            int lf = indexOf((byte) '\n', start + searched, end);
            searched = lf < 0 ? end - start : 0;
            if (skippingLine) {
                if (lf < 0) {
                    start = end;
                    compact();
                    return null;
                }
                start = lf + 1;
                skippingLine = false;
                continue;
            }
            if (lf < 0) {
                if (end - start > maxLength + 1) {
                    start = end;
                    skippingLine = true;
                    compact();
                    return new Line(new byte[0], true);
                }
                return null;
            }
            int lineEnd = lf > start && buffer[lf - 1] == '\r' ? lf - 1 : lf;
            if (lineEnd - start > maxLength) {
                start = lf + 1;
                compact();
                return new Line(new byte[0], true);
            }
            byte[] line = Arrays.copyOfRange(buffer, start, lineEnd);
            start = lf + 1;
            compact();
            return new Line(line, false);
        }
    }

    /** Takes up to {@code max} bytes as they are; an empty array when none are waiting. */
    public synchronized byte[] read(int max) {
        int n = Math.min(max, end - start);
        byte[] out = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        compact();
        return out;
    }

    /**
     * Lends the waiting bytes to {@code reader} without copying; it returns how many it
     * consumed, which are then dropped.
     */
    public synchronized int consume(Reader reader) {
        int used = reader.read(buffer, start, end - start);
        if (used < 0 || used > end - start) {
            throw new IllegalStateException("reader consumed " + used + " of " + (end - start) + " bytes");
        }
        start += used;
        compact();
        return used;
    }

    /**
     * Drops everything waiting and everything that arrives until {@link #accept()}: in one
     * step, so that no byte can slip in between (STARTTLS against command injection).
     */
    synchronized int refuse() {
        refusing = true;
        return discard();
    }

    /** Takes arriving bytes again. */
    synchronized void accept() {
        refusing = false;
    }

    /** Drops everything waiting; STARTTLS uses this against command injection. */
    public synchronized int discard() {
        int n = end - start;
        start = 0;
        end = 0;
        skippingLine = false;
        return n;
    }

    private void compact() {
        searched = 0;
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > 64 * 1024) {
                buffer = new byte[4096];
            }
        }
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** Reads bytes lent by {@link #consume}. */
    @FunctionalInterface
    public interface Reader {
        /** @return how many of the {@code length} bytes at {@code offset} were consumed */
        int read(byte[] bytes, int offset, int length);
    }
}
