package dev.mailwright.core.dns;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.RelativeNameException;

/**
 * Reads RFC 1035 master-file text with dnsjava's {@link Master}: {@code $ORIGIN}, {@code $TTL} and
 * {@code $GENERATE} work, {@code $INCLUDE} is refused so that a zone cannot pull in files from
 * elsewhere on the disk.
 */
final class ZoneParser {

    /** The largest master file read, in octets. */
    static final int MAX_TEXT = 64 * 1024 * 1024;

    private ZoneParser() {
    }

    /**
     * The records of {@code text}.
     *
     * @param source     names the text in error messages
     * @param origin     the initial origin for relative names, or null if the text must set one
     * @param defaultTtl the TTL of records without one before any {@code $TTL}, or -1 for none
     * @param maxRecords how many records the text may hold
     * @throws IllegalArgumentException naming the source and line of the first error
     */
    static List<Record> parse(String source, byte[] text, Name origin, long defaultTtl, int maxRecords) {
        if (text.length > MAX_TEXT) {
            throw new IllegalArgumentException(source + ": zone larger than " + MAX_TEXT + " octets");
        }
        List<Record> records = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(escapeNonAscii(text));
                Master master = new Master(in, origin, defaultTtl)) {
            master.disableIncludes(true);
            Record record;
            while ((record = master.nextRecord()) != null) {
                if (record.getDClass() != DClass.IN) {
                    throw new IllegalArgumentException(source + ": class " + DClass.string(record.getDClass())
                            + " at " + record.getName() + "; only IN is served");
                }
                if (records.size() == maxRecords) {
                    throw new IllegalArgumentException(source + ": more than " + maxRecords + " records");
                }
                records.add(record);
            }
        } catch (RelativeNameException e) {
            throw new IllegalArgumentException(source + ": relative name without $ORIGIN (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            // Master's messages read "<none>:LINE: problem"; the source name is ours to give.
            String message = String.valueOf(e.getMessage()).replace("<none>:", "line ");
            throw new IllegalArgumentException(source + ": " + message, e);
        }
        return records;
    }

    /**
     * dnsjava's tokenizer reads each octet as a character and later encodes strings with the
     * platform charset, which garbles octets above 0x7F. Writing them as {@code \DDD} escapes, which
     * the tokenizer decodes to the exact octet, keeps TXT data and labels byte-for-byte.
     */
    static byte[] escapeNonAscii(byte[] text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 16);
        boolean escaping = false;
        for (byte b : text) {
            int octet = b & 0xFF;
            if (octet > 0x7F) {
                if (!escaping) {
                    out.write('\\');
                }
                out.write('0' + octet / 100);
                out.write('0' + octet / 10 % 10);
                out.write('0' + octet % 10);
                escaping = false;
            } else {
                out.write(octet);
                escaping = octet == '\\' && !escaping;
            }
        }
        return out.toByteArray();
    }
}
