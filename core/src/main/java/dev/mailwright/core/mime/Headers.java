package dev.mailwright.core.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A message's header section: its fields in order, immutable. Parsed sections keep every
 * field's exact bytes; {@link #with}, {@link #without} and {@link Builder} produce modified
 * sections. Field names are matched ignoring ASCII case.
 *
 * <p>Parsing is linear in the input and bounded by {@link HeaderLimits}. It tolerates what
 * real mail contains (RFC 5322 §4 obsolete syntax, bare LF line ends, 8-bit bytes) and
 * skips lines that are neither a field nor a continuation, counting them in
 * {@link #malformedLines()}.
 */
public final class Headers implements Iterable<HeaderField> {

    private static final Headers EMPTY = new Headers(List.of(), 2, 0);
    private static final int FIRST_CHUNK = 2048;
    private static final int CHUNK = 8192;
    private static final byte[] CRLF = {'\r', '\n'};

    private final List<HeaderField> fields;
    private final int byteLength;
    private final int malformedLines;

    Headers(List<HeaderField> fields, int byteLength, int malformedLines) {
        this.fields = List.copyOf(fields);
        this.byteLength = byteLength;
        this.malformedLines = malformedLines;
    }

    /**
     * Reads the header section from {@code in}: every byte up to and including the blank
     * line that ends it, or to end of input, and not one byte more, so that {@code in} is
     * left at the first byte of the body.
     *
     * <p>A stream that supports {@link InputStream#mark} (such as {@link java.io.BufferedInputStream}
     * or {@link java.io.ByteArrayInputStream}) is read in blocks and repositioned, which
     * replaces any mark the caller had set; any other stream is read one byte at a time, so
     * pass a buffered one. After a {@link HeaderLimitException} the stream position is
     * unspecified.
     *
     * @throws HeaderLimitException if the section breaks one of {@code limits}
     */
    public static Headers parse(InputStream in, HeaderLimits limits) throws IOException {
        Objects.requireNonNull(in, "in");
        HeaderScanner scanner = new HeaderScanner(Objects.requireNonNull(limits, "limits"), FIRST_CHUNK);
        if (in.markSupported()) {
            // Blocks grow from a size that holds a typical section, so that parsing a message
            // neither allocates nor copies much more than its header section.
            byte[] chunk = new byte[FIRST_CHUNK];
            while (!scanner.isDone()) {
                in.mark(chunk.length);
                int n = in.read(chunk, 0, chunk.length);
                if (n < 0) {
                    break;
                }
                int used = scanner.feed(chunk, 0, n);
                if (used < n) {
                    in.reset();
                    in.skipNBytes(used);
                } else if (chunk.length < CHUNK) {
                    chunk = new byte[2 * chunk.length];
                }
            }
        } else {
            byte[] one = new byte[1];
            int b;
            while (!scanner.isDone() && (b = in.read()) >= 0) {
                one[0] = (byte) b;
                scanner.feed(one, 0, 1);
            }
        }
        return scanner.finish();
    }

    /** {@link #parse(InputStream, HeaderLimits)} with {@link HeaderLimits#DEFAULT}. */
    public static Headers parse(InputStream in) throws IOException {
        return parse(in, HeaderLimits.DEFAULT);
    }

    /**
     * The header section at the start of {@code message} (a whole message or just its
     * header section); the body starts at {@link #byteLength()}. The array is not retained.
     */
    public static Headers parse(byte[] message, HeaderLimits limits) throws HeaderLimitException {
        HeaderScanner scanner = new HeaderScanner(Objects.requireNonNull(limits, "limits"), message.length);
        scanner.feed(message, 0, message.length);
        return scanner.finish();
    }

    /** {@link #parse(byte[], HeaderLimits)} with {@link HeaderLimits#DEFAULT}. */
    public static Headers parse(byte[] message) throws HeaderLimitException {
        return parse(message, HeaderLimits.DEFAULT);
    }

    /** A section without fields. */
    public static Headers empty() {
        return EMPTY;
    }

    /** A builder for a new section. */
    public static Builder builder() {
        return new Builder(List.of());
    }

    /** A builder starting from these fields. */
    public Builder toBuilder() {
        return new Builder(fields);
    }

    /** The fields in order. */
    public List<HeaderField> fields() {
        return fields;
    }

    @Override
    public Iterator<HeaderField> iterator() {
        return fields.iterator();
    }

    /** The number of fields. */
    public int size() {
        return fields.size();
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /**
     * For a parsed section, the number of bytes it occupied in the input, blank line and
     * skipped lines included: the body starts at this offset. For a built section, the
     * length of {@link #toBytes()}.
     */
    public int byteLength() {
        return byteLength;
    }

    /** Lines skipped while parsing because they were neither a field nor a continuation; 0 if built. */
    public int malformedLines() {
        return malformedLines;
    }

    /** Every field named {@code name}, in order. */
    public List<HeaderField> all(String name) {
        List<HeaderField> found = new ArrayList<>(2);
        for (HeaderField field : fields) {
            if (field.is(name)) {
                found.add(field);
            }
        }
        return List.copyOf(found);
    }

    /** The first field named {@code name}. */
    public Optional<HeaderField> first(String name) {
        for (HeaderField field : fields) {
            if (field.is(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }

    /** The last field named {@code name}. */
    public Optional<HeaderField> last(String name) {
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (fields.get(i).is(name)) {
                return Optional.of(fields.get(i));
            }
        }
        return Optional.empty();
    }

    /** The {@link HeaderField#value()} of the first field named {@code name}. */
    public Optional<String> firstValue(String name) {
        return first(name).map(HeaderField::value);
    }

    /** Whether a field named {@code name} is present. */
    public boolean contains(String name) {
        return first(name).isPresent();
    }

    /** These fields followed by {@code field}. */
    public Headers with(HeaderField field) {
        return toBuilder().add(field).build();
    }

    /** These fields followed by a new field folded by {@link HeaderField#of}. */
    public Headers with(String name, String value) {
        return with(HeaderField.of(name, value));
    }

    /** {@code field} followed by these fields: where trace fields (Received, DKIM-Signature) go. */
    public Headers withFirst(HeaderField field) {
        return toBuilder().addFirst(field).build();
    }

    /** These fields without any named {@code name}. */
    public Headers without(String name) {
        return toBuilder().remove(name).build();
    }

    /**
     * The section as bytes: each field's raw bytes (CRLF added after a field that input
     * cut off without a terminator), then CRLF for the blank line. Skipped malformed lines
     * are not included, and a parsed section keeps its own line ends, so this reproduces a
     * parsed input exactly when that ended in CRLF CRLF and had no malformed lines.
     */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fieldBytes(fields) + 2);
        try {
            writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes {@link #toBytes()} to {@code out}. */
    public void writeTo(OutputStream out) throws IOException {
        for (HeaderField field : fields) {
            field.writeTo(out);
            if (!field.isTerminated()) {
                out.write(CRLF);
            }
        }
        out.write(CRLF);
    }

    private static int fieldBytes(List<HeaderField> fields) {
        long total = 0;
        for (HeaderField field : fields) {
            total += field.rawLength() + (field.isTerminated() ? 0 : 2);
        }
        if (total > Integer.MAX_VALUE - 2) {
            throw new IllegalStateException("header section too large: " + total + " bytes");
        }
        return (int) total;
    }

    @Override
    public String toString() {
        return "Headers[" + fields.size() + " fields, " + byteLength + " bytes]";
    }

    /** Builds a header section; not thread-safe. */
    public static final class Builder {
        private final List<HeaderField> fields;

        private Builder(List<HeaderField> from) {
            this.fields = new ArrayList<>(from);
        }

        /** Appends {@code field}. */
        public Builder add(HeaderField field) {
            fields.add(Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Appends a field folded by {@link HeaderField#of}. */
        public Builder add(String name, String value) {
            return add(HeaderField.of(name, value));
        }

        /** Inserts {@code field} before all others. */
        public Builder addFirst(HeaderField field) {
            fields.add(0, Objects.requireNonNull(field, "field"));
            return this;
        }

        /** Inserts a field folded by {@link HeaderField#of} before all others. */
        public Builder addFirst(String name, String value) {
            return addFirst(HeaderField.of(name, value));
        }

        /**
         * Replaces the first field named {@code name} with a new one and removes the others
         * of that name; appends the new field if there was none.
         */
        public Builder set(String name, String value) {
            HeaderField replacement = HeaderField.of(name, value);
            int at = -1;
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).is(name)) {
                    at = i;
                    break;
                }
            }
            remove(name);
            if (at < 0) {
                fields.add(replacement);
            } else {
                fields.add(at, replacement);
            }
            return this;
        }

        /** Removes every field named {@code name}. */
        public Builder remove(String name) {
            Objects.requireNonNull(name, "name");
            fields.removeIf(field -> field.is(name));
            return this;
        }

        public Headers build() {
            return new Headers(fields, fieldBytes(fields) + 2, 0);
        }
    }
}
