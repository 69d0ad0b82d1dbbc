package dev.mailwright.core.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a header section into fields as its bytes arrive, one pass, constant work per byte.
 * It keeps the section's bytes (which the fields then share) and stops at the blank line
 * that ends the section, so the caller knows how many bytes belonged to it.
 *
 * <p>A line ends at LF; a CR directly before that LF belongs to the terminator, any other CR
 * is an ordinary byte of the line, and a CR that ends the input counts as a terminator.
 * A line starting with SP or HTAB continues the field before it. A line that starts neither
 * a field nor a continuation, together with its own continuation lines, is skipped and
 * counted as one malformed line.
 */
final class HeaderScanner {

    private static final int NO_UNIT = 0;
    private static final int FIELD = 1;
    private static final int SKIPPED = 2;

    private final HeaderLimits limits;
    private byte[] buf;
    private int len;
    private int lineStart;
    private int unit = NO_UNIT;
    private int unitStart;
    private int nameEnd;
    private int colon;
    /** Four ints per completed field: start, end of name, colon, end. */
    private int[] bounds = new int[64];
    private int fieldCount;
    private int malformed;
    private boolean done;

    HeaderScanner(HeaderLimits limits, int expectedBytes) {
        this.limits = limits;
        this.buf = new byte[Math.max(64, Math.min(Math.min(expectedBytes, 4096), limits.maxHeaderBytes()))];
    }

    boolean isDone() {
        return done;
    }

    /**
     * Consumes bytes up to and including the blank line that ends the section.
     *
     * @return how many of the {@code count} bytes were consumed; fewer than {@code count}
     *     only once the section is complete
     */
    int feed(byte[] src, int offset, int count) throws HeaderLimitException {
        int i = offset;
        int end = offset + count;
        while (i < end && !done) {
            int lf = indexOfLineFeed(src, i, end);
            int segmentEnd = lf < 0 ? end : lf + 1;
            append(src, i, segmentEnd - i);
            i = segmentEnd;
            if (lf < 0) {
                checkOpenLine();
            } else {
                completeLine();
            }
        }
        return i - offset;
    }

    /** Ends the section at end of input (if no blank line ended it) and returns it. */
    Headers finish() throws HeaderLimitException {
        if (!done) {
            if (lineStart < len) {
                int contentEnd = buf[len - 1] == '\r' ? len - 1 : len;
                endLine(contentEnd);
            }
            closeUnit(len);
            done = true;
        }
        byte[] section = buf.length == len ? buf : Arrays.copyOf(buf, len);
        List<HeaderField> fields = new ArrayList<>(fieldCount);
        for (int f = 0; f < fieldCount; f++) {
            int start = bounds[4 * f];
            int end = bounds[4 * f + 3];
            fields.add(new HeaderField(section, start, end - start, bounds[4 * f + 1], bounds[4 * f + 2]));
        }
        return new Headers(fields, len, malformed);
    }

    private static int indexOfLineFeed(byte[] src, int from, int to) {
        for (int i = from; i < to; i++) {
            if (src[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(byte[] src, int offset, int count) throws HeaderLimitException {
        int max = limits.maxHeaderBytes();
        if (count > max - len) {
            throw new HeaderLimitException(HeaderLimitException.Limit.HEADER_BYTES, max);
        }
        if (len + count > buf.length) {
            int grown = (int) Math.min(max, Math.max((long) len + count, 2L * buf.length));
            buf = Arrays.copyOf(buf, grown);
        }
        System.arraycopy(src, offset, buf, len, count);
        len += count;
    }

    /** Fails early on an over-long line still without its LF; the last byte may yet be a CR of CRLF. */
    private void checkOpenLine() throws HeaderLimitException {
        int max = limits.maxLineLength();
        int open = len - lineStart;
        if (open > max + 1 || open == max + 1 && buf[len - 1] != '\r') {
            throw new HeaderLimitException(HeaderLimitException.Limit.LINE_LENGTH, max);
        }
    }

    /** The line [lineStart, len) ends with LF. */
    private void completeLine() throws HeaderLimitException {
        int contentEnd = len - 1;
        if (contentEnd > lineStart && buf[contentEnd - 1] == '\r') {
            contentEnd--;
        }
        endLine(contentEnd);
        lineStart = len;
    }

    private void endLine(int contentEnd) throws HeaderLimitException {
        int max = limits.maxLineLength();
        if (contentEnd - lineStart > max) {
            throw new HeaderLimitException(HeaderLimitException.Limit.LINE_LENGTH, max);
        }
        if (contentEnd == lineStart) {
            closeUnit(lineStart);
            done = true;
            return;
        }
        if (HeaderText.isWsp(buf[lineStart])) {
            if (unit == NO_UNIT) {
                startSkipped();
            }
            return;
        }
        closeUnit(lineStart);
        int colonAt = findColon(contentEnd);
        if (colonAt < 0) {
            startSkipped();
        } else {
            if (fieldCount >= limits.maxFields()) {
                throw new HeaderLimitException(HeaderLimitException.Limit.FIELDS, limits.maxFields());
            }
            unit = FIELD;
            unitStart = lineStart;
            colon = colonAt;
        }
    }

    /** The colon of a field line (name, optional obsolete WSP, colon), setting {@link #nameEnd}; or -1. */
    private int findColon(int contentEnd) {
        int i = lineStart;
        while (i < contentEnd && HeaderText.isFieldNameByte(buf[i])) {
            i++;
        }
        if (i == lineStart) {
            return -1;
        }
        int end = i;
        while (i < contentEnd && HeaderText.isWsp(buf[i])) {
            i++;
        }
        if (i < contentEnd && buf[i] == ':') {
            nameEnd = end;
            return i;
        }
        return -1;
    }

    private void startSkipped() throws HeaderLimitException {
        if (malformed >= limits.maxMalformedLines()) {
            throw new HeaderLimitException(HeaderLimitException.Limit.MALFORMED_LINES, limits.maxMalformedLines());
        }
        malformed++;
        unit = SKIPPED;
    }

    private void closeUnit(int end) {
        if (unit == FIELD) {
            if (4 * fieldCount + 4 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[4 * fieldCount] = unitStart;
            bounds[4 * fieldCount + 1] = nameEnd;
            bounds[4 * fieldCount + 2] = colon;
            bounds[4 * fieldCount + 3] = end;
            fieldCount++;
        }
        unit = NO_UNIT;
    }
}
