package dev.mailwright.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream line by line for the MIME parser, one pass, in blocks, without ever holding
 * a whole line: each line keeps only as many leading bytes as the caller asks for, however
 * long it is. A line ends after LF; a CR directly before that LF is part of its terminator,
 * any other CR is an ordinary byte, so CR-only text is one long line.
 */
final class LineReader {

    private static final int BLOCK = 64 * 1024;

    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long offset;
    private long lineFeeds;
    private int lastByte = -1;

    private byte[] line = new byte[128];
    private long start;
    private long length;
    private int eol;
    private int kept;

    LineReader(InputStream in) {
        this(in, Long.MAX_VALUE);
    }

    /**
     * @param sizeHint how many bytes the stream holds, if known: a small message gets a
     *     small buffer, since a cold IMAP FETCH parses thousands of them in a row
     */
    LineReader(InputStream in, long sizeHint) {
        this.in = in;
        this.buf = new byte[(int) Math.max(512, Math.min(BLOCK, sizeHint + 1))];
    }

    /**
     * Advances to the next line, keeping up to {@code keep} (at least 2) of its leading
     * bytes, terminator included when it fits.
     *
     * @return false at end of input, when there is no further line
     */
    boolean next(int keep) throws IOException {
        start = offset;
        length = 0;
        eol = 0;
        kept = 0;
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            int from = pos;
            int i = from;
            byte[] b = buf;
            int end = limit;
            while (i < end && b[i] != '\n') {
                i++;
            }
            boolean lineFeed = i < end;
            int segmentEnd = lineFeed ? i + 1 : i;
            int take = (int) Math.min(keep - kept, segmentEnd - from);
            if (take > 0) {
                keepBytes(from, take);
            }
            boolean crBeforeLineFeed = lineFeed && (i > from ? b[i - 1] == '\r' : lastByte == '\r');
            if (segmentEnd > from) {
                lastByte = b[segmentEnd - 1];
            }
            length += segmentEnd - from;
            offset += segmentEnd - from;
            pos = segmentEnd;
            if (lineFeed) {
                eol = crBeforeLineFeed ? 2 : 1;
                lineFeeds++;
                break;
            }
        }
        return length > 0;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        while (n == 0) {
            n = in.read(buf, 0, buf.length);
        }
        if (n < 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    private void keepBytes(int from, int count) {
        if (kept + count > line.length) {
            line = Arrays.copyOf(line, Math.max(kept + count, 2 * line.length));
        }
        System.arraycopy(buf, from, line, kept, count);
        kept += count;
    }

    /** Offset of the current line's first byte. */
    long start() {
        return start;
    }

    /** Bytes in the current line, terminator included. */
    long length() {
        return length;
    }

    /** Bytes of the terminator: 2 for CRLF, 1 for LF, 0 for a last line without one. */
    int eol() {
        return eol;
    }

    /** Bytes before the terminator. */
    long contentLength() {
        return length - eol;
    }

    /** The kept leading bytes; valid until the next call to {@link #next}. */
    byte[] bytes() {
        return line;
    }

    /** How many leading bytes {@link #bytes()} holds. */
    int kept() {
        return kept;
    }

    /** Line feeds before the current line. */
    long lineFeedsBefore() {
        return lineFeeds - (eol > 0 ? 1 : 0);
    }

    /** Line feeds through the end of the current line. */
    long lineFeeds() {
        return lineFeeds;
    }

    /** Bytes consumed so far: the end of the current line. */
    long offset() {
        return offset;
    }
}
