package dev.mailwright.core.mime;

import dev.mailwright.core.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * The MIME structure of one message: every entity with its header, what the header
 * declares, and the byte offsets of its header and body in the message. Immutable and
 * thread-safe; meant to be parsed once per message and cached, in memory (see
 * {@link #weight()}) or on disk and in a database (see {@link #toBytes()}).
 *
 * <p>Parsing reads the message once, as a stream, and never holds its body. Malformed MIME
 * never fails it: defaults and lenient readings apply as RFC 2045 and RFC 2046 suggest, and
 * what breaks a {@link MimeLimits} limit becomes opaque. The IMAP engine answers
 * BODYSTRUCTURE, ENVELOPE, {@code BODY[section]} and {@code BINARY[section]} from this and
 * the stored message bytes.
 */
public final class MimeStructure {

    private final MimePart root;
    private final long size;
    private final long weight;

    MimeStructure(MimePart root, long size) {
        this.root = Objects.requireNonNull(root, "root");
        this.size = size;
        this.weight = 48 + root.weight();
    }

    /** Parses {@code content} with {@link MimeLimits#DEFAULT}. */
    public static MimeStructure parse(MessageContent content) throws IOException {
        return parse(content, MimeLimits.DEFAULT);
    }

    /**
     * Parses {@code content} in one pass over {@link MessageContent#open()}.
     *
     * @throws IOException only if reading the content fails
     */
    public static MimeStructure parse(MessageContent content, MimeLimits limits) throws IOException {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(limits, "limits");
        try (InputStream in = content.open()) {
            return new MimeParser(limits).parse(in, content.size());
        }
    }

    /**
     * Parses the message {@code in} holds, from its current position to its end, with
     * {@code limits}; offsets count from that position. The stream is read in blocks and
     * not closed.
     */
    public static MimeStructure parse(InputStream in, MimeLimits limits) throws IOException {
        return new MimeParser(Objects.requireNonNull(limits, "limits")).parse(Objects.requireNonNull(in, "in"));
    }

    /** The whole message as an entity: its header is the message header. */
    public MimePart root() {
        return root;
    }

    /** Bytes in the message. */
    public long size() {
        return size;
    }

    /**
     * The part at an IMAP section number such as {@code 4, 2, 1} for {@code 4.2.1}
     * (RFC 3501 §6.4.5); see {@link MimePart#find}. No numbers give the root.
     */
    public Optional<MimePart> find(int... section) {
        return root.find(section);
    }

    /** A rough estimate of the heap bytes this structure holds, for cache weighers. */
    public long weight() {
        return weight;
    }

    /**
     * A compact, versioned binary form for caches, which {@link #fromBytes} turns back into
     * an equal structure. It holds the offsets, counts and header bytes, not the body.
     */
    public byte[] toBytes() {
        return StructureCodec.encode(this);
    }

    /**
     * The structure {@link #toBytes()} produced.
     *
     * @throws IllegalArgumentException if {@code bytes} are corrupt, truncated, of an unknown
     *     version, or describe an impossible structure
     */
    public static MimeStructure fromBytes(byte[] bytes) {
        return StructureCodec.decode(bytes);
    }

    /** Equal when the sizes and every part are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MimeStructure other && size == other.size && root.equals(other.root);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(size) * 31 + root.hashCode();
    }

    @Override
    public String toString() {
        return "MimeStructure[" + size + " bytes, " + root + "]";
    }
}
