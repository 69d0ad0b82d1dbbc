package dev.mailwright.core.dns;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.xbill.DNS.Name;

/**
 * Turns caller-supplied names into dnsjava {@link Name}s and back. Names are built label by label
 * from wire octets rather than parsed as master-file text, so that nothing in a name built from a
 * local part or an address (SPF macros, DNSBL queries) is read as an escape or as {@code @}.
 */
final class DnsNames {

    private static final int MAX_LABEL = 63;
    private static final int MAX_WIRE_LENGTH = 255;

    private DnsNames() {
    }

    /**
     * The absolute, lower-case A-label form of {@code name}.
     *
     * @throws IllegalArgumentException for null, empty, non-printable or over-long names and labels
     */
    static Name parse(String name) {
        if (name == null) {
            throw new IllegalArgumentException("DNS name is null");
        }
        String ascii = name;
        if (!isAscii(name)) {
            try {
                ascii = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not a valid internationalized DNS name: '" + name + "'", e);
            }
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        if (ascii.equals(".")) {
            return Name.root;
        }
        if (ascii.endsWith(".")) {
            ascii = ascii.substring(0, ascii.length() - 1);
        }
        if (ascii.isEmpty()) {
            throw new IllegalArgumentException("empty DNS name");
        }
        ByteArrayOutputStream wire = new ByteArrayOutputStream(ascii.length() + 2);
        for (String label : ascii.split("\\.", -1)) {
            byte[] octets = label.getBytes(StandardCharsets.US_ASCII);
            if (octets.length == 0) {
                throw new IllegalArgumentException("empty label in DNS name '" + name + "'");
            }
            if (octets.length > MAX_LABEL) {
                throw new IllegalArgumentException("DNS label longer than 63 octets in '" + name + "'");
            }
            for (byte octet : octets) {
                if (octet <= ' ' || octet == 0x7F) {
                    throw new IllegalArgumentException("invalid character in DNS name '" + name + "'");
                }
            }
            wire.write(octets.length);
            wire.writeBytes(octets);
        }
        wire.write(0);
        if (wire.size() > MAX_WIRE_LENGTH) {
            throw new IllegalArgumentException("DNS name longer than 255 octets: '" + name + "'");
        }
        try {
            return new Name(wire.toByteArray());
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid DNS name '" + name + "'", e);
        }
    }

    /** The presentation form callers see: lower case, no trailing dot, {@code "."} for the root. */
    static String text(Name name) {
        if (name.equals(Name.root)) {
            return ".";
        }
        return name.toString(true).toLowerCase(Locale.ROOT);
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7F) {
                return false;
            }
        }
        return true;
    }
}
