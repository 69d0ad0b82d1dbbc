package dev.mailwright.core.mime;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a stream line by line for the MIME parser, one pass, in blocks, without ever holding
 * a whole line: each line keeps only as many leading bytes as the caller asks for, however
 * long it is. A line ends after LF; a CR directly before that LF is part of its terminator,
 * any other CR is an ordinary byte, so CR-only text is one long line.
 *
 * <p>Beyond the kept bytes it records just enough to tell whether a long line could still
 * be a MIME delimiter: whether everything after the kept bytes is transport padding (SP or
 * HTAB), checked only for lines that start with "--".
 */
final class LineReader {

    private static final int BLOCK = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[BLOCK];
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
    private int tailNonPadding;
    private long tailNonPaddingAt;

    LineReader(InputStream in) {
        this.in = in;
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
        tailNonPadding = 0;
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
            if (take < segmentEnd - from && kept >= 2 && line[0] == '-' && line[1] == '-') {
                scanTail(from + take, i, from);
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
        int n = in.read(buf, 0, BLOCK);
        while (n == 0) {
            n = in.read(buf, 0, BLOCK);
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

    /** Counts bytes other than SP and HTAB in buf[from, to), which lie past the kept bytes. */
    private void scanTail(int from, int to, int segmentStart) {
        for (int j = from; j < to && tailNonPadding < 2; j++) {
            byte c = buf[j];
            if (c != ' ' && c != '\t') {
                tailNonPadding++;
                tailNonPaddingAt = length + (j - segmentStart);
            }
        }
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

    /**
     * For a line starting with "--": whether the line's content from {@code from} (an index
     * within the kept bytes or just past them) to its terminator is only SP and HTAB.
     */
    boolean onlyPaddingFrom(int from) {
        long content = contentLength();
        int keptContent = (int) Math.min(kept, content);
        for (int j = from; j < keptContent; j++) {
            if (line[j] != ' ' && line[j] != '\t') {
                return false;
            }
        }
        if (content <= kept) {
            return true;
        }
        // The CR of a CRLF may have been counted as a tail byte before the LF showed it was a terminator.
        return tailNonPadding == 0 || tailNonPadding == 1 && eol == 2 && tailNonPaddingAt == content;
    }
}
