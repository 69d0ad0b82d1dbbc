package dev.mailwright.core.mime;

import dev.mailwright.core.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Objects;

/**
 * Reads parts of a stored message through its {@link MimeStructure}: raw byte ranges for
 * IMAP {@code BODY[section]}, bodies with their Content-Transfer-Encoding removed for
 * {@code BINARY[section]} (RFC 3516), and body text as a Java string for
 * {@code SEARCH BODY}/{@code TEXT}. Every stream reads the message lazily and holds at most a
 * small buffer; close it when done.
 */
public final class MimeContent {

    private MimeContent() {
    }

    /**
     * {@code length} bytes of {@code content} from {@code offset}, as a stream that skips to
     * the offset and stops after the length (or at the end of the content).
     *
     * @throws IllegalArgumentException if {@code offset} or {@code length} is negative
     */
    public static InputStream slice(MessageContent content, long offset, long length) throws IOException {
        Objects.requireNonNull(content, "content");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative slice: offset " + offset + ", length " + length);
        }
        InputStream in = content.open();
        try {
            long toSkip = Math.min(offset, content.size());
            long skipped = in.skip(toSkip);
            while (skipped < toSkip) {
                long n = in.skip(toSkip - skipped);
                if (n <= 0) {
                    if (in.read() < 0) {
                        break;
                    }
                    n = 1;
                }
                skipped += n;
            }
            return new BoundedInputStream(in, length);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The part's header section as stored (IMAP {@code BODY[section.MIME]}, or {@code HEADER} of a message root). */
    public static InputStream header(MimePart part, MessageContent content) throws IOException {
        return slice(content, part.headerOffset(), part.headerLength());
    }

    /** The part's body as stored, still transfer-encoded (IMAP {@code BODY[section]} and {@code TEXT}). */
    public static InputStream body(MimePart part, MessageContent content) throws IOException {
        return slice(content, part.bodyOffset(), part.bodyLength());
    }

    /**
     * Whether {@link #decodedBody} can remove the part's Content-Transfer-Encoding: true for
     * 7bit, 8bit, binary, base64 and quoted-printable. IMAP {@code BINARY} answers
     * {@code [UNKNOWN-CTE]} when this is false.
     */
    public static boolean canDecode(MimePart part) {
        return isKnownEncoding(part.transferEncoding());
    }

    /** Whether {@code encoding} (lower-case) is one of the five RFC 2045 mechanisms. */
    public static boolean isKnownEncoding(String encoding) {
        return switch (encoding) {
            case "7bit", "8bit", "binary", "base64", "quoted-printable" -> true;
            default -> false;
        };
    }

    /**
     * The part's body with its Content-Transfer-Encoding removed, decoded leniently: base64
     * ignores characters outside its alphabet and tolerates missing padding, and
     * quoted-printable drops soft line breaks and keeps malformed escapes as they are.
     *
     * @throws UnknownEncodingException if the encoding is not one {@link #canDecode} accepts
     */
    public static InputStream decodedBody(MimePart part, MessageContent content) throws IOException {
        String encoding = part.transferEncoding();
        if (!isKnownEncoding(encoding)) {
            throw new UnknownEncodingException(encoding);
        }
        return decoding(encoding, body(part, content));
    }

    /**
     * The number of bytes {@link #decodedBody} yields, for IMAP {@code BINARY.SIZE}; reads
     * the body for base64 and quoted-printable.
     *
     * @throws UnknownEncodingException if the encoding is not one {@link #canDecode} accepts
     */
    public static long decodedSize(MimePart part, MessageContent content) throws IOException {
        String encoding = part.transferEncoding();
        if (!isKnownEncoding(encoding)) {
            throw new UnknownEncodingException(encoding);
        }
        if (!encoding.equals("base64") && !encoding.equals("quoted-printable")) {
            return part.bodyLength();
        }
        try (InputStream in = decodedBody(part, content)) {
            byte[] sink = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(sink)) >= 0) {
                total += n;
            }
            return total;
        }
    }

    private static InputStream decoding(String encoding, InputStream raw) {
        return switch (encoding) {
            case "base64" -> new Base64DecodingStream(raw);
            case "quoted-printable" -> new QuotedPrintableDecodingStream(raw);
            default -> raw;
        };
    }

    /**
     * Up to {@code maxChars} characters of the part's body as text: transfer encoding
     * removed (an unknown one is read as is), then decoded with the part's charset. Text
     * without a charset, in US-ASCII, or in a charset Java does not know is read as UTF-8
     * when it is valid UTF-8 and as ISO-8859-1 otherwise; malformed input in a known
     * charset becomes U+FFFD. Charset trouble never throws.
     *
     * @throws IOException only if reading the content fails
     */
    public static String text(MimePart part, MessageContent content, int maxChars) throws IOException {
        if (maxChars < 0) {
            throw new IllegalArgumentException("maxChars must not be negative: " + maxChars);
        }
        if (maxChars == 0) {
            return "";
        }
        String encoding = part.transferEncoding();
        InputStream raw = body(part, content);
        // Four bytes per character cover every charset's longest sequence but ISO-2022 escapes.
        int maxBytes = (int) Math.min((long) maxChars * 4, Integer.MAX_VALUE - 8);
        byte[] bytes;
        try (InputStream in = isKnownEncoding(encoding) ? decoding(encoding, raw) : raw) {
            bytes = in.readNBytes(maxBytes);
        }
        int length = bytes.length;
        if (length == maxBytes) {
            length = completeUtf8Prefix(bytes, length);
        }
        Charset charset = part.charset().map(TextCharsets::lookup).orElse(null);
        String text = charset == null
                ? TextCharsets.decodeGuessing(bytes, length)
                : TextCharsets.decode(bytes, length, charset);
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = maxChars;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut);
    }

    /** Drops a UTF-8 sequence cut off at the end, so that a truncated body still reads as UTF-8. */
    private static int completeUtf8Prefix(byte[] bytes, int length) {
        int i = length - 1;
        int back = 0;
        while (i >= 0 && back < 3 && (bytes[i] & 0xc0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) {
            return length;
        }
        int lead = bytes[i] & 0xff;
        int need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
        return lead >= 0xc0 && length - i < need ? i : length;
    }
}
