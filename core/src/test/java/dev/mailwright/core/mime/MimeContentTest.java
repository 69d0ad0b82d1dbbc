package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MimeContentTest {

    /** A one-part message with this Content-Type and Content-Transfer-Encoding and body bytes. */
    private static MessageContent single(String contentType, String encoding, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes("Subject: test\r\n"));
        if (contentType != null) {
            out.writeBytes(bytes("Content-Type: " + contentType + "\r\n"));
        }
        if (encoding != null) {
            out.writeBytes(bytes("Content-Transfer-Encoding: " + encoding + "\r\n"));
        }
        out.writeBytes(bytes("\r\n"));
        out.writeBytes(body);
        return MessageContent.of(out.toByteArray());
    }

    private static MimePart rootOf(MessageContent content) throws IOException {
        return MimeStructure.parse(content).root();
    }

    /** Decodes three ways: one byte at a time, in 2-byte reads, and all at once; all must agree. */
    private static byte[] decoded(MessageContent content) throws IOException {
        MimePart part = rootOf(content);
        byte[] all;
        try (InputStream in = MimeContent.decodedBody(part, content)) {
            all = in.readAllBytes();
        }
        ByteArrayOutputStream single = new ByteArrayOutputStream();
        try (InputStream in = MimeContent.decodedBody(part, content)) {
            int b;
            while ((b = in.read()) >= 0) {
                single.write(b);
            }
        }
        ByteArrayOutputStream pairs = new ByteArrayOutputStream();
        try (InputStream in = MimeContent.decodedBody(part, content)) {
            byte[] two = new byte[2];
            int n;
            while ((n = in.read(two, 0, 2)) >= 0) {
                pairs.write(two, 0, n);
            }
        }
        assertThat(single.toByteArray()).isEqualTo(all);
        assertThat(pairs.toByteArray()).isEqualTo(all);
        assertThat(MimeContent.decodedSize(part, content)).isEqualTo(all.length);
        return all;
    }

    private static String decodedText(String encoding, String body) throws IOException {
        return new String(decoded(single("text/plain", encoding, bytes(body))), StandardCharsets.ISO_8859_1);
    }

    @Test
    void sliceSkipsAndStops() throws IOException {
        MessageContent content = MessageContent.of(bytes("0123456789"));
        try (InputStream in = MimeContent.slice(content, 3, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456");
        }
        try (InputStream in = MimeContent.slice(content, 8, 100)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("89");
        }
        try (InputStream in = MimeContent.slice(content, 50, 5)) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        try (InputStream in = MimeContent.slice(content, 0, 0)) {
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThatThrownBy(() -> MimeContent.slice(content, -1, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MimeContent.slice(content, 1, -2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerAndBodyOfAPart() throws IOException {
        byte[] message = bytes(crlf(MimeSamples.IMAP_SECTIONS));
        MessageContent content = MessageContent.of(message);
        MimePart part = MimeStructure.parse(content).find(4, 1).orElseThrow();
        try (InputStream header = MimeContent.header(part, content); InputStream body = MimeContent.body(part, content)) {
            assertThat(new String(header.readAllBytes(), StandardCharsets.US_ASCII))
                    .isEqualTo("Content-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\n");
            assertThat(new String(body.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("R0lGODlhAQABAAAAACw=");
        }
        try (InputStream in = MimeContent.decodedBody(part, content)) {
            assertThat(in.readAllBytes()).isEqualTo(Base64.getDecoder().decode("R0lGODlhAQABAAAAACw="));
        }
    }

    @Test
    void base64MatchesTheJdkForEveryLengthAndLineBreaking() throws IOException {
        Random random = new Random(2045);
        for (int length = 0; length < 200; length += 1 + length / 10) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            String encoded = Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
            assertThat(decoded(single("application/octet-stream", "base64", bytes(encoded + "\r\n")))).isEqualTo(data);
            String lfBroken = Base64.getMimeEncoder(4, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(data);
            assertThat(decoded(single("application/octet-stream", "BASE64", bytes(lfBroken)))).isEqualTo(data);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // RFC 2045 §6.8: characters outside the alphabet are ignored.
            "ignores junk            | SGV!sb#G8s IH*dvc\tmxk      | Hello, world",
            // Missing padding still yields the whole bytes.
            "missing padding         | SGk                        | Hi",
            "one stray char at end   | SGkh Z                     | Hi!",
            // "=" ends a group; encoded blocks joined together keep decoding.
            "concatenated blocks     | SGk=SGk=                   | HiHi",
            "padding mid-group       | SG=k                       | H",
            "only padding            | ====                       | ''",
    })
    void base64IsLenient(String name, String encoded, String expected) throws IOException {
        assertThat(decodedText("base64", encoded)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // RFC 2045 §6.7 rule 1: =XX is the byte; lower-case hex accepted as robust decoders do.
            "hex escapes                     | caf=E9 =3D=3d                       | caf\u00e9 ==",
            // Rule 5: soft line break, with CRLF and with bare LF.
            "soft line break                 | soft=\\r\\nbreak=\\nhere               | softbreakhere",
            // Rule 3: trailing whitespace is removed, whitespace before a soft break is kept.
            "trailing whitespace dropped     | end  \\t\\r\\nnext \\nlast  =\\r\\n!   | end\\r\\nnext\\nlast  !",
            // Transport padding between '=' and the line break.
            "padding after soft break        | a= \\t\\r\\nb                       | ab",
            // Malformed escapes stay as written.
            "invalid escape kept             | 100=%, =G1, =4                     | 100=%, =G1, =4",
            "equals at end of data           | tail=                              | tail",
            "equals then lone CR             | a=\\rb                              | a=\\rb",
            "lone CR is data                 | a\\rb \\rc                           | a\\rb \\rc",
            "trailing whitespace at the end  | 'last   \\t'                        | last",
    })
    void quotedPrintableFollowsRfc2045(String name, String encoded, String expected) throws IOException {
        String body = encoded.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t");
        String want = expected.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("''", "");
        assertThat(decodedText("quoted-printable", body)).isEqualTo(want);
    }

    @Test
    void quotedPrintableBoundsHeldWhitespace() throws IOException {
        String spaces = " ".repeat(QuotedPrintableDecodingStream.MAX_HELD * 3);
        assertThat(decodedText("quoted-printable", "a" + spaces + "b\r\n")).isEqualTo("a" + spaces + "b\r\n");
        String decoded = decodedText("quoted-printable", "a" + spaces + "\r\nz");
        assertThat(decoded).startsWith("a").endsWith("\r\nz");
        assertThat(decoded.length()).isLessThanOrEqualTo(1 + spaces.length() + 3);
        // After '=', more padding than is held back is data too.
        assertThat(decodedText("quoted-printable", "=" + spaces + "x")).isEqualTo("=" + spaces + "x");
    }

    @Test
    void identityEncodingsPassBytesThrough() throws IOException {
        byte[] body = {'a', (byte) 0xff, 0, '\r', '\n'};
        for (String encoding : new String[] {null, "7bit", "8bit", "binary", " Binary (comment)"}) {
            MessageContent content = single("application/octet-stream", encoding, body);
            assertThat(MimeContent.canDecode(rootOf(content))).isTrue();
            assertThat(decoded(content)).isEqualTo(body);
        }
    }

    @Test
    void unknownEncodingIsReported() throws IOException {
        MessageContent content = single("text/plain", "x-uuencode", bytes("begin 644 x\r\n"));
        MimePart part = rootOf(content);
        assertThat(part.transferEncoding()).isEqualTo("x-uuencode");
        assertThat(MimeContent.canDecode(part)).isFalse();
        assertThatThrownBy(() -> MimeContent.decodedBody(part, content))
                .isInstanceOf(UnknownEncodingException.class)
                .hasMessage("unknown Content-Transfer-Encoding: x-uuencode")
                .satisfies(e -> assertThat(((UnknownEncodingException) e).encoding()).isEqualTo("x-uuencode"));
        assertThatThrownBy(() -> MimeContent.decodedSize(part, content)).isInstanceOf(UnknownEncodingException.class);
        // Text search still reads it, as it is.
        assertThat(MimeContent.text(part, content, 100)).isEqualTo("begin 644 x\r\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "utf-8 declared            | text/plain; charset=utf-8        | 636166c3a9     | café",
            "latin-1 declared          | text/plain; charset=ISO-8859-1   | 636166e9       | café",
            "windows-1252 declared     | text/plain; charset=windows-1252 | 80             | €",
            "quoted charset name       | text/plain; charset=\"UTF-8\"     | c3a9           | é",
            // us-ascii (declared or default) with valid UTF-8 is UTF-8, with anything else ISO-8859-1.
            "us-ascii but utf-8        | text/plain; charset=us-ascii     | c3a9           | é",
            "us-ascii but latin-1      | text/plain; charset=us-ascii     | e9             | é",
            "no content type utf-8     |                                  | e282ac         | €",
            "no content type latin-1   |                                  | a4             | ¤",
            // Unknown charsets fall back the same way.
            "unknown charset utf-8     | text/plain; charset=x-unheard-of | c3a9           | é",
            "unknown charset latin-1   | text/plain; charset=x-unheard-of | e9             | é",
            "illegal charset name      | text/plain; charset=\"a b\"       | 41             | A",
            // Malformed input in a known charset is replaced, never thrown.
            "malformed utf-8           | text/plain; charset=utf-8        | 41ff42         | A\uFFFDB",
    })
    void textUsesTheCharsetWithFallbacks(String name, String contentType, String hex, String expected) throws IOException {
        byte[] body = java.util.HexFormat.of().parseHex(hex);
        MessageContent content = single(contentType, "8bit", body);
        assertThat(MimeContent.text(rootOf(content), content, 100)).isEqualTo(expected);
    }

    @Test
    void textDecodesTransferEncodingFirst() throws IOException {
        byte[] message = bytes(crlf(MimeSamples.ALTERNATIVE));
        MessageContent content = MessageContent.of(message);
        MimeStructure structure = MimeStructure.parse(content);
        assertThat(MimeContent.text(structure.find(1).orElseThrow(), content, 1000))
                .isEqualTo("Café au lait, s'il vous plaît.\r\nSecond line.\r\n");
        assertThat(MimeContent.text(structure.find(2).orElseThrow(), content, 1000))
                .isEqualTo("<p>Café au lait, s'il vous plaît.</p>\r\n<p>Second line.</p>\r\n");
    }

    @Test
    void textStopsAtMaxCharsWithoutBreakingCharacters() throws IOException {
        String text = "é€😀".repeat(50);
        MessageContent content = single("text/plain; charset=utf-8", "8bit", bytes(text));
        MimePart part = rootOf(content);
        assertThat(MimeContent.text(part, content, 0)).isEmpty();
        for (int max = 1; max < 40; max++) {
            String got = MimeContent.text(part, content, max);
            assertThat(got.length()).isLessThanOrEqualTo(max).isGreaterThanOrEqualTo(max - 1);
            assertThat(text).startsWith(got);
            assertThat(got).doesNotContain("\uFFFD");
        }
        // Without a declared charset, a cut in the middle of a character still reads as UTF-8.
        MessageContent undeclared = single(null, "8bit", bytes(text));
        for (int max = 1; max < 20; max++) {
            assertThat(text).startsWith(MimeContent.text(rootOf(undeclared), undeclared, max));
        }
        assertThatThrownBy(() -> MimeContent.text(part, content, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decodedBodyOfAStreamThatSkipsLazily() throws IOException {
        // A content whose stream only skips by reading must still be sliced correctly.
        byte[] message = bytes(crlf(MimeSamples.ATTACHMENT));
        MessageContent lazy = new MessageContent() {
            @Override
            public long size() {
                return message.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(message) {
                    @Override
                    public synchronized long skip(long n) {
                        return 0;
                    }
                };
            }

            @Override
            public void release() {
            }
        };
        MimePart attachment = MimeStructure.parse(lazy).find(2).orElseThrow();
        try (InputStream in = MimeContent.decodedBody(attachment, lazy)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("Hello, world!");
        }
    }
}
