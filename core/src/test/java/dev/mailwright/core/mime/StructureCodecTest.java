package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StructureCodecTest {

    static Stream<Arguments> samples() {
        Stream.Builder<Arguments> all = Stream.builder();
        for (Map.Entry<String, String> e : MimeSamples.all().entrySet()) {
            all.add(Arguments.of(e.getKey() + " CRLF", bytes(crlf(e.getValue()))));
            all.add(Arguments.of(e.getKey() + " LF", bytes(e.getValue())));
        }
        all.add(Arguments.of("empty", new byte[0]));
        all.add(Arguments.of("header cut", bytes("Subject: x\r\nContent-Type: multipart/mixed; boundary=b")));
        all.add(Arguments.of("malformed lines", bytes("Subject: x\r\nnot a field\r\n continued\r\nTo: y\r\n\r\nbody")));
        return all.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void roundTripsExactly(String name, byte[] message) {
        MimeStructure parsed = MimeSamples.parse(message);
        byte[] encoded = parsed.toBytes();
        MimeStructure decoded = MimeStructure.fromBytes(encoded);
        assertThat(decoded).isEqualTo(parsed);
        assertSameViews(decoded.root(), parsed.root());
        assertThat(decoded.toBytes()).isEqualTo(encoded);
        assertThat(decoded.weight()).isEqualTo(parsed.weight());
        // Compact: offsets and headers only, never the bodies.
        long headerBytes = headerBytes(parsed.root());
        assertThat((long) encoded.length).isLessThan(headerBytes + 64L * parts(parsed.root()) + 16);
    }

    private static void assertSameViews(MimePart a, MimePart b) {
        assertThat(a.type()).isEqualTo(b.type());
        assertThat(a.subtype()).isEqualTo(b.subtype());
        assertThat(a.parameters()).isEqualTo(b.parameters());
        assertThat(a.disposition()).isEqualTo(b.disposition());
        assertThat(a.transferEncoding()).isEqualTo(b.transferEncoding());
        assertThat(a.id()).isEqualTo(b.id());
        assertThat(a.language()).isEqualTo(b.language());
        assertThat(a.isOpaque()).isEqualTo(b.isOpaque());
        assertThat(a.headers().byteLength()).isEqualTo(b.headers().byteLength());
        for (int i = 0; i < a.children().size(); i++) {
            assertSameViews(a.children().get(i), b.children().get(i));
        }
        if (a.message().isPresent()) {
            assertSameViews(a.message().get(), b.message().get());
        }
    }

    private static long headerBytes(MimePart part) {
        long n = part.headers().byteLength();
        for (MimePart child : part.children()) {
            n += headerBytes(child);
        }
        return n + part.message().map(StructureCodecTest::headerBytes).orElse(0L);
    }

    private static int parts(MimePart part) {
        int n = 1;
        for (MimePart child : part.children()) {
            n += parts(child);
        }
        return n + part.message().map(StructureCodecTest::parts).orElse(0);
    }

    @Test
    void rejectsCorruptInput() {
        byte[] good = MimeSamples.parse(bytes(crlf(MimeSamples.IMAP_SECTIONS))).toBytes();
        assertThatThrownBy(() -> MimeStructure.fromBytes(new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too short");
        assertThatThrownBy(() -> MimeStructure.fromBytes(Arrays.copyOf(good, good.length - 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt MIME structure");
        byte[] wrongMagic = good.clone();
        wrongMagic[0] = 'X';
        assertThatThrownBy(() -> MimeStructure.fromBytes(wrongMagic)).hasMessageContaining("not a MIME structure");
        byte[] wrongVersion = good.clone();
        wrongVersion[4] = 99;
        assertThatThrownBy(() -> MimeStructure.fromBytes(wrongVersion)).hasMessageContaining("unknown version 99");
        for (int i = 5; i < good.length; i++) {
            byte[] flipped = good.clone();
            flipped[i] ^= 0x20;
            assertThatThrownBy(() -> MimeStructure.fromBytes(flipped))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("corrupt MIME structure");
        }
    }

    /** Writes the binary form by hand, to forge structures the parser never makes. */
    private static final class Forge {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        Forge(long size) {
            out.writeBytes(new byte[] {'M', 'W', 'M', 'S', 1});
            varint(size);
        }

        Forge varint(long value) {
            while ((value & ~0x7fL) != 0) {
                out.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            out.write((int) value);
            return this;
        }

        /** A part header: flags, offsets, counts and its header section. */
        Forge part(int flags, long headerOffset, long headerLength, long bodyLength, long lines, String header,
                   int fields) {
            varint(flags).varint(headerOffset).varint(headerLength).varint(bodyLength).varint(lines);
            byte[] section = bytes(header);
            varint(fields).varint(section.length);
            out.writeBytes(section);
            return this;
        }

        Forge raw(int b) {
            out.write(b);
            return this;
        }

        byte[] sealed() {
            byte[] body = out.toByteArray();
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(body);
            long v = crc.getValue();
            byte[] all = Arrays.copyOf(body, body.length + 4);
            all[body.length] = (byte) (v >>> 24);
            all[body.length + 1] = (byte) (v >>> 16);
            all[body.length + 2] = (byte) (v >>> 8);
            all[body.length + 3] = (byte) v;
            return all;
        }
    }

    @Test
    void forgeMatchesTheRealFormat() {
        byte[] message = bytes("Subject: x\r\n\r\nbody\r\n");
        byte[] forged = new Forge(message.length).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, "Subject: x\r\n\r\n", 1)
                .varint(0).raw(0).sealed();
        assertThat(forged).isEqualTo(MimeSamples.parse(message).toBytes());
    }

    @Test
    void rejectsImpossibleStructuresEvenWithAValidChecksum() {
        String text = "Subject: x\r\n\r\n";
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 7, text, 1)
                .varint(0).raw(0).sealed())).hasMessageContaining("part outside its parent");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 60, 1, text, 1)
                .varint(0).raw(0).sealed())).hasMessageContaining("part outside its parent");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(0, 0, 14, 6, 1, text, 1)
                .varint(0).raw(0).sealed())).hasMessageContaining("message root flag mismatch");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, text, 2)
                .varint(0).raw(0).sealed())).hasMessageContaining("malformed header section");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, text, 1)
                .varint(0).raw(2).sealed())).hasMessageContaining("bad message marker");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, text, 1)
                .varint(0).raw(0).raw(0).sealed())).hasMessageContaining("trailing bytes");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, text, 1)
                .varint(1).part(0, 14, 2, 0, 0, "\r\n", 0).varint(0).raw(0).raw(0).sealed()))
                .hasMessageContaining("children under a part that is not a multipart");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(20).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, text, 1)
                .varint(0).raw(1).part(MimePart.MESSAGE_ROOT, 14, 2, 0, 0, "\r\n", 0).varint(0).raw(0).sealed()))
                .hasMessageContaining("encapsulated message mismatch");
        assertThatThrownBy(() -> MimeStructure.fromBytes(new Forge(1L << 62).part(MimePart.MESSAGE_ROOT, 0, 14, 6, 1, text, 1)
                .varint(0).sealed())).hasMessageContaining("truncated");
    }

    @Test
    void rejectsNestingDeeperThanAnyLimitAllows() {
        String header = "Content-Type: message/rfc822\r\n\r\n";
        int levels = MimeLimits.MAX_DEPTH + 2;
        long size = (long) header.length() * levels;
        Forge forge = new Forge(size);
        for (int i = 0; i < levels; i++) {
            long offset = (long) i * header.length();
            forge.part(MimePart.MESSAGE_ROOT, offset, header.length(), size - offset - header.length(), 0, header, 1)
                    .varint(0).raw(i < levels - 1 ? 1 : 0);
        }
        assertThatThrownBy(() -> MimeStructure.fromBytes(forge.sealed())).hasMessageContaining("nested deeper than");
    }
}
