package dev.mailwright.core.mime;

/**
 * Bounds on a header section being parsed; exceeding one makes {@link Headers#parse} throw
 * {@link HeaderLimitException} naming it.
 *
 * <p>The defaults follow maddy and go-message. RFC 5322 §2.1.1 forbids lines over 998
 * octets, but mail from broken generators exceeds that in the wild, so the line limit is
 * 4000 octets: generous enough to accept such mail, small enough to bound one line's cost.
 *
 * @param maxHeaderBytes    octets in the header section, including the blank line that ends it
 * @param maxLineLength     octets in one physical line, excluding its line terminator
 * @param maxFields         header fields in the section
 * @param maxMalformedLines lines skipped because they are neither a field nor a continuation;
 *                          zero rejects any such line
 */
public record HeaderLimits(int maxHeaderBytes, int maxLineLength, int maxFields, int maxMalformedLines) {

    /** 1 MiB header section, 4000-octet lines, 1000 fields, 100 malformed lines. */
    public static final HeaderLimits DEFAULT = new HeaderLimits(1 << 20, 4000, 1000, 100);

    public HeaderLimits {
        requirePositive("maxHeaderBytes", maxHeaderBytes);
        requirePositive("maxLineLength", maxLineLength);
        requirePositive("maxFields", maxFields);
        if (maxMalformedLines < 0) {
            throw new IllegalArgumentException("maxMalformedLines must not be negative: " + maxMalformedLines);
        }
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requirePositive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    /** Builds {@link HeaderLimits}; {@link #build()} validates. */
    public static final class Builder {
        private int maxHeaderBytes;
        private int maxLineLength;
        private int maxFields;
        private int maxMalformedLines;

        private Builder(HeaderLimits from) {
            maxHeaderBytes = from.maxHeaderBytes;
            maxLineLength = from.maxLineLength;
            maxFields = from.maxFields;
            maxMalformedLines = from.maxMalformedLines;
        }

        public Builder maxHeaderBytes(int value) {
            maxHeaderBytes = value;
            return this;
        }

        public Builder maxLineLength(int value) {
            maxLineLength = value;
            return this;
        }

        public Builder maxFields(int value) {
            maxFields = value;
            return this;
        }

        public Builder maxMalformedLines(int value) {
            maxMalformedLines = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public HeaderLimits build() {
            return new HeaderLimits(maxHeaderBytes, maxLineLength, maxFields, maxMalformedLines);
        }
    }
}
