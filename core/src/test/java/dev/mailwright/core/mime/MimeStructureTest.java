package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bodyOf;
import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static dev.mailwright.core.mime.MimeSamples.headerOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MessageContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MimeStructureTest {

    private static String typeOf(MimePart part) {
        return part.type() + "/" + part.subtype();
    }

    @Test
    void plainMessageWithoutMime() {
        byte[] message = bytes(crlf(MimeSamples.PLAIN));
        MimePart root = MimeSamples.parse(message).root();
        assertThat(typeOf(root)).isEqualTo("text/plain");
        assertThat(root.parameters()).containsExactly(Map.entry("charset", "us-ascii"));
        assertThat(root.transferEncoding()).isEqualTo("7bit");
        assertThat(root.isMultipart()).isFalse();
        assertThat(root.isMessage()).isFalse();
        assertThat(root.isMessageRoot()).isTrue();
        assertThat(root.headerOffset()).isZero();
        assertThat(headerOf(root, message)).isEqualTo("From: a@example.com\r\nSubject: Plain\r\n\r\n");
        assertThat(bodyOf(root, message)).isEqualTo("Line one.\r\nLine two.\r\n");
        assertThat(root.bodyLines()).isEqualTo(2);
        assertThat(root.headers().firstValue("Subject")).contains("Plain");
        assertThat(root.find(1)).contains(root);
        assertThat(root.find(2)).isEmpty();
    }

    @Test
    void rfc2046Example() {
        byte[] message = bytes(crlf(MimeSamples.RFC2046_MULTIPART));
        MimePart root = MimeSamples.parse(message).root();
        assertThat(typeOf(root)).isEqualTo("multipart/mixed");
        assertThat(root.parameters()).containsEntry("boundary", "simple boundary");
        assertThat(root.children()).hasSize(2);

        MimePart implicit = root.children().get(0);
        assertThat(typeOf(implicit)).isEqualTo("text/plain");
        assertThat(implicit.parameters()).containsExactly(Map.entry("charset", "us-ascii"));
        assertThat(implicit.headers().isEmpty()).isTrue();
        assertThat(headerOf(implicit, message)).isEqualTo("\r\n");
        assertThat(bodyOf(implicit, message)).isEqualTo(
                "This is implicitly typed plain US-ASCII text.\r\nIt does NOT end with a linebreak.");
        assertThat(implicit.bodyLines()).isEqualTo(1);

        MimePart explicit = root.children().get(1);
        assertThat(bodyOf(explicit, message)).isEqualTo(
                "This is explicitly typed plain US-ASCII text.\r\nIt DOES end with a linebreak.\r\n");
        assertThat(explicit.bodyLines()).isEqualTo(2);
        assertThat(bodyOf(root, message)).startsWith("This is the preamble.")
                .endsWith("--simple boundary--\r\n\r\nThis is the epilogue.  It is also to be ignored.\r\n");
    }

    @Test
    void rfc2049AppendixA() {
        byte[] message = bytes(crlf(MimeSamples.RFC2049_APPENDIX_A));
        MimePart root = MimeSamples.parse(message).root();
        assertThat(root.parameters()).containsEntry("boundary", "unique-boundary-1");
        List<MimePart> parts = root.children();
        assertThat(parts).extracting(MimeStructureTest::typeOf).containsExactly(
                "text/plain", "text/plain", "multipart/parallel", "text/enriched", "message/rfc822");
        assertThat(parts.get(0).headers().isEmpty()).isTrue();
        assertThat(headerOf(parts.get(0), message)).isEqualTo("\r\n");
        assertThat(bodyOf(parts.get(0), message)).startsWith("  ... Some text appears here ...")
                .endsWith("next part.]\r\n");
        assertThat(parts.get(1).parameters()).containsEntry("charset", "US-ASCII");

        MimePart parallel = parts.get(2);
        assertThat(parallel.children()).extracting(MimeStructureTest::typeOf)
                .containsExactly("audio/basic", "image/jpeg");
        assertThat(parallel.children().get(0).transferEncoding()).isEqualTo("base64");
        assertThat(bodyOf(parallel.children().get(0), message)).isEqualTo("AAECAwQFBgc=\r\n");
        assertThat(bodyOf(parallel.children().get(1), message)).isEqualTo("/9j/4AAQSkZJRg==\r\n");
        assertThat(bodyOf(parallel, message)).endsWith("--unique-boundary-2--\r\n");

        MimePart rfc822 = parts.get(4);
        MimePart inner = rfc822.message().orElseThrow();
        assertThat(typeOf(inner)).isEqualTo("text/plain");
        assertThat(inner.parameters()).containsExactly(Map.entry("charset", "ISO-8859-1"));
        assertThat(inner.transferEncoding()).isEqualTo("quoted-printable");
        assertThat(bodyOf(inner, message)).isEqualTo("... Additional text in ISO-8859-1 goes here ...\r\n");
        assertThat(inner.headers().firstValue("Subject")).contains("(subject in US-ASCII)");
        assertThat(rfc822.bodyLines()).isEqualTo(7);
    }

    @Test
    void alternativeWithTextAndHtml() {
        byte[] message = bytes(crlf(MimeSamples.ALTERNATIVE));
        MimePart root = MimeSamples.parse(message).root();
        assertThat(typeOf(root)).isEqualTo("multipart/alternative");
        assertThat(root.parameters()).containsEntry("boundary", "=_alt_42");
        MimePart text = root.children().get(0);
        MimePart html = root.children().get(1);
        assertThat(typeOf(text)).isEqualTo("text/plain");
        assertThat(text.charset()).contains("utf-8");
        assertThat(text.transferEncoding()).isEqualTo("quoted-printable");
        assertThat(typeOf(html)).isEqualTo("text/html");
        assertThat(html.transferEncoding()).isEqualTo("8bit");
        assertThat(bodyOf(html, message)).isEqualTo("<p>Café au lait, s'il vous plaît.</p>\r\n<p>Second line.</p>\r\n");
        assertThat(html.bodyLength()).isEqualTo(bytes("<p>Café au lait, s'il vous plaît.</p>\r\n<p>Second line.</p>\r\n").length);
        assertThat(html.bodyLines()).isEqualTo(2);
    }

    @Test
    void attachmentWithRfc2231FileName() {
        byte[] message = bytes(crlf(MimeSamples.ATTACHMENT));
        MimePart attachment = MimeSamples.parse(message).find(2).orElseThrow();
        assertThat(typeOf(attachment)).isEqualTo("application/pdf");
        assertThat(attachment.parameters()).containsExactly(Map.entry("name", "Résumé 2024.pdf"));
        Disposition disposition = attachment.disposition().orElseThrow();
        assertThat(disposition.type()).isEqualTo("attachment");
        assertThat(disposition.isAttachment()).isTrue();
        assertThat(disposition.parameters()).containsExactly(
                Map.entry("filename", "Résumé 2024.pdf"), Map.entry("size", "12"));
        assertThat(disposition.filename()).contains("Résumé 2024.pdf");
        assertThat(attachment.transferEncoding()).isEqualTo("base64");
        assertThat(attachment.id()).contains("<resume@example.com>");
        assertThat(attachment.description()).contains("=?UTF-8?Q?R=C3=A9sum=C3=A9?=");
        assertThat(attachment.language()).containsExactly("fr", "en-GB");
        assertThat(attachment.location()).contains("http://example.com/resume.pdf");
        assertThat(attachment.md5()).contains("Q2hlY2sgSW50ZWdyaXR5IQ==");
        assertThat(bodyOf(attachment, message)).isEqualTo("SGVsbG8sIHdvcmxkIQ==\r\n");
    }

    @Test
    void nestedMessageWithItsOwnMultipart() {
        byte[] message = bytes(crlf(MimeSamples.NESTED_MESSAGE));
        MimeStructure structure = MimeSamples.parse(message);
        MimePart forwarded = structure.find(2).orElseThrow();
        assertThat(forwarded.isMessage()).isTrue();
        assertThat(forwarded.isMessageRoot()).isFalse();
        assertThat(forwarded.disposition().map(Disposition::type)).contains("inline");
        MimePart inner = forwarded.message().orElseThrow();
        assertThat(inner.isMessageRoot()).isTrue();
        assertThat(typeOf(inner)).isEqualTo("multipart/alternative");
        assertThat(inner.headers().firstValue("From")).contains("inner@example.com");
        assertThat(inner.children()).extracting(MimeStructureTest::typeOf).containsExactly("text/plain", "text/html");
        assertThat(structure.find(2, 2)).contains(inner.children().get(1));
        assertThat(bodyOf(structure.find(2, 2).orElseThrow(), message)).isEqualTo("<p>Inner text.</p>\r\n");
        assertThat(bodyOf(forwarded, message)).startsWith("From: inner@example.com\r\n").endsWith("--inner--\r\n");
        assertThat(forwarded.bodyLines()).isEqualTo(bodyOf(forwarded, message).chars().filter(c -> c == '\n').count());
    }

    @Test
    void digestChildrenDefaultToMessages() {
        byte[] message = bytes(crlf(MimeSamples.DIGEST));
        MimePart root = MimeSamples.parse(message).root();
        List<MimePart> parts = root.children();
        assertThat(parts).extracting(MimeStructureTest::typeOf)
                .containsExactly("message/rfc822", "message/rfc822", "text/plain");
        assertThat(parts.get(0).parameters()).isEmpty();
        MimePart first = parts.get(0).message().orElseThrow();
        assertThat(first.headers().firstValue("Subject")).contains("One");
        assertThat(typeOf(first)).isEqualTo("text/plain");
        assertThat(bodyOf(first, message)).isEqualTo("First message.\r\n");
        assertThat(parts.get(1).message().orElseThrow().headers().firstValue("Subject")).contains("Two");
        assertThat(parts.get(2).isMessage()).isFalse();
    }

    @Test
    void messageWhoseTopLevelTypeIsMessage() {
        byte[] message = bytes(crlf("""
                Subject: Outer
                Content-Type: message/rfc822

                Subject: Inner
                Content-Type: multipart/mixed; boundary=b

                --b

                one
                --b

                two
                --b--
                """));
        MimeStructure structure = MimeSamples.parse(message);
        MimePart root = structure.root();
        assertThat(root.isMessage()).isTrue();
        assertThat(structure.find(1)).contains(root);
        assertThat(bodyOf(structure.find(1, 2).orElseThrow(), message)).isEqualTo("two");
        // On a message root, numbers address its body, which here is the one part 1.
        assertThat(root.find(2)).isEmpty();
        assertThat(root.find(1, 2)).isEqualTo(structure.find(1, 2));
    }

    @Test
    void bareLfAndCrlfGiveTheSameShape() {
        for (String sample : MimeSamples.all().values()) {
            MimePart lf = MimeSamples.parse(bytes(sample)).root();
            MimePart crlf = MimeSamples.parse(bytes(crlf(sample))).root();
            assertSameShape(lf, crlf);
        }
    }

    private static void assertSameShape(MimePart a, MimePart b) {
        assertThat(typeOf(a)).isEqualTo(typeOf(b));
        assertThat(a.bodyLines()).isEqualTo(b.bodyLines());
        assertThat(a.headers().size()).isEqualTo(b.headers().size());
        assertThat(a.children()).hasSameSizeAs(b.children());
        for (int i = 0; i < a.children().size(); i++) {
            assertSameShape(a.children().get(i), b.children().get(i));
        }
        assertThat(a.message().isPresent()).isEqualTo(b.message().isPresent());
        if (a.message().isPresent()) {
            assertSameShape(a.message().get(), b.message().get());
        }
    }

    @Test
    void offsetsNestProperly() {
        for (String sample : MimeSamples.all().values()) {
            byte[] message = bytes(crlf(sample));
            MimeStructure structure = MimeSamples.parse(message);
            assertThat(structure.size()).isEqualTo(message.length);
            assertThat(structure.root().partEnd()).isEqualTo(message.length);
            assertNested(structure.root());
        }
    }

    private static void assertNested(MimePart part) {
        assertThat(part.bodyOffset()).isEqualTo(part.headerOffset() + part.headerLength());
        assertThat(part.partEnd()).isEqualTo(part.bodyOffset() + part.bodyLength());
        long previousEnd = part.bodyOffset();
        for (MimePart child : part.children()) {
            assertThat(child.headerOffset()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(child.partEnd()).isLessThanOrEqualTo(part.partEnd());
            previousEnd = child.partEnd();
            assertNested(child);
        }
        part.message().ifPresent(inner -> {
            assertThat(inner.headerOffset()).isEqualTo(part.bodyOffset());
            assertThat(inner.partEnd()).isEqualTo(part.partEnd());
            assertNested(inner);
        });
    }

    @Test
    void parsesFileBackedContentAndStreams(@TempDir Path dir) throws IOException {
        byte[] message = bytes(crlf(MimeSamples.IMAP_SECTIONS));
        Path file = dir.resolve("message.eml");
        Files.write(file, message);
        MimeStructure fromFile = MimeStructure.parse(MessageContent.ofFile(file, false));
        MimeStructure fromStream = MimeStructure.parse(new ByteArrayInputStream(message), MimeLimits.DEFAULT);
        assertThat(fromFile).isEqualTo(MimeSamples.parse(message)).isEqualTo(fromStream);
    }

    @Test
    void emptyMessage() {
        MimeStructure structure = MimeSamples.parse(new byte[0]);
        assertThat(structure.size()).isZero();
        assertThat(structure.root().headerLength()).isZero();
        assertThat(structure.root().bodyLength()).isZero();
        assertThat(typeOf(structure.root())).isEqualTo("text/plain");
    }

    @Test
    void headerOnlyMessage() {
        byte[] message = bytes("Subject: no body\r\nContent-Type: multipart/mixed; boundary=x\r\n");
        MimePart root = MimeSamples.parse(message).root();
        assertThat(root.headerLength()).isEqualTo(message.length);
        assertThat(root.bodyLength()).isZero();
        assertThat(root.headers().firstValue("Subject")).contains("no body");
        // A multipart whose header never ended has no body to split: it is opaque.
        assertThat(root.isOpaque()).isTrue();
        assertThat(typeOf(root)).isEqualTo("application/octet-stream");
    }

    @Test
    void weightGrowsWithPartsAndHeaders() {
        MimeStructure plain = MimeSamples.parse(bytes(crlf(MimeSamples.PLAIN)));
        MimeStructure sections = MimeSamples.parse(bytes(crlf(MimeSamples.IMAP_SECTIONS)));
        assertThat(plain.weight()).isGreaterThan(plain.root().headers().byteLength());
        assertThat(sections.weight()).isGreaterThan(10 * plain.weight() / 2);
        // Bodies are not held: a message with a large body weighs what its structure weighs.
        byte[] large = bytes(crlf(MimeSamples.PLAIN).replace("Line one.", "x".repeat(1 << 20)));
        assertThat(MimeSamples.parse(large).weight()).isEqualTo(plain.weight());
        assertThat(sections.toString()).startsWith("MimeStructure[" + sections.size() + " bytes, MimePart[multipart/mixed");
    }
}
