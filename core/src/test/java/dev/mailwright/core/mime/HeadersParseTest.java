package dev.mailwright.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersParseTest {

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Hides mark support, so parse must read byte by byte. */
    static InputStream unmarkable(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** Returns at most three bytes per read, like a slow socket. */
    static InputStream trickling(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    @Test
    void parsesFieldsInOrderWithNamesValuesAndRawBytes() throws IOException {
        String section = "From: John Doe <jdoe@machine.example>\r\n"
                + "To: Mary Smith <mary@example.net>\r\n"
                + "Subject: Saying Hello\r\n"
                + "Date: Fri, 21 Nov 1997 09:55:06 -0600\r\n"
                + "Message-ID: <1234@local.machine.example>\r\n"
                + "\r\n";
        Headers headers = Headers.parse(latin1(section + "This is a message just to say hello.\r\n"));

        assertThat(headers.size()).isEqualTo(5);
        assertThat(headers).extracting(HeaderField::name)
                .containsExactly("From", "To", "Subject", "Date", "Message-ID");
        assertThat(headers).extracting(HeaderField::value).containsExactly(
                "John Doe <jdoe@machine.example>", "Mary Smith <mary@example.net>", "Saying Hello",
                "Fri, 21 Nov 1997 09:55:06 -0600", "<1234@local.machine.example>");
        assertThat(text(headers.fields().get(2).raw())).isEqualTo("Subject: Saying Hello\r\n");
        assertThat(headers.byteLength()).isEqualTo(section.length());
        assertThat(headers.malformedLines()).isZero();
    }

    static Stream<Arguments> messySections() {
        StringBuilder longFolded = new StringBuilder("References:");
        for (int i = 0; i < 2000; i++) {
            longFolded.append("\r\n <").append(i).append("@example.com>");
        }
        longFolded.append("\r\n");
        return Stream.of(
                Arguments.of("CRLF", "A: 1\r\nB: 2\r\n", "\r\n"),
                Arguments.of("bare LF", "A: 1\nB: 2\n", "\n"),
                Arguments.of("mixed line ends", "A: 1\r\nB: 2\nC: 3\r\n", "\n"),
                Arguments.of("bare CR inside a value", "Subject: a\rb\r\nX: \r\r\n", "\r\n"),
                Arguments.of("8-bit UTF-8", "Subject: Gr\u00c3\u00bc\u00c3\u009fe\r\n", "\r\n"),
                Arguments.of("8-bit Latin-1", "Subject: Gr\u00fc\u00dfe\r\n", "\r\n"),
                Arguments.of("tabs", "Subject:\tx\t\r\n\ty\r\n", "\r\n"),
                Arguments.of("empty values", "Subject:\r\nX-Empty:   \r\nY:\n", "\r\n"),
                Arguments.of("obsolete space before colon", "Subject  : x\r\nFrom\t: y\r\n", "\r\n"),
                Arguments.of("folding with LF and whitespace-only line", "To: a\n  \n b\n", "\n"),
                Arguments.of("very long folded field", longFolded.toString(), "\r\n"),
                Arguments.of("NUL and DEL bytes", "X: a\u0000b\u007f\r\n", "\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messySections")
    void rawBytesRoundTripExactly(String description, String section, String blankLine) throws IOException {
        byte[] input = latin1(section + blankLine + "body\r\n");
        Headers headers = Headers.parse(input);

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (HeaderField field : headers) {
            joined.write(field.raw());
        }
        joined.write(latin1(blankLine));
        assertThat(text(joined.toByteArray())).isEqualTo(section + blankLine);
        assertThat(headers.byteLength()).isEqualTo(section.length() + blankLine.length());
        assertThat(headers.malformedLines()).isZero();
        int rawTotal = headers.fields().stream().mapToInt(HeaderField::rawLength).sum();
        assertThat(rawTotal).isEqualTo(section.length());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messySections")
    void streamIsLeftAtTheFirstBodyByte(String description, String section, String blankLine) throws IOException {
        byte[] body = latin1("Not: a header\r\n\r\nmore");
        byte[] input = concat(latin1(section + blankLine), body);
        for (InputStream in : List.of(new ByteArrayInputStream(input), unmarkable(input), trickling(input),
                new BufferedInputStream(unmarkable(input), 16), new BufferedInputStream(trickling(input)))) {
            Headers headers = Headers.parse(in, HeaderLimits.DEFAULT);
            assertThat(headers.byteLength()).isEqualTo(input.length - body.length);
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
    }

    @Test
    void streamPositionIsExactAcrossManyReadBlocks() throws IOException {
        StringBuilder section = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            section.append("X-Filler-").append(i).append(": some value to take up room\r\n");
        }
        section.append("\r\n");
        byte[] body = latin1("Body: not a header\r\n");
        for (int extra = 0; extra < 40; extra++) {
            // Move the blank line across block boundaries, including right on one.
            String padded = "X-Pad: " + "p".repeat(extra) + "\r\n" + section;
            byte[] input = concat(latin1(padded), body);
            InputStream in = new ByteArrayInputStream(input);
            Headers headers = Headers.parse(in, HeaderLimits.builder().maxFields(5000).build());
            assertThat(headers.size()).isEqualTo(3001);
            assertThat(headers.byteLength()).isEqualTo(padded.length());
            assertThat(in.readAllBytes()).isEqualTo(body);
        }
    }

    /** Where the blocks read from a markable stream end: they grow 2, 4, 8, 8 ... KB. */
    private static final int[] BLOCK_ENDS = {2048, 6144, 14336, 22528};

    @ParameterizedTest
    @ValueSource(ints = {2048, 6144, 14336, 22528})
    void blankLineAtTheBlockBoundaryIsFoundWhenItsCrAndLfAreSplit(int blockEnd) throws IOException {
        String first = "X-Long: " + "v".repeat(blockEnd - "X-Long: ".length() - 3) + "\r\n\r";
        assertThat(first).hasSize(blockEnd);
        byte[] input = latin1(first + "\nbody");
        InputStream in = new ByteArrayInputStream(input);
        Headers headers = Headers.parse(in, HeaderLimits.builder().maxLineLength(blockEnd).build());
        assertThat(headers.size()).isEqualTo(1);
        assertThat(headers.byteLength()).isEqualTo(blockEnd + 1);
        assertThat(in.readAllBytes()).isEqualTo(latin1("body"));
    }

    @Test
    void streamPositionIsExactAroundEveryBlockEnd() throws IOException {
        byte[] body = latin1("Body: not a header\r\n");
        for (int blockEnd : BLOCK_ENDS) {
            for (int length = blockEnd - 6; length <= blockEnd + 6; length++) {
                StringBuilder section = new StringBuilder();
                while (section.length() < length - 100) {
                    section.append("X-Filler: some value to take up room\r\n");
                }
                int pad = length - section.length() - "X-Pad: \r\n\r\n".length();
                section.append("X-Pad: ").append("p".repeat(pad)).append("\r\n\r\n");
                assertThat(section).hasSize(length);
                byte[] input = concat(latin1(section.toString()), body);
                for (InputStream in : List.of(new ByteArrayInputStream(input), new BufferedInputStream(trickling(input)))) {
                    Headers headers = Headers.parse(in, HeaderLimits.builder().maxFields(5000).build());
                    assertThat(headers.byteLength()).as("section of %d bytes", length).isEqualTo(length);
                    assertThat(in.readAllBytes()).isEqualTo(body);
                }
            }
        }
    }

    @Test
    void sectionWithoutBlankLineEndsAtEndOfInput() throws IOException {
        byte[] input = latin1("A: 1\r\nB: 2");
        Headers headers = Headers.parse(input);
        assertThat(headers.size()).isEqualTo(2);
        assertThat(headers.byteLength()).isEqualTo(input.length);
        HeaderField last = headers.fields().get(1);
        assertThat(text(last.raw())).isEqualTo("B: 2");
        assertThat(last.value()).isEqualTo("2");
        assertThat(last.isTerminated()).isFalse();
        assertThat(text(headers.toBytes())).isEqualTo("A: 1\r\nB: 2\r\n\r\n");
    }

    @Test
    void crAtEndOfInputEndsTheLastLine() throws IOException {
        Headers headers = Headers.parse(latin1("A: 1\r"));
        assertThat(headers.fields().get(0).value()).isEqualTo("1");
        assertThat(text(headers.fields().get(0).raw())).isEqualTo("A: 1\r");

        Headers blankCr = Headers.parse(latin1("A: 1\r\n\r"));
        assertThat(blankCr.size()).isEqualTo(1);
        assertThat(blankCr.byteLength()).isEqualTo(7);
    }

    @Test
    void emptyInputAndLeadingBlankLine() throws IOException {
        Headers none = Headers.parse(new byte[0]);
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.byteLength()).isZero();

        InputStream in = new ByteArrayInputStream(latin1("\r\nA: body\r\n"));
        Headers blank = Headers.parse(in);
        assertThat(blank.isEmpty()).isTrue();
        assertThat(blank.byteLength()).isEqualTo(2);
        assertThat(text(in.readAllBytes())).isEqualTo("A: body\r\n");

        assertThat(Headers.parse(latin1("\nA: b")).byteLength()).isEqualTo(1);
    }

    @Test
    void unfoldingRemovesLineBreaksButKeepsTheWhitespaceAfterThem() throws IOException {
        Headers headers = Headers.parse(latin1("Subject: a\r\n b\r\n\tc\nX: \r\n  d  \r\n\r\n"));
        assertThat(headers.fields().get(0).value()).isEqualTo("a b\tc");
        // Whitespace that folding leaves at the start of the body is leading whitespace too.
        assertThat(headers.fields().get(1).value()).isEqualTo("d  ");
    }

    @Test
    void valueKeepsTrailingAndInnerWhitespaceAndDropsLeadingWhitespace() throws IOException {
        Headers headers = Headers.parse(latin1("A:x\r\nB: \t x  y \r\nC:\r\n\r\nD:   \r\n"));
        assertThat(headers).extracting(HeaderField::value).containsExactly("x", "x  y ", "");
        Headers more = Headers.parse(latin1("D:   \r\nE:\r\n   \r\n"));
        assertThat(more).extracting(HeaderField::value).containsExactly("", "");
    }

    @Test
    void obsoleteWhitespaceBeforeColonIsNotPartOfTheName() throws IOException {
        // RFC 5322 Appendix A.6.3
        String section = "From  : John Doe <jdoe@machine(comment).  example>\r\n"
                + "To    : Mary Smith\r\n"
                + "  \r\n"
                + "          <mary@example.net>\r\n"
                + "Subject     : Saying Hello\r\n"
                + "Date  : Fri, 21 Nov 1997 09(comment):   55  :  06 -0600\r\n"
                + "Message-ID  : <1234   @   local(blah)  .machine .example>\r\n"
                + "\r\n";
        Headers headers = Headers.parse(latin1(section + "\r\nThis is just a test message."));
        assertThat(headers).extracting(HeaderField::name).containsExactly("From", "To", "Subject", "Date", "Message-ID");
        assertThat(headers.firstValue("to")).contains("Mary Smith            <mary@example.net>");
        assertThat(headers.firstValue("Subject")).contains("Saying Hello");
        assertThat(headers.byteLength()).isEqualTo(section.length());
    }

    @Test
    void eightBitValuesAreUtf8OrLatin1ByteForByte() throws IOException {
        byte[] utf8 = "Subject: Gr\u00fc\u00dfe \ud83d\udc4b\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        HeaderField u = Headers.parse(utf8).fields().get(0);
        assertThat(u.value()).isEqualTo("Gr\u00fc\u00dfe \ud83d\udc4b");
        assertThat(u.charset()).isEqualTo(StandardCharsets.UTF_8);

        byte[] latin = latin1("Subject: Gr\u00fc\u00dfe\r\n\r\n");
        HeaderField l = Headers.parse(latin).fields().get(0);
        assertThat(l.value()).isEqualTo("Gr\u00fc\u00dfe");
        assertThat(l.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(l.value().getBytes(l.charset())).isEqualTo(latin1("Gr\u00fc\u00dfe"));
    }

    @ParameterizedTest(name = "invalid UTF-8 {0}")
    @MethodSource("invalidUtf8")
    void invalidUtf8FallsBackToLatin1(String description, byte[] value) throws IOException {
        byte[] input = concat(latin1("X: "), value, latin1("\r\n\r\n"));
        HeaderField field = Headers.parse(input).fields().get(0);
        assertThat(field.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(field.value().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(value);
    }

    static Stream<Arguments> invalidUtf8() {
        return Stream.of(
                Arguments.of("lone continuation", new byte[] {'a', (byte) 0x80}),
                Arguments.of("overlong slash", new byte[] {(byte) 0xc0, (byte) 0xaf}),
                Arguments.of("overlong three-byte", new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}),
                Arguments.of("surrogate", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
                Arguments.of("above U+10FFFF", new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}),
                Arguments.of("truncated", new byte[] {'x', (byte) 0xe2, (byte) 0x82}),
                Arguments.of("F5 lead", new byte[] {(byte) 0xf5, (byte) 0x80, (byte) 0x80, (byte) 0x80}),
                Arguments.of("bad second byte", new byte[] {(byte) 0xc3, 'a'}));
    }

    @Test
    void validUtf8BoundariesAreAccepted() throws IOException {
        String value = "\u0080 \u07ff \u0800 \ud7ff \ue000 \uffff \ud800\udc00 \udbff\udfff";
        byte[] input = ("X: " + value + "\r\n").getBytes(StandardCharsets.UTF_8);
        HeaderField field = Headers.parse(input).fields().get(0);
        assertThat(field.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(field.value()).isEqualTo(value);
    }

    @Test
    void malformedLinesAreSkippedAndCounted() throws IOException {
        String section = " leading continuation\r\n"
                + "\tand its continuation\r\n"
                + "Good: 1\r\n"
                + "no colon here\r\n"
                + "From sender@example.com Mon Jan  1 00:00:00 2024\r\n"
                + "Bad Name: x\r\n"
                + " continuation of the bad line\r\n"
                + ": empty name\r\n"
                + "N\u00e4me: 8-bit name\r\n"
                + "Also-Good: 2\r\n"
                + " folded\r\n"
                + "\r\n";
        Headers headers = Headers.parse(latin1(section + "body"));
        assertThat(headers).extracting(HeaderField::name).containsExactly("Good", "Also-Good");
        assertThat(headers.fields().get(1).value()).isEqualTo("2 folded");
        assertThat(text(headers.fields().get(0).raw())).isEqualTo("Good: 1\r\n");
        assertThat(headers.malformedLines()).isEqualTo(6);
        assertThat(headers.byteLength()).isEqualTo(section.length());
    }

    @Test
    void lookupIgnoresAsciiCaseOnly() throws IOException {
        Headers headers = Headers.parse(latin1(
                "Received: one\r\nSUBJECT: s\r\nreceived: two\r\nX-Other: o\r\nReceived: three\r\n\r\n"));
        assertThat(headers.all("RECEIVED")).extracting(HeaderField::value).containsExactly("one", "two", "three");
        assertThat(headers.first("received")).map(HeaderField::value).contains("one");
        assertThat(headers.last("Received")).map(HeaderField::value).contains("three");
        assertThat(headers.firstValue("subject")).contains("s");
        assertThat(headers.contains("x-other")).isTrue();
        assertThat(headers.contains("X-Missing")).isFalse();
        assertThat(headers.first("X-Missing")).isEmpty();
        assertThat(headers.last("X-Missing")).isEmpty();
        assertThat(headers.all("X-Missing")).isEmpty();
        // U+017F folds to "S" in String.equalsIgnoreCase; a field name is ASCII and must not match it.
        assertThat(headers.contains("\u017fubject")).isFalse();
        assertThat(headers.fields().get(1).is("subject")).isTrue();
        assertThat(headers.fields().get(1).is("subjects")).isFalse();
    }

    @Test
    void parsedFieldsAreImmutable() throws IOException {
        byte[] input = latin1("A: 1\r\n\r\n");
        Headers headers = Headers.parse(input);
        input[3] = 'X';
        byte[] raw = headers.fields().get(0).raw();
        raw[3] = 'Y';
        assertThat(text(headers.fields().get(0).raw())).isEqualTo("A: 1\r\n");
        assertThat(headers.fields().get(0).value()).isEqualTo("1");
    }

    @Test
    void longFoldedFieldUnfoldsCompletely() throws IOException {
        StringBuilder section = new StringBuilder("X-Long: start");
        StringBuilder expected = new StringBuilder("start");
        for (int i = 0; i < 50_000; i++) {
            section.append("\r\n ").append(i);
            expected.append(' ').append(i);
        }
        section.append("\r\n\r\n");
        Headers headers = Headers.parse(latin1(section.toString()));
        assertThat(headers.size()).isEqualTo(1);
        assertThat(headers.fields().get(0).value()).isEqualTo(expected.toString());
    }

    static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
