package dev.mailwright.core.mime;

import java.io.IOException;
import java.util.Objects;

/**
 * A header section broke one of its {@link HeaderLimits}. The message names the limit and
 * its configured value, never the offending content, so it is safe to log or to answer a
 * client with.
 */
public final class HeaderLimitException extends IOException {

    /** Which limit was exceeded. */
    public enum Limit {
        HEADER_BYTES("header section longer than %d bytes (maxHeaderBytes)"),
        LINE_LENGTH("header line longer than %d bytes (maxLineLength)"),
        FIELDS("more than %d header fields (maxFields)"),
        MALFORMED_LINES("more than %d malformed header lines (maxMalformedLines)");

        private final String format;

        Limit(String format) {
            this.format = format;
        }
    }

    private final Limit limit;
    private final int max;

    public HeaderLimitException(Limit limit, int max) {
        super(String.format(Objects.requireNonNull(limit, "limit").format, max));
        this.limit = limit;
        this.max = max;
    }

    /** The limit that was exceeded. */
    public Limit limit() {
        return limit;
    }

    /** The configured value of that limit. */
    public int max() {
        return max;
    }
}
