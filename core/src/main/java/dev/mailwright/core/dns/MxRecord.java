package dev.mailwright.core.dns;

import java.util.Objects;

/**
 * One MX record (RFC 1035 §3.3.9).
 *
 * @param preference lower is preferred, 0 to 65535
 * @param exchange   the mail host: lower case, A-labels, no trailing dot; {@code "."} for the root
 *                   name of a null MX
 */
public record MxRecord(int preference, String exchange) {

    /** Validates the preference range. */
    public MxRecord {
        if (preference < 0 || preference > 0xFFFF) {
            throw new IllegalArgumentException("MX preference out of range: " + preference);
        }
        Objects.requireNonNull(exchange, "exchange");
        if (exchange.isEmpty()) {
            throw new IllegalArgumentException("empty MX exchange; the root name is \".\"");
        }
    }

    /**
     * Whether this is a null MX (RFC 7505 §3): the exchange is the root name, so the domain accepts
     * no mail. RFC 7505 prescribes preference 0 and no other MX records beside it; judging the whole
     * RRset is the caller's part.
     */
    public boolean isNullMx() {
        return ".".equals(exchange);
    }

    @Override
    public String toString() {
        return preference + " " + exchange;
    }
}
