package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MessageContent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of randomly damaged messages (fixed seed): whatever the damage, parsing never
 * throws, offsets nest, line counts match the bytes, the binary form round-trips and every
 * part can be read and decoded.
 */
class MimeMutationTest {

    private static final String[] FRAGMENTS = {
        "\r\n", "\n", "\r", "--", "--outer", "--p4--", "--=_alt_42\r\n", "--unique-boundary-1--\r\n",
        "Content-Type: multipart/mixed; boundary=outer\r\n", "Content-Type: message/rfc822\r\n\r\n",
        "Content-Type: multipart/digest; boundary=\"d\"\r\n\r\n--d\r\n", "\r\n\r\n", " folded\r\n",
        "Content-Transfer-Encoding: base64\r\n", "=\r\n", "=3", "\u00e9", "\0",
    };

    @Test
    void damagedMessagesKeepEveryInvariant() throws IOException {
        Random random = new Random(2046);
        List<byte[]> samples = new ArrayList<>();
        for (String sample : MimeSamples.all().values()) {
            samples.add(bytes(crlf(sample)));
            samples.add(bytes(sample));
        }
        MimeLimits tight = MimeLimits.builder().maxDepth(4).maxParts(12)
                .headerLimits(HeaderLimits.builder().maxHeaderBytes(300).maxLineLength(60).maxFields(6).build())
                .maxBoundaryLength(10).maxTotalHeaderBytes(700).build();
        for (int round = 0; round < 3000; round++) {
            byte[] message = mutate(samples.get(random.nextInt(samples.size())), random);
            check(message, MimeLimits.DEFAULT);
            check(message, tight);
        }
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] message = original;
        int operations = 1 + random.nextInt(4);
        for (int i = 0; i < operations; i++) {
            int at = message.length == 0 ? 0 : random.nextInt(message.length + 1);
            int length = Math.min(message.length - at, random.nextInt(80));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(message, 0, at);
            switch (random.nextInt(5)) {
                case 0 -> out.write(message, at + length, message.length - at - length);
                case 1 -> {
                    out.write(message, at, length);
                    out.write(message, at, message.length - at);
                }
                case 2 -> {
                    out.writeBytes(bytes(FRAGMENTS[random.nextInt(FRAGMENTS.length)]));
                    out.write(message, at, message.length - at);
                }
                case 3 -> {
                    byte[] noise = new byte[1 + random.nextInt(8)];
                    random.nextBytes(noise);
                    out.writeBytes(noise);
                    out.write(message, at, message.length - at);
                }
                default -> { /* truncate */ }
            }
            message = out.toByteArray();
        }
        return message;
    }

    private static void check(byte[] message, MimeLimits limits) throws IOException {
        MessageContent content = MessageContent.of(message);
        MimeStructure structure = MimeStructure.parse(content, limits);
        assertThat(structure.size()).isEqualTo(message.length);
        assertThat(structure.root().headerOffset()).isZero();
        assertThat(structure.root().partEnd()).isEqualTo(message.length);
        int[] parts = {0};
        checkPart(structure.root(), message, content, 0, limits, parts);
        assertThat(parts[0]).isLessThanOrEqualTo(limits.maxParts());
        assertThat(MimeStructure.fromBytes(structure.toBytes())).isEqualTo(structure);
    }

    private static void checkPart(MimePart part, byte[] message, MessageContent content, int depth, MimeLimits limits,
                                  int[] parts) throws IOException {
        parts[0]++;
        assertThat(depth).isLessThanOrEqualTo(limits.maxDepth());
        assertThat(part.headerLength()).isNotNegative();
        assertThat(part.bodyLength()).isNotNegative();
        long lineFeeds = 0;
        for (long i = part.bodyOffset(); i < part.partEnd(); i++) {
            if (message[(int) i] == '\n') {
                lineFeeds++;
            }
        }
        assertThat(part.bodyLines()).isEqualTo(lineFeeds);
        if (MimeContent.canDecode(part)) {
            try (InputStream in = MimeContent.decodedBody(part, content)) {
                in.readAllBytes();
            }
        }
        assertThat(MimeContent.text(part, content, 200).length()).isLessThanOrEqualTo(200);
        assertThat(part.isOpaque() && (part.isMultipart() || part.isMessage())).isFalse();
        long previousEnd = part.bodyOffset();
        for (MimePart child : part.children()) {
            assertThat(child.headerOffset()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(child.partEnd()).isLessThanOrEqualTo(part.partEnd());
            previousEnd = child.partEnd();
            checkPart(child, message, content, depth + 1, limits, parts);
        }
        if (part.message().isPresent()) {
            MimePart inner = part.message().get();
            assertThat(inner.headerOffset()).isEqualTo(part.bodyOffset());
            assertThat(inner.partEnd()).isEqualTo(part.partEnd());
            checkPart(inner, message, content, depth + 1, limits, parts);
        }
    }
}
