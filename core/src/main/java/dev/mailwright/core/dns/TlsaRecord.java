package dev.mailwright.core.dns;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One TLSA record (RFC 6698 §2.1). The fields are kept as numbers so that values this code does not
 * know are still seen by the caller; RFC 7672 §2.2 tells DANE clients to treat such records as
 * unusable rather than to drop them silently.
 *
 * @param usage        certificate usage (0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE)
 * @param selector     0 full certificate, 1 SubjectPublicKeyInfo
 * @param matchingType 0 exact, 1 SHA-256, 2 SHA-512
 * @param data         certificate association data; the accessor returns a copy
 */
public record TlsaRecord(int usage, int selector, int matchingType, byte[] data) {

    /** Validates the 8-bit fields and copies the data. */
    public TlsaRecord {
        checkOctet("usage", usage);
        checkOctet("selector", selector);
        checkOctet("matching type", matchingType);
        data = data.clone();
    }

    private static void checkOctet(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("TLSA " + field + " out of range: " + value);
        }
    }

    /** The certificate association data (a copy). */
    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TlsaRecord that
                && usage == that.usage
                && selector == that.selector
                && matchingType == that.matchingType
                && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return ((usage * 31 + selector) * 31 + matchingType) * 31 + Arrays.hashCode(data);
    }

    /** The presentation format of RFC 6698 §2.2, e.g. {@code 3 1 1 0a1b...}. */
    @Override
    public String toString() {
        return usage + " " + selector + " " + matchingType + " " + HexFormat.of().formatHex(data);
    }
}
