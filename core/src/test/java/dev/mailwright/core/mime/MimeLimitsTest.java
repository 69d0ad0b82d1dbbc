package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.MimeSamples.bodyOf;
import static dev.mailwright.core.mime.MimeSamples.bytes;
import static dev.mailwright.core.mime.MimeSamples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Broken and hostile MIME: limits hold, nothing throws, every byte stays accounted for. */
class MimeLimitsTest {

    private static int parts(MimePart part) {
        int n = 1;
        for (MimePart child : part.children()) {
            n += parts(child);
        }
        return n + part.message().map(MimeLimitsTest::parts).orElse(0);
    }

    private static int depth(MimePart part) {
        int deepest = 0;
        for (MimePart child : part.children()) {
            deepest = Math.max(deepest, 1 + depth(child));
        }
        return Math.max(deepest, part.message().map(m -> 1 + depth(m)).orElse(0));
    }

    private static MimePart deepest(MimePart part) {
        if (!part.children().isEmpty()) {
            return deepest(part.children().get(0));
        }
        return part.message().map(MimeLimitsTest::deepest).orElse(part);
    }

    private static byte[] repeat(String head, String unit, int times, String tail) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes(head));
        byte[] u = bytes(unit);
        for (int i = 0; i < times; i++) {
            out.writeBytes(u);
        }
        out.writeBytes(bytes(tail));
        return out.toByteArray();
    }

    /** The structure survives its own binary form: limits never produce what decoding rejects. */
    private static MimeStructure parseAndRoundTrip(byte[] message, MimeLimits limits) {
        MimeStructure structure = MimeSamples.parse(message, limits);
        assertThat(MimeStructure.fromBytes(structure.toBytes())).isEqualTo(structure);
        assertThat(structure.size()).isEqualTo(message.length);
        assertThat(structure.root().partEnd()).isEqualTo(message.length);
        return structure;
    }

    @Test
    void defaultsAndValidation() {
        assertThat(MimeLimits.DEFAULT.maxDepth()).isEqualTo(32);
        assertThat(MimeLimits.DEFAULT.maxParts()).isEqualTo(1000);
        assertThat(MimeLimits.DEFAULT.maxBoundaryLength()).isEqualTo(70);
        assertThat(MimeLimits.DEFAULT.headerLimits()).isEqualTo(HeaderLimits.DEFAULT);
        assertThat(MimeLimits.DEFAULT.maxTotalHeaderBytes()).isEqualTo(4 << 20);
        assertThat(MimeLimits.builder().maxParts(5).build().toBuilder().maxDepth(3).build())
                .isEqualTo(new MimeLimits(3, 5, HeaderLimits.DEFAULT, 70))
                .isEqualTo(new MimeLimits(3, 5, HeaderLimits.DEFAULT, 70, 4 << 20));
        assertThatThrownBy(() -> MimeLimits.builder().maxTotalHeaderBytes(0).build())
                .hasMessageContaining("maxTotalHeaderBytes");
        assertThatThrownBy(() -> MimeLimits.builder().maxDepth(-1).build()).hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> MimeLimits.builder().maxDepth(MimeLimits.MAX_DEPTH + 1).build())
                .hasMessageContaining("maxDepth");
        assertThatThrownBy(() -> MimeLimits.builder().maxParts(0).build()).hasMessageContaining("maxParts");
        assertThatThrownBy(() -> MimeLimits.builder().headerLimits(null).build()).hasMessageContaining("headerLimits");
        assertThatThrownBy(() -> MimeLimits.builder().maxBoundaryLength(0).build())
                .hasMessageContaining("maxBoundaryLength");
    }

    @Test
    void hundredThousandEmptyParts() {
        byte[] message = repeat("Content-Type: multipart/mixed; boundary=x\r\n\r\n", "--x\r\n", 100_000, "--x--\r\n");
        MimeStructure structure = parseAndRoundTrip(message, MimeLimits.DEFAULT);
        MimePart root = structure.root();
        assertThat(parts(root)).isEqualTo(MimeLimits.DEFAULT.maxParts());
        assertThat(root.children()).hasSize(MimeLimits.DEFAULT.maxParts() - 1);
        MimePart first = root.children().get(0);
        assertThat(first.headerLength()).isZero();
        assertThat(first.bodyLength()).isZero();
        // The rest stays in the multipart's body, unstructured.
        assertThat(root.bodyLength()).isEqualTo(message.length - root.headerLength());
    }

    @Test
    void partLimitAlsoCountsEncapsulatedMessages() {
        byte[] message = repeat("Content-Type: multipart/digest; boundary=d\r\n\r\n",
                "--d\r\n\r\nSubject: m\r\n\r\nbody\r\n", 20, "--d--\r\n");
        MimeLimits limits = MimeLimits.builder().maxParts(10).build();
        MimePart root = parseAndRoundTrip(message, limits).root();
        assertThat(parts(root)).isLessThanOrEqualTo(10);
        // The last child got no room for its message and is opaque rather than a message without one.
        MimePart last = root.children().get(root.children().size() - 1);
        assertThat(last.isOpaque()).isTrue();
        assertThat(last.type() + "/" + last.subtype()).isEqualTo("application/octet-stream");
        assertThat(last.headers().isEmpty()).isTrue();
    }

    @Test
    void tenThousandLevelsReusingOneBoundary() {
        String level = "Content-Type: multipart/mixed; boundary=x\r\n"
                + "Content-Description: one more level of the same multipart\r\n\r\n--x\r\n";
        byte[] message = repeat("", level, 10_000, "");
        assertThat(message.length).isGreaterThan(1_000_000);
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        // The innermost multipart takes a reused boundary, so every level nests until the depth
        // limit; below it the levels become opaque siblings until the part limit.
        assertThat(depth(root)).isEqualTo(MimeLimits.DEFAULT.maxDepth());
        assertThat(parts(root)).isEqualTo(MimeLimits.DEFAULT.maxParts());
        MimePart deepest = deepest(root);
        assertThat(deepest.isOpaque()).isTrue();
        assertThat(deepest.headers().firstValue("Content-Type")).contains("multipart/mixed; boundary=x");
    }

    @Test
    void tenThousandLevelsWithDistinctBoundaries() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < 10_000; i++) {
            out.writeBytes(bytes("Content-Type: multipart/mixed; boundary=L" + i + ".\r\n\r\n--L" + i + ".\r\n"));
        }
        byte[] message = out.toByteArray();
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(depth(root)).isEqualTo(MimeLimits.DEFAULT.maxDepth());
        MimePart deepest = deepest(root);
        assertThat(deepest.isOpaque()).isTrue();
        assertThat(deepest.partEnd()).isEqualTo(message.length);
        assertThat(deepest.headers().firstValue("Content-Type")).contains("multipart/mixed; boundary=L32.");
    }

    @Test
    void tenThousandNestedMessages() {
        byte[] message = repeat("", "Content-Type: message/rfc822\r\n\r\n", 10_000, "body\r\n");
        MimeLimits limits = MimeLimits.builder().maxDepth(10).build();
        MimePart root = parseAndRoundTrip(message, limits).root();
        assertThat(depth(root)).isEqualTo(10);
        MimePart deepest = deepest(root);
        assertThat(deepest.isOpaque()).isTrue();
        assertThat(deepest.isMessageRoot()).isTrue();
        assertThat(deepest.isMessage()).isFalse();
        assertThat(root.find(1, 1, 1)).isPresent();
    }

    @Test
    void depthZeroKeepsOnlyTheMessage() {
        MimePart root = parseAndRoundTrip(bytes(crlf(MimeSamples.IMAP_SECTIONS)),
                MimeLimits.builder().maxDepth(0).build()).root();
        assertThat(root.isOpaque()).isTrue();
        assertThat(root.children()).isEmpty();
        assertThat(root.headers().firstValue("Subject")).contains("Section numbers");
    }

    @Test
    void boundaryThatNeverAppears() {
        byte[] message = bytes(crlf("""
                Content-Type: multipart/mixed; boundary=never

                --neve
                Just text.
                 --never
                -never
                """));
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.isMultipart()).isTrue();
        assertThat(root.isOpaque()).isFalse();
        assertThat(root.children()).isEmpty();
        assertThat(bodyOf(root, message)).startsWith("--neve\r\n");
    }

    @Test
    void missingCloseDelimiters() {
        byte[] message = bytes(crlf("""
                Content-Type: multipart/mixed; boundary=outer

                --outer
                Content-Type: multipart/alternative; boundary=inner

                --inner

                inner one
                --outer

                outer two
                """));
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(2);
        MimePart alternative = root.children().get(0);
        assertThat(alternative.children()).hasSize(1);
        assertThat(bodyOf(alternative.children().get(0), message)).isEqualTo("inner one");
        assertThat(bodyOf(alternative, message)).isEqualTo("--inner\r\n\r\ninner one");
        assertThat(bodyOf(root.children().get(1), message)).isEqualTo("outer two\r\n");
    }

    @Test
    void nestedMultipartReusingItsParentsBoundary() {
        byte[] message = bytes(crlf("""
                Content-Type: multipart/mixed; boundary=same

                --same
                Content-Type: multipart/alternative; boundary=same

                --same
                Content-Type: text/plain

                text
                --same--
                """));
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        // As in Dovecot, the inner multipart takes the lines: the outer one has it as its only child.
        assertThat(root.children()).hasSize(1);
        MimePart inner = root.children().get(0);
        assertThat(inner.subtype()).isEqualTo("alternative");
        assertThat(inner.children()).hasSize(1);
        assertThat(bodyOf(inner.children().get(0), message)).isEqualTo("text");
    }

    @Test
    void boundariesThatArePrefixesOfEachOther() {
        byte[] message = bytes(crlf("""
                Content-Type: multipart/mixed; boundary=b

                --b
                Content-Type: multipart/alternative; boundary=b-2

                --b-2

                alt one
                --b-2

                alt two
                --b-2--
                --b
                Content-Type: multipart/alternative; boundary=c

                --c

                c one
                 --c indented is no delimiter
                -- c nor is this
                --c--
                --b--
                """));
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(2);
        MimePart first = root.children().get(0);
        assertThat(first.children()).hasSize(2);
        assertThat(bodyOf(first.children().get(1), message)).isEqualTo("alt two");
        MimePart second = root.children().get(1);
        assertThat(second.children()).hasSize(1);
        assertThat(bodyOf(second.children().get(0), message)).isEqualTo("c one\r\n --c indented is no delimiter\r\n-- c nor is this");
    }

    @Test
    void transportPaddingAfterDelimiters() {
        byte[] message = bytes("Content-Type: multipart/mixed; boundary=p\r\n\r\n--p \t\r\n\r\none\r\n--p--  \r\n");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(1);
        assertThat(bodyOf(root.children().get(0), message)).isEqualTo("one");
    }

    @Test
    void delimiterIsAPrefixMatch() {
        // RFC 2046 §5.1.1: "An exact match of the entire candidate line is not required".
        byte[] message = bytes(crlf("""
                Content-Type: multipart/mixed; boundary=g

                --g trailing text
                
                one
                --gg
                
                two
                --g--and more
                epilogue
                """));
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(2);
        assertThat(bodyOf(root.children().get(0), message)).isEqualTo("one");
        assertThat(bodyOf(root.children().get(1), message)).isEqualTo("two");
        assertThat(bodyOf(root, message)).endsWith("--g--and more\r\nepilogue\r\n");
    }

    @Test
    void delimiterFollowedByAMegabyteOnItsLine() {
        String tail = " ".repeat(1 << 20) + "x";
        byte[] message = bytes("Content-Type: multipart/mixed; boundary=p\r\n\r\n--p" + tail + "\r\n\r\none\r\n--p--"
                + tail + "\r\n");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(1);
        assertThat(bodyOf(root.children().get(0), message)).isEqualTo("one");
        assertThat(root.children().get(0).headerOffset()).isEqualTo(45 + 3 + tail.length() + 2);
    }

    @Test
    void crOnlyLineEndsAreOneLongLine() {
        String crOnly = "Subject: old Mac\rContent-Type: multipart/mixed; boundary=x\r\r--x\r\rtext\r--x--\r";
        byte[] message = repeat(crOnly, "filler line\r", 50_000, "");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        // No line feed anywhere: the whole message is one over-long header line, dropped.
        assertThat(root.isOpaque()).isFalse();
        assertThat(root.headerLength()).isEqualTo(message.length);
        assertThat(root.headers().isEmpty()).isTrue();
        assertThat(root.bodyLines()).isZero();
    }

    @Test
    void lfOnlyAndMixedLineEnds() {
        byte[] message = bytes("Content-Type: multipart/mixed; boundary=m\n\r\n--m\r\n\nlf body\n--m\n\r\ncrlf body\r\n--m--\n");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.headerLength()).isEqualTo("Content-Type: multipart/mixed; boundary=m\n\r\n".length());
        assertThat(root.children()).hasSize(2);
        assertThat(bodyOf(root.children().get(0), message)).isEqualTo("lf body");
        assertThat(bodyOf(root.children().get(1), message)).isEqualTo("crlf body");
    }

    @Test
    void veryLongBodyLines() {
        String line = "A".repeat(3 << 20);
        byte[] message = bytes("Content-Type: multipart/mixed; boundary=l\r\n\r\n--l\r\n\r\n" + line + "\r\n--l--\r\n");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(1);
        assertThat(root.children().get(0).bodyLength()).isEqualTo(line.length());
        assertThat(root.children().get(0).bodyLines()).isZero();
    }

    @Test
    void overlongHeaderLineDropsOnlyThatField() {
        String subject = "Subject: " + "x".repeat(HeaderLimits.DEFAULT.maxLineLength() + 10);
        byte[] message = bytes("From: a@example.com\r\n" + subject + "\r\n continued\r\nTo: b@example.com\r\n"
                + "Content-Type: text/html\r\n\r\nbody");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.isOpaque()).isFalse();
        assertThat(root.subtype()).isEqualTo("html");
        assertThat(root.headers().fields()).extracting(HeaderField::name).containsExactly("From", "To", "Content-Type");
        assertThat(root.headerLength()).isEqualTo(message.length - 4);
        // An over-long continuation line drops its field too.
        byte[] folded = bytes("Subject: short\r\n " + "y".repeat(5000) + "\r\nTo: b@example.com\r\n\r\nbody");
        assertThat(parseAndRoundTrip(folded, MimeLimits.DEFAULT).root().headers().fields())
                .extracting(HeaderField::name).containsExactly("To");
    }

    @Test
    void headerSectionPastTheByteLimitIsOpaque() {
        HeaderLimits small = HeaderLimits.builder().maxHeaderBytes(200).build();
        MimeLimits limits = MimeLimits.builder().headerLimits(small).build();
        byte[] message = repeat("Content-Type: multipart/mixed; boundary=x\r\n", "Received: from somewhere\r\n", 50,
                "\r\n--x\r\n\r\npart\r\n--x--\r\n");
        MimePart root = parseAndRoundTrip(message, limits).root();
        assertThat(root.isOpaque()).isTrue();
        assertThat(root.children()).isEmpty();
        // The kept fields fit the limit; the blank line that ends the section is added to them.
        assertThat(root.headers().byteLength()).isLessThanOrEqualTo(200 + 2);
        assertThat(root.headers().firstValue("Content-Type")).contains("multipart/mixed; boundary=x");
        assertThat(root.headerLength()).isEqualTo(43 + 26 * 50 + 2);
    }

    @Test
    void tooManyFieldsIsOpaque() {
        HeaderLimits few = HeaderLimits.builder().maxFields(5).build();
        byte[] message = repeat("", "X-Field: v\r\n", 20, "\r\nbody");
        MimePart root = parseAndRoundTrip(message, MimeLimits.builder().headerLimits(few).build()).root();
        assertThat(root.isOpaque()).isTrue();
        assertThat(root.headers().size()).isEqualTo(5);
    }

    @Test
    void malformedHeaderLinesAreSkipped() {
        byte[] message = bytes(" leading continuation\r\nFrom: a\r\nno colon here\r\n still skipped\r\n: no name\r\n"
                + "To: b\r\n folded\r\n\r\nbody");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.headers().fields()).extracting(HeaderField::name).containsExactly("From", "To");
        assertThat(root.headers().firstValue("To")).contains("b folded");
        assertThat(bodyOf(root, message)).isEqualTo("body");
    }

    @Test
    void boundaryLengthLimit() {
        String seventy = "b".repeat(70);
        String seventyOne = "b".repeat(71);
        String template = "Content-Type: multipart/mixed; boundary=\"%s\"\r\n\r\n--%s\r\n\r\nx\r\n--%s--\r\n";
        assertThat(parseAndRoundTrip(bytes(template.formatted(seventy, seventy, seventy)), MimeLimits.DEFAULT)
                .root().children()).hasSize(1);
        MimePart tooLong = parseAndRoundTrip(bytes(template.formatted(seventyOne, seventyOne, seventyOne)),
                MimeLimits.DEFAULT).root();
        assertThat(tooLong.isOpaque()).isTrue();
        MimeLimits lenient = MimeLimits.builder().maxBoundaryLength(100).build();
        assertThat(parseAndRoundTrip(bytes(template.formatted(seventyOne, seventyOne, seventyOne)), lenient)
                .root().children()).hasSize(1);
    }

    @Test
    void multipartWithoutBoundaryIsOpaque() {
        byte[] message = bytes("Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext\r\n");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.isOpaque()).isTrue();
        assertThat(root.isMultipart()).isFalse();
        assertThat(bodyOf(root, message)).isEqualTo("--x\r\n\r\ntext\r\n");
    }

    @Test
    void encodedMessageIsOpaque() {
        byte[] message = bytes("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "U3ViamVjdDogeA0KDQpib2R5\r\n");
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.isOpaque()).isTrue();
        assertThat(root.isMessage()).isFalse();
        assertThat(root.transferEncoding()).isEqualTo("base64");
    }

    @Test
    void eightBitBoundary() {
        byte[] message = "Content-Type: multipart/mixed; boundary=\"grüße\"\r\n\r\n--grüße\r\n\r\nhallo\r\n--grüße--\r\n"
                .getBytes(StandardCharsets.UTF_8);
        MimePart root = parseAndRoundTrip(message, MimeLimits.DEFAULT).root();
        assertThat(root.children()).hasSize(1);
        assertThat(bodyOf(root.children().get(0), message)).isEqualTo("hallo");
        byte[] latin1 = "Content-Type: multipart/mixed; boundary=\"grüße\"\r\n\r\n--grüße\r\n\r\nhallo\r\n--grüße--\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(parseAndRoundTrip(latin1, MimeLimits.DEFAULT).root().children()).hasSize(1);
    }

    @Test
    void headerBudgetForTheWholeStructure() {
        // Parts with big headers: without a budget the structure would keep all of them.
        String part = "--x\r\nContent-Type: text/plain\r\nX-Padding: " + "p".repeat(900) + "\r\n\r\nbody\r\n";
        byte[] message = repeat("Content-Type: multipart/mixed; boundary=x\r\n\r\n", part, 200, "--x--\r\n");
        MimeLimits limits = MimeLimits.builder().maxTotalHeaderBytes(10_000).build();
        MimePart root = parseAndRoundTrip(message, limits).root();
        assertThat(root.children()).hasSize(200);
        long kept = root.headers().byteLength();
        int opaque = 0;
        for (MimePart child : root.children()) {
            kept += child.headers().byteLength();
            if (child.isOpaque()) {
                opaque++;
                assertThat(child.type()).isEqualTo("application");
            } else {
                assertThat(child.subtype()).isEqualTo("plain");
            }
        }
        assertThat(opaque).isGreaterThan(180);
        assertThat(root.children().get(0).isOpaque()).isFalse();
        assertThat(kept).isLessThanOrEqualTo(10_000 + 2 * 200);
        assertThat(parseAndRoundTrip(message, MimeLimits.DEFAULT).root().children()).noneMatch(MimePart::isOpaque);
    }
}
