package dev.mailwright.core.mime;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Decodes quoted-printable (RFC 2045 §6.7) leniently, as its notes for robust decoders
 * suggest: "=" with two hex digits (either case) is that byte; "=" followed by optional
 * whitespace and a line break is a soft line break and vanishes; an "=" followed by anything
 * else is kept as it is; whitespace at the end of a line is dropped, since transports may
 * have added it. Hard line breaks (CRLF or bare LF) pass through unchanged.
 *
 * <p>Trailing whitespace is held back until the next byte shows whether it ends a line; a
 * run of more than {@value #MAX_HELD} whitespace bytes is released as data, which bounds the
 * memory a hostile line can take.
 */
final class QuotedPrintableDecodingStream extends FilterInputStream {

    static final int MAX_HELD = 1024;

    private final byte[] one = new byte[1];
    private final byte[] raw = new byte[8192];
    private int rawPos;
    private int rawLen;
    private boolean eof;
    private int pushedBack = -2;

    private final byte[] held = new byte[MAX_HELD + 4];
    private int heldLen;
    private final byte[] out = new byte[2 * MAX_HELD + 8];
    private int outPos;
    private int outLen;

    QuotedPrintableDecodingStream(InputStream in) {
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
                int k = Math.min(len - n, outLen - outPos);
                System.arraycopy(out, outPos, b, off + n, k);
                outPos += k;
                n += k;
                continue;
            }
            outPos = 0;
            outLen = 0;
            if (!step()) {
                break;
            }
        }
        return n == 0 && len > 0 ? -1 : n;
    }

    /** Decodes the next input unit into {@link #out}; false at end of input with nothing left. */
    private boolean step() throws IOException {
        int c = next();
        if (c < 0) {
            // Whitespace before the end of the data ends the last line: drop it.
            heldLen = 0;
            return false;
        }
        if (c == ' ' || c == '\t') {
            held[heldLen++] = (byte) c;
            if (heldLen > MAX_HELD) {
                releaseHeld();
            }
            return true;
        }
        if (c == '\r') {
            int d = next();
            if (d == '\n') {
                heldLen = 0;
                put('\r');
                put('\n');
            } else {
                unread(d);
                releaseHeld();
                put('\r');
            }
            return true;
        }
        if (c == '\n') {
            heldLen = 0;
            put('\n');
            return true;
        }
        releaseHeld();
        if (c == '=') {
            escape();
        } else {
            put(c);
        }
        return true;
    }

    /** After "=": a hex pair, a soft line break, or a literal "=". */
    private void escape() throws IOException {
        int a = next();
        int hi = hex(a);
        if (hi >= 0) {
            int b = next();
            int lo = hex(b);
            if (lo >= 0) {
                put(hi << 4 | lo);
            } else {
                put('=');
                put(a);
                unread(b);
            }
            return;
        }
        // Transport padding may sit between the "=" and the line break (RFC 2045 §6.7 rule 3).
        int padding = 0;
        byte[] pad = held;
        while ((a == ' ' || a == '\t') && padding < MAX_HELD) {
            pad[padding++] = (byte) a;
            a = next();
        }
        if (a == '\n' || a < 0) {
            return;
        }
        put('=');
        for (int i = 0; i < padding; i++) {
            put(pad[i]);
        }
        if (a == '\r') {
            int b = next();
            if (b == '\n') {
                outLen -= padding + 1;
                return;
            }
            // A CR that does not start a line break is data.
            put('\r');
            unread(b);
            return;
        }
        unread(a);
    }

    private void releaseHeld() {
        for (int i = 0; i < heldLen; i++) {
            put(held[i]);
        }
        heldLen = 0;
    }

    private void put(int b) {
        out[outLen++] = (byte) b;
    }

    private static int hex(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    private int next() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        while (rawPos == rawLen) {
            if (eof) {
                return -1;
            }
            int got = in.read(raw, 0, raw.length);
            if (got < 0) {
                eof = true;
                return -1;
            }
            rawPos = 0;
            rawLen = got;
        }
        return raw[rawPos++] & 0xff;
    }

    private void unread(int c) {
        pushedBack = c;
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
}
