package dev.mailwright.smtp.internal;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.SpoolingOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a message's bytes go as they arrive (after dot-unstuffing for DATA, as they are for
 * BDAT): a spool that keeps them in memory up to a threshold and in a temporary file beyond
 * it. It enforces the message and header size limits while streaming: past a limit it
 * stops storing, keeps counting, and says so at the end, so that the client's remaining
 * bytes are read and the reply comes where the client expects it.
 */
final class MessageSink {

    private static final Logger log = LoggerFactory.getLogger(MessageSink.class);

    /** Why the message cannot be accepted, in the order they are reported. */
    enum Problem { NONE, TOO_BIG, HEADER_TOO_BIG, STORAGE }

    private final SpoolingOutputStream spool;
    private final long maxSize;
    private final int maxHeaderBytes;
    private long size;
    private Problem problem = Problem.NONE;
    private boolean headerDone;
    private int headerBytes;
    /** Octets on the current header line other than CR and LF; zero at a line start. */
    private int headerLineLength;

    MessageSink(long maxSize, int maxHeaderBytes, int spoolThreshold, Path spoolDirectory) {
        this.maxSize = maxSize;
        this.maxHeaderBytes = maxHeaderBytes;
        this.spool = new SpoolingOutputStream(spoolThreshold, spoolDirectory);
    }

    void write(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (!headerDone) {
            trackHeader(bytes, offset, length);
        }
        size += length;
        if (problem == Problem.NONE && size > maxSize) {
            fail(Problem.TOO_BIG);
        }
        if (problem != Problem.NONE) {
            return;
        }
        try {
            spool.write(bytes, offset, length);
        } catch (IOException e) {
            log.warn("cannot spool message: {}", e.toString());
            fail(Problem.STORAGE);
        }
    }

    /** Finds the blank line that ends the header section, counting the section's octets on the way. */
    private void trackHeader(byte[] bytes, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = bytes[i];
            headerBytes++;
            if (b == '\n') {
                if (headerLineLength == 0) {
                    headerDone = true;
                    break;
                }
                headerLineLength = 0;
            } else if (b != '\r') {
                headerLineLength++;
            }
        }
        if (headerBytes > maxHeaderBytes && problem == Problem.NONE) {
            fail(Problem.HEADER_TOO_BIG);
        }
    }

    private void fail(Problem why) {
        problem = why;
        spool.discard();
    }

    /** Octets received so far, stored or not. */
    long size() {
        return size;
    }

    Problem problem() {
        return problem;
    }

    /** The stored message; only when {@link #problem()} is NONE. The caller releases it. */
    MessageContent finish() throws IOException {
        return spool.toContent();
    }

    /** Throws the bytes away; safe at any time. */
    void discard() {
        spool.discard();
    }

}
