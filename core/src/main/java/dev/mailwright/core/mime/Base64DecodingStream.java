package dev.mailwright.core.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Decodes base64 (RFC 2045 §6.8) leniently: characters outside the alphabet, line breaks
 * among them, are ignored as §6.8 requires; "=" ends the current group, emitting the bytes
 * it completes, and decoding goes on after it, so concatenated encoded blocks survive; an
 * incomplete final group yields the whole bytes it holds.
 */
final class Base64DecodingStream extends FilterInputStream {

    private static final byte[] VALUES = new byte[256];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private final byte[] one = new byte[1];
    private final byte[] raw = new byte[8192];
    private int rawPos;
    private int rawLen;
    private final byte[] out = new byte[3];
    private int outPos;
    private int outLen;
    private int group;
    private int groupCount;
    private boolean eof;

    Base64DecodingStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int n = 0;
        while (n < len) {
            if (outPos < outLen) {
                b[off + n++] = out[outPos++];
                continue;
            }
            if (rawPos == rawLen) {
                if (eof) {
                    break;
                }
                int got = in.read(raw, 0, raw.length);
                if (got < 0) {
                    eof = true;
                    flushPartial();
                } else {
                    rawPos = 0;
                    rawLen = got;
                }
                continue;
            }
            int c = raw[rawPos++] & 0xff;
            if (c == '=') {
                flushPartial();
                continue;
            }
            int v = VALUES[c];
            if (v < 0) {
                continue;
            }
            group = group << 6 | v;
            if (++groupCount == 4) {
                if (len - n >= 3) {
                    b[off + n++] = (byte) (group >> 16);
                    b[off + n++] = (byte) (group >> 8);
                    b[off + n++] = (byte) group;
                } else {
                    setPending(3, group);
                }
                group = 0;
                groupCount = 0;
            }
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    @Override
    public int available() {
        return outLen - outPos;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long skipped = 0;
        while (skipped < n) {
            int k = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (k < 0) {
                break;
            }
            skipped += k;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void setPending(int count, int bits) {
        for (int i = 0; i < count; i++) {
            out[i] = (byte) (bits >> (8 * (count - 1 - i)));
        }
        outPos = 0;
        outLen = count;
    }

    /** Emits the whole bytes an incomplete group holds: 2 characters carry 1 byte, 3 carry 2. */
    private void flushPartial() {
        if (groupCount == 2) {
            setPending(1, group >> 4);
        } else if (groupCount == 3) {
            setPending(2, group >> 2);
        }
        group = 0;
        groupCount = 0;
    }
}
