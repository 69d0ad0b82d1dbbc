package dev.mailwright.auth.dkim;

import java.util.Locale;

/**
 * The two canonicalisation algorithms of RFC 6376 §3.4, for header fields; bodies go through
 * {@link BodyCanonicalizer}. Header fields are canonicalised from their exact bytes. Line ends are
 * taken as CRLF whether the input had CRLF or a bare LF, so that a message stored with local line
 * ends verifies as it did on the wire.
 */
public enum Canonicalization {
    /** Tolerates almost no change (§3.4.1, §3.4.3). */
    SIMPLE,
    /** Tolerates common whitespace and header-name case changes (§3.4.2, §3.4.4). */
    RELAXED;

    /** The {@code c=} spelling. */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Canonicalization fromTag(String tag) {
        if (tag.equalsIgnoreCase("simple")) {
            return SIMPLE;
        }
        if (tag.equalsIgnoreCase("relaxed")) {
            return RELAXED;
        }
        return null;
    }

    /**
     * Writes the canonical form of one header field given as its raw bytes (name, colon, value,
     * folding, line terminator). With {@code terminate} false the final CRLF is left out, as for
     * the DKIM-Signature field being verified (§3.7).
     */
    void canonicalizeHeader(byte[] raw, int length, boolean terminate, ByteArrayBuilder out) {
        if (this == SIMPLE) {
            simpleHeader(raw, length, terminate, out);
        } else {
            relaxedHeader(raw, length, terminate, out);
        }
    }

    private static void simpleHeader(byte[] raw, int length, boolean terminate, ByteArrayBuilder out) {
        int end = contentEnd(raw, length);
        int run = 0;
        for (int i = 0; i < end; i++) {
            if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) {
                out.write(raw, run, i - run);
                out.write('\r');
                run = i;
            }
        }
        out.write(raw, run, end - run);
        if (terminate) {
            out.write('\r');
            out.write('\n');
        }
    }

    private static void relaxedHeader(byte[] raw, int length, boolean terminate, ByteArrayBuilder out) {
        int end = contentEnd(raw, length);
        int colon = 0;
        while (colon < end && raw[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > 0 && isWsp(raw[nameEnd - 1])) {
            nameEnd--;
        }
        // The output is never longer than the input plus the colon and CRLF, so it is written
        // straight into the array: a call per byte would cost more than the canonicalisation.
        byte[] dst = out.reserve(end + 3);
        int n = out.length();
        for (int i = 0; i < nameEnd; i++) {
            byte b = raw[i];
            dst[n++] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }
        dst[n++] = ':';
        boolean pendingSpace = false;
        boolean started = false;
        for (int i = colon + 1; i < end; i++) {
            byte b = raw[i];
            if (b == '\n' || (b == '\r' && i + 1 < end && raw[i + 1] == '\n')) {
                // Unfolding: the line break goes; the whitespace after it stays, collapsed below.
                continue;
            }
            if (isWsp(b)) {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace) {
                dst[n++] = ' ';
                pendingSpace = false;
            }
            dst[n++] = b;
            started = true;
        }
        if (terminate) {
            dst[n++] = '\r';
            dst[n++] = '\n';
        }
        out.setLength(n);
    }

    /** The length without the field's final line terminator. */
    private static int contentEnd(byte[] raw, int length) {
        int end = length;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }

    static boolean isWsp(byte b) {
        return b == ' ' || b == '\t';
    }
}
