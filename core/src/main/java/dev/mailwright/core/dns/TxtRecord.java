package dev.mailwright.core.dns;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TXT record: a sequence of character-strings of up to 255 octets each (RFC 1035 §3.3.14).
 * Users of TXT records (SPF, DKIM, DMARC, MTA-STS, TLS-RPT) join the strings without separators,
 * which {@link #text()} does.
 *
 * <p>A TXT record holds octets, not characters. {@link #text()} decodes them as UTF-8 and, when they
 * are not valid UTF-8, as ISO-8859-1, which maps every octet to one character and so loses nothing;
 * {@link #bytes()} gives the octets themselves for callers that must tell the cases apart. ASCII, all
 * that SPF, DKIM and DMARC records may contain, reads the same either way.
 */
public final class TxtRecord {

    private final byte[][] strings;

    private TxtRecord(byte[][] strings) {
        this.strings = strings;
    }

    /** A record of the given character-strings, each 0 to 255 octets; the arrays are copied. */
    public static TxtRecord of(List<byte[]> strings) {
        byte[][] copy = new byte[strings.size()][];
        for (int i = 0; i < copy.length; i++) {
            byte[] string = strings.get(i);
            if (string.length > 255) {
                throw new IllegalArgumentException("TXT character-string longer than 255 octets: " + string.length);
            }
            copy[i] = string.clone();
        }
        return new TxtRecord(copy);
    }

    /** A record of the given strings, each encoded as UTF-8. */
    public static TxtRecord ofText(String... strings) {
        List<byte[]> encoded = new ArrayList<>(strings.length);
        for (String string : strings) {
            encoded.add(string.getBytes(StandardCharsets.UTF_8));
        }
        return of(encoded);
    }

    /** The character-strings joined without separators, decoded as described on the class. */
    public String text() {
        return decode(bytes());
    }

    /** The octets of all character-strings joined without separators. */
    public byte[] bytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] string : strings) {
            out.writeBytes(string);
        }
        return out.toByteArray();
    }

    /**
     * Each character-string on its own, decoded like {@link #text()} one by one; a UTF-8 sequence
     * split across two strings therefore reads differently here than in {@link #text()}.
     */
    public List<String> strings() {
        List<String> decoded = new ArrayList<>(strings.length);
        for (byte[] string : strings) {
            decoded.add(decode(string));
        }
        return List.copyOf(decoded);
    }

    private static String decode(byte[] octets) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(octets))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(octets, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TxtRecord that && Arrays.deepEquals(strings, that.strings);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(strings);
    }

    /** The strings in presentation format, each quoted, with non-printable octets as {@code \DDD}. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        for (byte[] string : strings) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append('"');
            for (byte b : string) {
                int octet = b & 0xFF;
                if (octet == '"' || octet == '\\') {
                    out.append('\\').append((char) octet);
                } else if (octet < 0x20 || octet > 0x7E) {
                    out.append('\\').append(String.format("%03d", octet));
                } else {
                    out.append((char) octet);
                }
            }
            out.append('"');
        }
        return out.toString();
    }
}
