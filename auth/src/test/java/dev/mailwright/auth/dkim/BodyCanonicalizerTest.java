package dev.mailwright.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The streaming body canonicaliser against a plain transcription of RFC 6376 §3.4.3 and §3.4.4
 * that works on the whole body at once: random bodies built from the bytes that matter (line ends,
 * lone CRs, spaces, tabs, 8-bit bytes), fed in random pieces, with and without a length limit.
 */
class BodyCanonicalizerTest {

    private static final byte[] ALPHABET = {'a', 'b', 'c', ' ', ' ', ' ', '\t', '\r', '\n', '\r', '\n', (byte) 0xC3,
        (byte) 0xA9, '.', 0};

    @ParameterizedTest
    @EnumSource(Canonicalization.class)
    void matchesTheRfcTextOnRandomBodies(Canonicalization canon) {
        Random random = new Random(6376);
        for (int round = 0; round < 3000; round++) {
            byte[] body = randomBody(random, 1 + random.nextInt(round < 2000 ? 64 : 9000));
            byte[] expected = reference(canon, body);
            long limit = random.nextInt(4) == 0 ? random.nextInt(expected.length + 2) : Long.MAX_VALUE;
            Result result = canonicalize(canon, body, limit, random);
            String what = canon + " body " + Arrays.toString(body) + " limit " + limit;
            assertThat(result.length()).as(what).isEqualTo(expected.length);
            assertThat(result.hashed()).as(what)
                    .isEqualTo(Arrays.copyOf(expected, (int) Math.min(expected.length, limit)));
        }
    }

    @Test
    void runsThatCrossPiecesAndBlocks() {
        // Single spaces stay in a run only when the next byte is plain and in the same piece.
        byte[] body = ("x".repeat(5000) + " y  z \r\n" + "w ".repeat(3000) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (Canonicalization canon : Canonicalization.values()) {
            byte[] expected = reference(canon, body);
            for (int piece : new int[] {1, 2, 3, 4095, 4096, 4097, body.length}) {
                Result result = canonicalize(canon, body, Long.MAX_VALUE, piece);
                assertThat(result.hashed()).as("%s in pieces of %d", canon, piece).isEqualTo(expected);
            }
            Result cut = canonicalize(canon, body, 4999, 7000);
            assertThat(cut.hashed()).isEqualTo(Arrays.copyOf(expected, 4999));
            assertThat(cut.length()).isEqualTo(expected.length);
        }
    }

    private static byte[] randomBody(Random random, int length) {
        byte[] body = new byte[length];
        // Mostly plain text, so that long runs occur, with the special bytes sprinkled in.
        for (int i = 0; i < length; i++) {
            body[i] = random.nextInt(3) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + random.nextInt(26));
        }
        return body;
    }

    private record Result(byte[] hashed, long length) {
    }

    private static Result canonicalize(Canonicalization canon, byte[] body, long limit, Random random) {
        BodyCanonicalizer canonicalizer = new BodyCanonicalizer(canon, new RecordingDigest(), limit);
        int i = 0;
        while (i < body.length) {
            int n = Math.min(body.length - i, 1 + random.nextInt(random.nextBoolean() ? 8 : 5000));
            canonicalizer.update(body, i, n);
            i += n;
        }
        return new Result(canonicalizer.finish(), canonicalizer.canonicalLength());
    }

    private static Result canonicalize(Canonicalization canon, byte[] body, long limit, int piece) {
        BodyCanonicalizer canonicalizer = new BodyCanonicalizer(canon, new RecordingDigest(), limit);
        for (int i = 0; i < body.length; i += piece) {
            canonicalizer.update(body, i, Math.min(piece, body.length - i));
        }
        return new Result(canonicalizer.finish(), canonicalizer.canonicalLength());
    }

    /**
     * The RFC text: lines end at LF (a CR directly before it belongs to the line end, any other CR
     * is content); relaxed turns each run of WSP into one SP and drops WSP at the end of each line;
     * both drop empty lines at the end of the body and end the last line with CRLF; an empty body
     * is CRLF for simple and empty for relaxed.
     */
    private static byte[] reference(Canonicalization canon, byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        int kept = 0;
        StringBuilder pending = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            if (last && line.isEmpty()) {
                break;
            }
            if (!last && line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (canon == Canonicalization.RELAXED) {
                line = line.replaceAll("[ \t]+", " ");
                // Not the regex " $": its $ also matches before a final CR, which is content here.
                if (line.endsWith(" ")) {
                    line = line.substring(0, line.length() - 1);
                }
            }
            if (line.isEmpty()) {
                pending.append("\r\n");
            } else {
                out.append(pending).append(line).append("\r\n");
                pending.setLength(0);
                kept++;
            }
        }
        if (canon == Canonicalization.SIMPLE && kept == 0) {
            out.append("\r\n");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(out.toString().getBytes(StandardCharsets.ISO_8859_1));
        return bytes.toByteArray();
    }
}
