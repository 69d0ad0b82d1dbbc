package dev.mailwright.auth.dkim;

import dev.mailwright.auth.AuthenticatedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.Collection;

/**
 * Canonicalises a message body as it streams past (RFC 6376 §3.4.3, §3.4.4) and hashes the first
 * {@code limit} canonical octets. Empty lines are held back until content follows them, because
 * both algorithms drop empty lines at the end of the body; nothing else is buffered beyond a small
 * output block, so a body of any size costs constant memory. Runs of bytes that are already
 * canonical (most of any body, line ends included) are copied as runs; only empty lines, bare LFs
 * and whitespace that canonicalisation changes go through the byte-by-byte state machine.
 *
 * <p>A bare LF ends a line like CRLF; a CR not followed by LF is content.
 */
final class BodyCanonicalizer {

    private static final byte[] CRLF = {'\r', '\n'};

    private final boolean relaxed;
    private final MessageDigest digest;
    private final long limit;
    private final byte[] block = new byte[4096];
    private int blockLength;
    /** Octets hashed so far: never more than the limit. */
    private long hashed;
    /** Canonical octets passed on from the block so far, hashed or not. */
    private long flushed;
    private int emptyLines;
    private boolean lineStarted;
    private boolean pendingSpace;
    private boolean pendingCr;

    /**
     * @param limit how many canonical octets to hash ({@code l=}); {@link Long#MAX_VALUE} for all
     */
    BodyCanonicalizer(Canonicalization canonicalization, MessageDigest digest, long limit) {
        this.relaxed = canonicalization == Canonicalization.RELAXED;
        this.digest = digest;
        this.limit = limit;
    }

    /**
     * Streams the body of {@code message} once through every canonicaliser. It goes through
     * {@link InputStream#transferTo}, which lets content held in memory hand over its bytes
     * without copying them into a buffer first.
     */
    static void readBody(AuthenticatedMessage message, Collection<BodyCanonicalizer> canonicalizers)
            throws IOException {
        try (InputStream in = message.openBody()) {
            in.transferTo(new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] bytes, int offset, int length) {
                    for (BodyCanonicalizer canonicalizer : canonicalizers) {
                        canonicalizer.update(bytes, offset, length);
                    }
                }
            });
        }
    }

    void update(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (lineStarted && !pendingCr && !pendingSpace) {
                // Inside a line nothing is held back, so a run of canonical bytes goes out as it is.
                int run = contentRun(bytes, i, end);
                if (run > i) {
                    write(bytes, i, run - i);
                    i = run;
                    if (i == end) {
                        break;
                    }
                }
                if (relaxed && Canonicalization.isWsp(bytes[i])) {
                    // Whitespace between words becomes one SP without the state machine.
                    int next = i + 1;
                    while (next < end && Canonicalization.isWsp(bytes[next])) {
                        next++;
                    }
                    if (next < end && isPlain(bytes[next])) {
                        write((byte) ' ');
                        i = next;
                        continue;
                    }
                }
            }
            step(bytes[i++]);
        }
    }

    /**
     * Where the run of bytes from {@code from} that are already canonical ends: bytes other than
     * CR and LF, and for relaxed other than WSP; but a single SP followed by such a byte, and a
     * CRLF followed by a byte that starts a line with content, stay as they are too.
     */
    private int contentRun(byte[] bytes, int from, int end) {
        int i = from;
        while (i < end) {
            byte b = bytes[i];
            if ((b & 0xff) > ' ') {
                // Printable and 8-bit bytes, the bulk of any body: one test.
                i++;
            } else if (b == '\r') {
                if (i + 2 < end && bytes[i + 1] == '\n' && startsContent(bytes[i + 2])) {
                    i += 3;
                } else {
                    break;
                }
            } else if (b == '\n') {
                break;
            } else if (relaxed && Canonicalization.isWsp(b)) {
                if (b == ' ' && i + 1 < end && isPlain(bytes[i + 1])) {
                    i += 2;
                } else {
                    break;
                }
            } else {
                i++;
            }
        }
        return i;
    }

    /** Whether a line starting with {@code b} has content right away (neither empty nor, for relaxed, leading WSP). */
    private boolean startsContent(byte b) {
        return relaxed ? isPlain(b) : b != '\r' && b != '\n';
    }

    private static boolean isPlain(byte b) {
        return b != '\r' && b != '\n' && !Canonicalization.isWsp(b);
    }

    /** One byte through the line state machine. */
    private void step(byte b) {
        if (pendingCr) {
            pendingCr = false;
            if (b == '\n') {
                endLine();
                return;
            }
            content((byte) '\r');
        }
        if (b == '\r') {
            pendingCr = true;
        } else if (b == '\n') {
            endLine();
        } else if (relaxed && Canonicalization.isWsp(b)) {
            pendingSpace = true;
        } else {
            content(b);
        }
    }

    private void content(byte b) {
        if (!lineStarted) {
            for (; emptyLines > 0; emptyLines--) {
                write(CRLF[0]);
                write(CRLF[1]);
            }
            lineStarted = true;
        }
        if (pendingSpace) {
            write((byte) ' ');
            pendingSpace = false;
        }
        write(b);
    }

    private void endLine() {
        // Relaxed: whitespace at the end of a line goes; a line of only whitespace is empty.
        pendingSpace = false;
        if (lineStarted) {
            write(CRLF[0]);
            write(CRLF[1]);
            lineStarted = false;
        } else {
            emptyLines++;
        }
    }

    /** Ends the body: drops trailing empty lines, completes a last line without CRLF, and returns the hash. */
    byte[] finish() {
        if (pendingCr) {
            pendingCr = false;
            content((byte) '\r');
        }
        pendingSpace = false;
        if (lineStarted) {
            write(CRLF[0]);
            write(CRLF[1]);
            lineStarted = false;
        }
        if (!relaxed && canonicalLength() == 0) {
            // Simple: an empty body is one CRLF (§3.4.3).
            write(CRLF[0]);
            write(CRLF[1]);
        }
        flush();
        return digest.digest();
    }

    /** The canonical body length, hashed or not. */
    long canonicalLength() {
        return flushed + blockLength;
    }

    private void write(byte b) {
        block[blockLength++] = b;
        if (blockLength == block.length) {
            flush();
        }
    }

    private void write(byte[] bytes, int offset, int length) {
        int from = offset;
        int left = length;
        while (left > 0) {
            int n = Math.min(left, block.length - blockLength);
            System.arraycopy(bytes, from, block, blockLength, n);
            blockLength += n;
            from += n;
            left -= n;
            if (blockLength == block.length) {
                flush();
            }
        }
    }

    /** Hashes the block, or the part of it that is still within the limit. */
    private void flush() {
        long hashable = Math.min(blockLength, limit - hashed);
        if (hashable > 0) {
            digest.update(block, 0, (int) hashable);
            hashed += hashable;
        }
        flushed += blockLength;
        blockLength = 0;
    }
}
