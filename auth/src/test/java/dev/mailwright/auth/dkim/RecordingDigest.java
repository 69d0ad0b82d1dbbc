package dev.mailwright.auth.dkim;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;

/** A "digest" whose output is its input, to observe exactly what would be hashed. */
final class RecordingDigest extends MessageDigest {

    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    RecordingDigest() {
        super("record");
    }

    @Override
    protected void engineUpdate(byte input) {
        data.write(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
        data.write(input, offset, len);
    }

    @Override
    protected byte[] engineDigest() {
        byte[] out = data.toByteArray();
        data.reset();
        return out;
    }

    @Override
    protected void engineReset() {
        data.reset();
    }
}
