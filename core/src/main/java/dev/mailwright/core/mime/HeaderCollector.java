package dev.mailwright.core.mime;

import java.util.Arrays;

/**
 * Collects one entity's header lines for the MIME parser and turns them into
 * {@link Headers} that never break the limits, so that reading a hostile header degrades
 * instead of failing: a field with a line longer than {@code maxLineLength} is left out, as
 * are lines that are neither a field nor a continuation; a section longer than
 * {@code maxHeaderBytes} (or than what is left of the structure's header budget) or with
 * more than {@code maxFields} fields keeps the fields before
 * that point and reports itself {@linkplain #overflowed() overflowed}.
 *
 * <p>The kept bytes are therefore exactly the kept fields plus the blank line, which is
 * what lets a cached structure rebuild identical {@link Headers} from them.
 */
final class HeaderCollector {

    private final HeaderLimits limits;
    private final long maxBytes;
    private byte[] buf = new byte[256];
    private int len;
    private long sectionBytes;
    private int unitStart = -1;
    private boolean dropping;
    private int fields;
    private boolean overflowed;

    /** A collector for a section of at most {@code maxBytes}, which may be less than the limits allow. */
    HeaderCollector(HeaderLimits limits, long maxBytes) {
        this.limits = limits;
        this.maxBytes = Math.min(limits.maxHeaderBytes(), maxBytes);
    }

    /** How many leading bytes of a header line the collector needs to see. */
    static int keep(HeaderLimits limits) {
        return Math.min(limits.maxLineLength(), limits.maxHeaderBytes()) + 2;
    }

    /** Adds a non-blank line whose first {@code kept} bytes are in {@code line}. */
    void add(byte[] line, int kept, long length, long contentLength) {
        sectionBytes += length;
        if (overflowed) {
            return;
        }
        boolean continuation = HeaderText.isWsp(line[0]);
        if (sectionBytes > maxBytes) {
            if (continuation && unitStart >= 0 && !dropping) {
                // The field this line continues may go on past what we keep: drop it whole.
                len = unitStart;
                fields--;
            }
            overflowed = true;
            return;
        }
        if (!continuation) {
            unitStart = len;
            dropping = contentLength > limits.maxLineLength() || !isFieldLine(line, (int) contentLength);
            if (!dropping && fields == limits.maxFields()) {
                overflowed = true;
                return;
            }
            if (!dropping) {
                fields++;
            }
        } else if (unitStart < 0) {
            dropping = true;
        } else if (!dropping && contentLength > limits.maxLineLength()) {
            dropping = true;
            len = unitStart;
            fields--;
        }
        if (!dropping) {
            append(line, (int) length);
        }
    }

    /** Whether the section broke {@code maxHeaderBytes} or {@code maxFields}. */
    boolean overflowed() {
        return overflowed;
    }

    /** The kept fields followed by {@code blankLine} bytes of the line that ended the section (0, 1 or 2). */
    Headers finish(int blankLine) {
        sectionBytes += blankLine;
        if (sectionBytes > maxBytes) {
            overflowed = true;
        }
        if (blankLine > 0) {
            append(blankLine == 2 ? new byte[] {'\r', '\n'} : new byte[] {'\n'}, blankLine);
        }
        Headers headers = build(Arrays.copyOf(buf, len), fields);
        return headers != null ? headers : Headers.empty();
    }

    /** Parses bytes that hold only fields and an optional blank line; null if they do not. */
    static Headers build(byte[] section, int fieldCount) {
        HeaderLimits exact = new HeaderLimits(Math.max(1, section.length), Math.max(1, section.length),
                Math.max(1, fieldCount), 0);
        try {
            Headers headers = Headers.parse(section, exact);
            return headers.size() == fieldCount && headers.byteLength() == section.length ? headers : null;
        } catch (HeaderLimitException e) {
            return null;
        }
    }

    private void append(byte[] src, int count) {
        if (len + count > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(len + count, 2 * buf.length));
        }
        System.arraycopy(src, 0, buf, len, count);
        len += count;
    }

    /** The scanner's rule: a name of printable ASCII without colon, optional WSP, then a colon. */
    private static boolean isFieldLine(byte[] line, int contentLength) {
        int i = 0;
        while (i < contentLength && HeaderText.isFieldNameByte(line[i])) {
            i++;
        }
        if (i == 0) {
            return false;
        }
        while (i < contentLength && HeaderText.isWsp(line[i])) {
            i++;
        }
        return i < contentLength && line[i] == ':';
    }
}
