package dev.mailwright.core.mime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One MIME entity of a parsed message: its header section, what that header declares, and
 * where its header and body lie in the whole message. Immutable and safe to share.
 *
 * <p>Offsets count bytes from the first byte of the whole message, also inside encapsulated
 * messages, so any part's bytes can be read straight from the stored message. The body of
 * a multipart runs from its header's end to the end of the entity and so includes the
 * preamble, every delimiter line and the epilogue; each child's body stops before the line
 * break that precedes the next delimiter, which RFC 2046 §5.1.1 assigns to the delimiter.
 * This is what IMAP {@code BODY[TEXT]} and {@code BODY[n]} return.
 *
 * <p>Everything the header declares is read leniently and never throws: see
 * {@link #type()} for the defaults and {@link #parameters()} for the parameter rules.
 */
public final class MimePart {

    static final int OPAQUE = 1;
    static final int MESSAGE_ROOT = 2;
    static final int IN_DIGEST = 4;

    private final Headers headers;
    private final int flags;
    private final long headerOffset;
    private final long headerLength;
    private final long bodyLength;
    private final long bodyLines;
    private final List<MimePart> children;
    private final MimePart message;

    private final ContentType contentType;
    private final String transferEncoding;
    private final Disposition disposition;
    private final String id;
    private final String description;
    private final String md5;
    private final String location;
    private final List<String> language;

    MimePart(Headers headers, int flags, long headerOffset, long headerLength, long bodyLength, long bodyLines,
             List<MimePart> children, MimePart message) {
        this.headers = Objects.requireNonNull(headers, "headers");
        this.flags = flags;
        this.headerOffset = headerOffset;
        this.headerLength = headerLength;
        this.bodyLength = bodyLength;
        this.bodyLines = bodyLines;
        this.children = List.copyOf(children);
        this.message = message;
        this.contentType = (flags & OPAQUE) != 0
                ? ContentType.OPAQUE
                : ContentType.of(headers, (flags & IN_DIGEST) != 0);
        this.transferEncoding = EntityFields.transferEncoding(headers);
        this.disposition = EntityFields.disposition(headers);
        this.id = EntityFields.trimmed(headers, "Content-ID");
        this.description = EntityFields.trimmed(headers, "Content-Description");
        this.md5 = EntityFields.trimmed(headers, "Content-MD5");
        this.location = EntityFields.location(headers);
        this.language = EntityFields.language(headers);
    }

    /**
     * The lower-cased top-level media type. Without a Content-Type field it is {@code text}
     * ({@code text/plain; charset=us-ascii}, RFC 2045 §5.2), or {@code message}
     * ({@code message/rfc822}) for a child of a multipart/digest (RFC 2046 §5.1.5); a
     * syntactically invalid Content-Type also means {@code text/plain; charset=us-ascii}.
     * An {@linkplain #isOpaque() opaque} part is {@code application/octet-stream}.
     */
    public String type() {
        return contentType.type();
    }

    /** The lower-cased subtype; see {@link #type()} for the defaults. */
    public String subtype() {
        return contentType.subtype();
    }

    /**
     * The Content-Type parameters in order of appearance: names lower-cased, values
     * unquoted, RFC 2231 continuations joined and their charsets decoded (the language
     * tag is dropped), and a value made of RFC 2047 encoded words (as many clients send
     * file names) decoded, except {@code boundary}. For a defaulted type, the default's
     * parameters ({@code charset=us-ascii} for text/plain, none for message/rfc822).
     */
    public Map<String, String> parameters() {
        return contentType.parameters();
    }

    /** The {@code charset} parameter, if present (not defaulted for text parts that omit it). */
    public Optional<String> charset() {
        return Optional.ofNullable(contentType.parameters().get("charset"));
    }

    /** The Content-ID as written (angle brackets included), trimmed. */
    public Optional<String> id() {
        return Optional.ofNullable(id);
    }

    /** The Content-Description as written, RFC 2047 encoded words not decoded (IMAP sends it so). */
    public Optional<String> description() {
        return Optional.ofNullable(description);
    }

    /** The Content-MD5 value (RFC 1864), trimmed. */
    public Optional<String> md5() {
        return Optional.ofNullable(md5);
    }

    /** The Content-Location (RFC 2557) with the whitespace folding may have added removed. */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /** The lower-cased Content-Transfer-Encoding mechanism, {@code 7bit} if absent or empty. */
    public String transferEncoding() {
        return transferEncoding;
    }

    /** The Content-Disposition (RFC 2183), if present with a type. */
    public Optional<Disposition> disposition() {
        return Optional.ofNullable(disposition);
    }

    /** The Content-Language tags (RFC 3282) in order, as written; empty if absent. */
    public List<String> language() {
        return language;
    }

    /**
     * This entity's header section as parsed: for the message and for an encapsulated
     * message its RFC 5322 header, for a body part its MIME header. Fields that broke the
     * {@link HeaderLimits} (an over-long line) and lines that are not fields are left out,
     * so {@link #headerLength()}, not {@link Headers#byteLength()}, gives the section's extent.
     */
    public Headers headers() {
        return headers;
    }

    /** Offset of the header section's first byte. */
    public long headerOffset() {
        return headerOffset;
    }

    /**
     * Bytes in the header section, including the blank line that ends it; without a blank
     * line (a header cut off by a delimiter or the end of the message) up to where it was cut.
     */
    public long headerLength() {
        return headerLength;
    }

    /** Offset of the body's first byte: {@code headerOffset() + headerLength()}. */
    public long bodyOffset() {
        return headerOffset + headerLength;
    }

    /** Bytes in the body, in its transfer encoding: the IMAP BODYSTRUCTURE body size. */
    public long bodyLength() {
        return bodyLength;
    }

    /**
     * Line feeds in the body: the IMAP BODYSTRUCTURE line count for text and message parts.
     * A last line without a line break, such as the one before a delimiter, is not counted.
     */
    public long bodyLines() {
        return bodyLines;
    }

    /** Offset just past the body: {@code bodyOffset() + bodyLength()}. */
    public long partEnd() {
        return bodyOffset() + bodyLength;
    }

    /** The body parts of a multipart, in order; empty for any other entity. */
    public List<MimePart> children() {
        return children;
    }

    /** For message/rfc822 and message/global, the encapsulated message, parsed; otherwise empty. */
    public Optional<MimePart> message() {
        return Optional.ofNullable(message);
    }

    /**
     * Whether this is an open multipart. It may have no children when its boundary never
     * appears; IMAP BODYSTRUCTURE then needs a stand-in part.
     */
    public boolean isMultipart() {
        return contentType.isMultipart();
    }

    /** Whether this encapsulates a parsed message, available from {@link #message()}. */
    public boolean isMessage() {
        return message != null;
    }

    /**
     * Whether the parser did not follow what this entity's header declares because a
     * {@link MimeLimits} limit was reached, its header was cut off before its blank line,
     * its multipart boundary was missing or too long, or its encapsulated message was
     * transfer-encoded. {@link #type()} then reports {@code application/octet-stream} and
     * the body is one opaque leaf; {@link #headers()} still has the declared fields.
     */
    public boolean isOpaque() {
        return (flags & OPAQUE) != 0;
    }

    /** Whether this is the top of a message: the whole message's root or an encapsulated message. */
    public boolean isMessageRoot() {
        return (flags & MESSAGE_ROOT) != 0;
    }

    /**
     * The part at an IMAP section number relative to this entity (RFC 3501 §6.4.5 and
     * RFC 9051 §6.4.5). On a message root (see {@link #isMessageRoot()}) numbers address its
     * body: the children of a multipart, or just 1 for any other body, which is the root
     * itself. On a message/rfc822 part they address the encapsulated message's body. As in
     * Dovecot, a part that is neither a multipart nor a message has only sub-part 1, itself.
     * An empty {@code section} gives this entity.
     */
    public Optional<MimePart> find(int... section) {
        MimePart context = isMessageRoot() ? this : (message != null ? message : this);
        MimePart found = this;
        for (int n : section) {
            if (n < 1) {
                return Optional.empty();
            }
            if (context.isMultipart()) {
                if (n > context.children.size()) {
                    return Optional.empty();
                }
                found = context.children.get(n - 1);
            } else if (n == 1) {
                found = context;
            } else {
                return Optional.empty();
            }
            context = found.message != null ? found.message : found;
        }
        return Optional.of(found);
    }

    int flags() {
        return flags;
    }

    /** A rough count of heap bytes this part and everything below it hold. */
    long weight() {
        long w = 160 + 3L * headers.byteLength() + 96L * headers.size() + 48L * contentType.parameters().size();
        for (MimePart child : children) {
            w += 8 + child.weight();
        }
        if (message != null) {
            w += message.weight();
        }
        return w;
    }

    /** Equal when every offset, count, flag, header field and descendant is equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof MimePart other
                && flags == other.flags
                && headerOffset == other.headerOffset
                && headerLength == other.headerLength
                && bodyLength == other.bodyLength
                && bodyLines == other.bodyLines
                && headers.byteLength() == other.headers.byteLength()
                && headers.fields().equals(other.headers.fields())
                && children.equals(other.children)
                && Objects.equals(message, other.message);
    }

    @Override
    public int hashCode() {
        return Objects.hash(flags, headerOffset, headerLength, bodyLength, bodyLines, children.size());
    }

    @Override
    public String toString() {
        List<String> facts = new ArrayList<>(3);
        facts.add(type() + "/" + subtype());
        facts.add("header " + headerLength + "@" + headerOffset);
        facts.add("body " + bodyLength + "@" + bodyOffset() + ", " + bodyLines + " lines");
        if (!children.isEmpty()) {
            facts.add(children.size() + " children");
        }
        return "MimePart[" + String.join(", ", facts) + "]";
    }
}
