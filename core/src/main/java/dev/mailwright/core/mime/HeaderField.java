package dev.mailwright.core.mime;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header field: its exact bytes as they appeared (or as {@link #of} folded them) and the
 * name and value read from them. Immutable and safe to share between threads.
 *
 * <p>Three views of the same field serve different readers:
 * <ul>
 *   <li>{@link #raw()}: the bytes of the whole field, from the first byte of the name through
 *       the terminator of its last line, folding included. DKIM "simple" canonicalisation and
 *       IMAP {@code BODY[HEADER.FIELDS]} use these.</li>
 *   <li>{@link #value()}: the field body after the colon, unfolded (each line break that
 *       precedes a continuation line removed, the whitespace after it kept), with the
 *       whitespace directly after the colon removed and nothing else changed: inner and
 *       trailing whitespace, comments and encoded words stay as written. DKIM "relaxed"
 *       canonicalisation starts from this, and {@code value().getBytes(charset())}
 *       gives back exactly the unfolded bytes after that leading whitespace.</li>
 *   <li>{@link #decodedValue()}: {@link #value()} with RFC 2047 encoded words decoded, for
 *       display and for searching.</li>
 * </ul>
 *
 * <p>Bytes are read as UTF-8 (RFC 6532); a field that is not valid UTF-8 is read as
 * ISO-8859-1, one character per byte, so no byte is lost or replaced.
 */
public final class HeaderField {

    /** RFC 5322 §2.1.1: no line may exceed 998 octets, excluding CRLF. */
    static final int MAX_LINE_OCTETS = 998;

    private final byte[] bytes;
    private final int offset;
    private final int length;
    private final String name;
    private final int colon;
    /**
     * The value and its charset, decoded on first use: most fields of a parsed message are only
     * ever matched by name or copied as bytes. Racy but idempotent, like {@link String#hashCode}.
     */
    private Decoded decoded;

    /**
     * A field over {@code bytes[offset, offset + length)}, which the caller must never change.
     * {@code nameEnd} and {@code colon} are absolute indexes; any whitespace between them is
     * obsolete syntax (RFC 5322 §4.5) and not part of the name.
     */
    HeaderField(byte[] bytes, int offset, int length, int nameEnd, int colon) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.name = new String(bytes, offset, nameEnd - offset, StandardCharsets.US_ASCII);
        this.colon = colon;
    }

    private record Decoded(String value, Charset charset) {
    }

    private Decoded decoded() {
        Decoded d = decoded;
        if (d == null) {
            byte[] body = bytes;
            int start = colon + 1;
            int end = bodyEnd(bytes, offset, length);
            if (containsLineFeed(bytes, start, end)) {
                body = unfold(bytes, start, end);
                start = 0;
                end = body.length;
            }
            while (start < end && HeaderText.isWsp(body[start])) {
                start++;
            }
            Charset charset = HeaderText.charsetOf(body, start, end - start);
            d = new Decoded(new String(body, start, end - start, charset), charset);
            decoded = d;
        }
        return d;
    }

    /**
     * A new field, folded at whitespace so that its lines stay within 76 octets where the
     * value allows (RFC 5322 asks for 78, RFC 2047 for 76 on lines with encoded words) and
     * never exceed 998 octets, ending in CRLF. The value is written after "{@code name: }"
     * in UTF-8; for 7-bit text pass {@code EncodedWords.encode(text, name.length() + 2)}.
     * Whitespace at the start of {@code value} is not kept: {@link #value()} of the result
     * equals {@code value} with leading whitespace removed.
     *
     * @throws IllegalArgumentException if the name is empty or not printable ASCII without a
     *     colon, the value contains CR, LF, NUL or an unpaired surrogate, or a run of the
     *     value without whitespace cannot fit a 998-octet line
     */
    public static HeaderField of(String name, String value) {
        byte[] raw = FieldFolding.fold(name, value);
        int colon = name.length();
        return new HeaderField(raw, 0, raw.length, colon, colon);
    }

    /**
     * A field from its exact bytes, as a signer that folds its own field (DKIM-Signature)
     * produces it. A missing final line terminator is added as CRLF.
     *
     * @throws IllegalArgumentException unless {@code raw} is exactly one well-formed field
     */
    public static HeaderField ofRaw(byte[] raw) {
        byte[] copy = raw.length > 0 && raw[raw.length - 1] == '\n' ? raw.clone() : terminated(raw);
        Headers parsed;
        try {
            parsed = Headers.parse(copy, HeaderLimits.builder()
                    .maxHeaderBytes(Math.max(1, copy.length))
                    .maxLineLength(MAX_LINE_OCTETS)
                    .maxMalformedLines(0)
                    .build());
        } catch (HeaderLimitException e) {
            throw new IllegalArgumentException("not a single header field: " + e.getMessage(), e);
        }
        if (parsed.size() != 1 || parsed.fields().get(0).rawLength() != copy.length) {
            throw new IllegalArgumentException("not a single header field: " + parsed.size() + " fields");
        }
        return parsed.fields().get(0);
    }

    private static byte[] terminated(byte[] raw) {
        byte[] copy = Arrays.copyOf(raw, raw.length + 2);
        copy[raw.length] = '\r';
        copy[raw.length + 1] = '\n';
        return copy;
    }

    /** The field name as written (its case kept; obsolete whitespace before the colon dropped). */
    public String name() {
        return name;
    }

    /** The unfolded field body; see the class description for exactly what is kept. */
    public String value() {
        return decoded().value();
    }

    /** {@link #value()} with RFC 2047 encoded words decoded. */
    public String decodedValue() {
        return EncodedWords.decode(value());
    }

    /** The charset {@link #value()} was read with: UTF-8, or ISO-8859-1 for invalid UTF-8. */
    public Charset charset() {
        return decoded().charset();
    }

    /** Whether this field's name is {@code name}, ignoring ASCII case. */
    public boolean is(String name) {
        return HeaderText.equalsIgnoreAsciiCase(this.name, name);
    }

    /** A copy of the field's exact bytes, folding and line terminator included. */
    public byte[] raw() {
        return Arrays.copyOfRange(bytes, offset, offset + length);
    }

    /** The number of bytes in {@link #raw()}. */
    public int rawLength() {
        return length;
    }

    /** Whether {@link #raw()} ends with a line terminator (only a field cut off by end of input does not). */
    public boolean isTerminated() {
        return length > 0 && bytes[offset + length - 1] == '\n';
    }

    /** Writes {@link #raw()} without copying it. */
    public void writeTo(OutputStream out) throws IOException {
        out.write(bytes, offset, length);
    }

    /** Equal when the raw bytes are equal. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField other
                && Arrays.equals(bytes, offset, offset + length, other.bytes, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + bytes[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return name + ": " + value();
    }

    /** Where the field body ends: before CRLF, LF, or a CR that ends the input. */
    private static int bodyEnd(byte[] bytes, int offset, int length) {
        int end = offset + length;
        if (end > offset && bytes[end - 1] == '\n') {
            end--;
        }
        if (end > offset && bytes[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    private static boolean containsLineFeed(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Removes every line break inside the field; each one precedes a continuation line. */
    private static byte[] unfold(byte[] bytes, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        int line = from;
        // Whole lines are copied at once: a folded field is a few long lines.
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                int lineEnd = i > line && bytes[i - 1] == '\r' ? i - 1 : i;
                System.arraycopy(bytes, line, out, n, lineEnd - line);
                n += lineEnd - line;
                line = i + 1;
            }
        }
        System.arraycopy(bytes, line, out, n, to - line);
        n += to - line;
        return Arrays.copyOf(out, n);
    }
}
