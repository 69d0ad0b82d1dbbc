package dev.mailwright.auth.dkim;

import java.util.Arrays;

/**
 * A growable byte array for the canonical header data. Unlike {@link java.io.ByteArrayOutputStream}
 * it takes no lock per byte, which made up most of the cost of canonicalising a header block.
 */
final class ByteArrayBuilder {

    private byte[] bytes;
    private int length;

    ByteArrayBuilder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    void write(int b) {
        if (length == bytes.length) {
            grow(1);
        }
        bytes[length++] = (byte) b;
    }

    void write(byte[] src, int offset, int count) {
        if (count > bytes.length - length) {
            grow(count);
        }
        System.arraycopy(src, offset, bytes, length, count);
        length += count;
    }

    int length() {
        return length;
    }

    /**
     * The array, with room for at least {@code count} bytes after {@link #length()}, for a caller
     * that writes them directly and then calls {@link #setLength}.
     */
    byte[] reserve(int count) {
        if (count > bytes.length - length) {
            grow(count);
        }
        return bytes;
    }

    /** Takes the bytes written directly after a {@link #reserve}; must not exceed what was reserved. */
    void setLength(int length) {
        if (length < this.length || length > bytes.length) {
            throw new IndexOutOfBoundsException("length " + length + " outside " + this.length + ".." + bytes.length);
        }
        this.length = length;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void grow(int extra) {
        long wanted = Math.max((long) length + extra, 2L * bytes.length);
        if (wanted > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("canonical header data too large: " + wanted + " bytes");
        }
        bytes = Arrays.copyOf(bytes, (int) wanted);
    }
}
