package dev.mailwright.core.mime;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Charset names from MIME parameters and the fallbacks for text that names none, an unknown
 * one, or US-ASCII while carrying 8-bit bytes: UTF-8 when the bytes are valid UTF-8 (what
 * such mail nearly always is today), ISO-8859-1 otherwise, which maps every byte to a
 * character so nothing is lost.
 */
final class TextCharsets {

    private TextCharsets() {
    }

    /** The charset named {@code name} (quotes and whitespace ignored), or null if unknown. */
    static Charset lookup(String name) {
        String bare = name.strip();
        if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
            bare = bare.substring(1, bare.length() - 1).strip();
        }
        if (bare.isEmpty()) {
            return null;
        }
        try {
            return Charset.forName(bare);
        } catch (IllegalArgumentException unknownOrIllegal) {
            return null;
        }
    }

    /** {@code bytes} in {@code charset}, malformed input replaced; never throws. */
    static String decode(byte[] bytes, Charset charset) {
        return decode(bytes, bytes.length, charset);
    }

    static String decode(byte[] bytes, int length, Charset charset) {
        if (charset.equals(StandardCharsets.US_ASCII)) {
            return decodeGuessing(bytes, length);
        }
        return new String(bytes, 0, length, charset);
    }

    /** {@code bytes} as UTF-8 if they are valid UTF-8 (ASCII included), else as ISO-8859-1. */
    static String decodeGuessing(byte[] bytes) {
        return decodeGuessing(bytes, bytes.length);
    }

    static String decodeGuessing(byte[] bytes, int length) {
        Charset charset = HeaderText.isValidUtf8(bytes, 0, length) ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
        return new String(bytes, 0, length, charset);
    }
}
