package dev.mailwright.core.mime;

import java.util.Objects;

/**
 * Bounds on the MIME structure {@link MimeStructure#parse} builds. Reaching one never fails
 * the parse: the entity where it was reached becomes an opaque leaf
 * ({@code application/octet-stream}, see {@link MimePart#isOpaque()}) or, for the part
 * count, its multipart stops taking children and keeps the rest of its body unstructured.
 *
 * <p>Dovecot allows 100 nesting levels and 10000 parts; real mail rarely goes past a dozen
 * levels or a few hundred parts, so the defaults are tighter.
 *
 * @param maxDepth          nesting levels below the message (a multipart's child or an
 *                          encapsulated message is one level deeper than its parent); an
 *                          entity at this depth is not opened even if it is a multipart or
 *                          a message
 * @param maxParts          entities in the whole structure, the message itself included
 * @param headerLimits      bounds on each entity's header section: fields that do not fit
 *                          (an over-long line) are left out of {@link MimePart#headers()},
 *                          and a section past {@code maxHeaderBytes} or {@code maxFields}
 *                          makes its entity opaque; {@code maxMalformedLines} is not used,
 *                          since malformed lines are skipped and counted as fields
 * @param maxBoundaryLength characters in a multipart boundary (RFC 2046 §5.1.1 allows 70); a
 *                          multipart with a longer boundary is opaque
 * @param maxTotalHeaderBytes header bytes all entities together may keep, which bounds the
 *                          memory a parsed (and cached) structure holds whatever the message;
 *                          once it is spent, every further entity is opaque
 */
public record MimeLimits(int maxDepth, int maxParts, HeaderLimits headerLimits, int maxBoundaryLength,
                         int maxTotalHeaderBytes) {

    /** The deepest nesting any {@link MimeLimits} may allow; also bounds decoding of cached structures. */
    public static final int MAX_DEPTH = 256;

    /**
     * 32 levels, 1000 parts, {@link HeaderLimits#DEFAULT} per entity, 70-character
     * boundaries, 4 MiB of headers in all.
     */
    public static final MimeLimits DEFAULT = new MimeLimits(32, 1000, HeaderLimits.DEFAULT, 70, 4 << 20);

    public MimeLimits {
        if (maxDepth < 0 || maxDepth > MAX_DEPTH) {
            throw new IllegalArgumentException("maxDepth must be between 0 and " + MAX_DEPTH + ": " + maxDepth);
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be positive: " + maxParts);
        }
        Objects.requireNonNull(headerLimits, "headerLimits");
        if (maxBoundaryLength < 1 || maxBoundaryLength > 998) {
            throw new IllegalArgumentException("maxBoundaryLength must be between 1 and 998: " + maxBoundaryLength);
        }
        if (maxTotalHeaderBytes < 1) {
            throw new IllegalArgumentException("maxTotalHeaderBytes must be positive: " + maxTotalHeaderBytes);
        }
    }

    /** These limits with the default {@code maxTotalHeaderBytes}. */
    public MimeLimits(int maxDepth, int maxParts, HeaderLimits headerLimits, int maxBoundaryLength) {
        this(maxDepth, maxParts, headerLimits, maxBoundaryLength, 4 << 20);
    }

    /** A builder starting from {@link #DEFAULT}. */
    public static Builder builder() {
        return DEFAULT.toBuilder();
    }

    /** A builder starting from these limits. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds {@link MimeLimits}; {@link #build()} validates. */
    public static final class Builder {
        private int maxDepth;
        private int maxParts;
        private HeaderLimits headerLimits;
        private int maxBoundaryLength;
        private int maxTotalHeaderBytes;

        private Builder(MimeLimits from) {
            maxDepth = from.maxDepth;
            maxParts = from.maxParts;
            headerLimits = from.headerLimits;
            maxBoundaryLength = from.maxBoundaryLength;
            maxTotalHeaderBytes = from.maxTotalHeaderBytes;
        }

        public Builder maxDepth(int value) {
            maxDepth = value;
            return this;
        }

        public Builder maxParts(int value) {
            maxParts = value;
            return this;
        }

        public Builder headerLimits(HeaderLimits value) {
            headerLimits = value;
            return this;
        }

        public Builder maxBoundaryLength(int value) {
            maxBoundaryLength = value;
            return this;
        }

        public Builder maxTotalHeaderBytes(int value) {
            maxTotalHeaderBytes = value;
            return this;
        }

        /** @throws IllegalArgumentException naming the first invalid setting */
        public MimeLimits build() {
            return new MimeLimits(maxDepth, maxParts, headerLimits, maxBoundaryLength, maxTotalHeaderBytes);
        }
    }
}
