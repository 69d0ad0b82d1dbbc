package dev.mailwright.imap.internal.mailbox;

/**
 * The modified UTF-7 of IMAP mailbox names (RFC 3501 §5.1.3). Decoding is strict: only
 * the one canonical encoding of a name is accepted, so that a name cannot be smuggled past
 * validation in a second spelling. Refused are encoded printable ASCII (such as
 * {@code &AC4-} for {@code .}), adjacent encoded runs, non-zero padding bits, unpaired
 * surrogates, unterminated runs and raw characters outside printable ASCII.
 */
public final class ModifiedUtf7 {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    private ModifiedUtf7() {}

    /** A name that is not canonical modified UTF-7. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length() + 8);
        int i = 0;
        while (i < name.length()) {
            char c = name.charAt(i);
            if (c >= 0x20 && c <= 0x7e) {
                out.append(c == '&' ? "&-" : String.valueOf(c));
                i++;
                continue;
            }
            int start = i;
            while (i < name.length() && (name.charAt(i) < 0x20 || name.charAt(i) > 0x7e)) {
                i++;
            }
            out.append('&');
            int bits = 0;
            int buffer = 0;
            for (int j = start; j < i; j++) {
                buffer = (buffer << 16) | name.charAt(j);
                bits += 16;
                while (bits >= 6) {
                    bits -= 6;
                    out.append(ALPHABET.charAt((buffer >> bits) & 0x3F));
                }
            }
            if (bits > 0) {
                out.append(ALPHABET.charAt((buffer << (6 - bits)) & 0x3F));
            }
            out.append('-');
        }
        return out.toString();
    }

    public static String decode(String wire) throws MalformedException {
        StringBuilder out = new StringBuilder(wire.length());
        int i = 0;
        boolean previousWasEncoded = false;
        while (i < wire.length()) {
            char c = wire.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new MalformedException("character outside printable ASCII");
            }
            if (c != '&') {
                out.append(c);
                i++;
                previousWasEncoded = false;
                continue;
            }
            int end = wire.indexOf('-', i + 1);
            if (end < 0) {
                throw new MalformedException("unterminated '&' run");
            }
            if (end == i + 1) {
                out.append('&');
                i = end + 1;
                previousWasEncoded = false;
                continue;
            }
            if (previousWasEncoded) {
                throw new MalformedException("adjacent encoded runs");
            }
            decodeRun(wire, i + 1, end, out);
            i = end + 1;
            previousWasEncoded = true;
        }
        return out.toString();
    }

    private static void decodeRun(String wire, int from, int to, StringBuilder out) throws MalformedException {
        int buffer = 0;
        int bits = 0;
        int start = out.length();
        for (int k = from; k < to; k++) {
            int v = ALPHABET.indexOf(wire.charAt(k));
            if (v < 0) {
                throw new MalformedException("invalid character in encoded run");
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 16) {
                bits -= 16;
                char ch = (char) ((buffer >> bits) & 0xFFFF);
                if (ch >= 0x20 && ch <= 0x7e) {
                    throw new MalformedException("printable ASCII encoded in a run");
                }
                out.append(ch);
                buffer &= (1 << bits) - 1;
            }
        }
        if (bits >= 6 || buffer != 0) {
            throw new MalformedException("non-canonical padding in encoded run");
        }
        for (int k = start; k < out.length(); k++) {
            char ch = out.charAt(k);
            if (Character.isHighSurrogate(ch)) {
                if (k + 1 >= out.length() || !Character.isLowSurrogate(out.charAt(k + 1))) {
                    throw new MalformedException("unpaired surrogate");
                }
                k++;
            } else if (Character.isLowSurrogate(ch)) {
                throw new MalformedException("unpaired surrogate");
            }
        }
    }
}
