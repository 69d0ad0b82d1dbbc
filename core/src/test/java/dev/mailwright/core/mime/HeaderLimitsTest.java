package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.HeadersParseTest.latin1;
import static dev.mailwright.core.mime.HeadersParseTest.unmarkable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.mime.HeaderLimitException.Limit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderLimitsTest {

    /** Parses through all three reading paths: array, marked blocks, byte by byte. */
    private static List<Headers> parseAllWays(byte[] input, HeaderLimits limits) throws IOException {
        return List.of(
                Headers.parse(input, limits),
                Headers.parse(new ByteArrayInputStream(input), limits),
                Headers.parse(unmarkable(input), limits));
    }

    private static void assertRejectedAllWays(byte[] input, HeaderLimits limits, Limit limit, int max) {
        List<Function<byte[], Object>> ways = List.of(
                bytes -> invoke(() -> Headers.parse(bytes, limits)),
                bytes -> invoke(() -> Headers.parse(new ByteArrayInputStream(bytes), limits)),
                bytes -> invoke(() -> Headers.parse(unmarkable(bytes), limits)));
        for (Function<byte[], Object> way : ways) {
            Object outcome = way.apply(input);
            assertThat(outcome).isInstanceOf(HeaderLimitException.class);
            HeaderLimitException e = (HeaderLimitException) outcome;
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.max()).isEqualTo(max);
        }
    }

    private interface Parse {
        Headers run() throws IOException;
    }

    private static Object invoke(Parse parse) {
        try {
            return parse.run();
        } catch (IOException e) {
            return e;
        }
    }

    @Test
    void defaults() {
        assertThat(HeaderLimits.DEFAULT.maxHeaderBytes()).isEqualTo(1 << 20);
        assertThat(HeaderLimits.DEFAULT.maxLineLength()).isEqualTo(4000);
        assertThat(HeaderLimits.DEFAULT.maxFields()).isEqualTo(1000);
        assertThat(HeaderLimits.DEFAULT.maxMalformedLines()).isEqualTo(100);
        assertThat(HeaderLimits.builder().build()).isEqualTo(HeaderLimits.DEFAULT);
    }

    @Test
    void builderStartsFromTheLimitsItCameFrom() {
        HeaderLimits limits = HeaderLimits.builder().maxFields(7).build();
        HeaderLimits changed = limits.toBuilder().maxLineLength(80).build();
        assertThat(changed).isEqualTo(new HeaderLimits(1 << 20, 80, 7, 100));
    }

    @ParameterizedTest
    @CsvSource({
        "0, 1, 1, 0, maxHeaderBytes",
        "1, 0, 1, 0, maxLineLength",
        "1, 1, 0, 0, maxFields",
        "1, 1, 1, -1, maxMalformedLines",
        "-5, 1, 1, 0, maxHeaderBytes",
    })
    void invalidSettingsAreNamed(int bytes, int line, int fields, int malformed, String setting) {
        assertThatThrownBy(() -> HeaderLimits.builder()
                .maxHeaderBytes(bytes).maxLineLength(line).maxFields(fields).maxMalformedLines(malformed).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(setting + " ");
    }

    @ParameterizedTest(name = "blank line {0}")
    @ValueSource(strings = {"\r\n", "\n"})
    void headerBytesAtTheLimitPassAndOneMoreFails(String blankLine) throws IOException {
        String section = "Subject: 0123456789\r\nX: y\r\n" + blankLine;
        byte[] input = latin1(section + "a body much longer than the header section limit ".repeat(10));
        HeaderLimits exact = HeaderLimits.builder().maxHeaderBytes(section.length()).build();
        for (Headers headers : parseAllWays(input, exact)) {
            assertThat(headers.byteLength()).isEqualTo(section.length());
        }
        HeaderLimits smaller = HeaderLimits.builder().maxHeaderBytes(section.length() - 1).build();
        assertRejectedAllWays(input, smaller, Limit.HEADER_BYTES, section.length() - 1);
    }

    @Test
    void headerBytesCountASectionEndedByEndOfInput() throws IOException {
        byte[] input = latin1("Subject: x\r\nX: y");
        HeaderLimits exact = HeaderLimits.builder().maxHeaderBytes(input.length).build();
        for (Headers headers : parseAllWays(input, exact)) {
            assertThat(headers.size()).isEqualTo(2);
        }
        assertRejectedAllWays(input, HeaderLimits.builder().maxHeaderBytes(input.length - 1).build(),
                Limit.HEADER_BYTES, input.length - 1);
    }

    @ParameterizedTest(name = "terminator [{0}]")
    @ValueSource(strings = {"\r\n", "\n", ""})
    void lineLengthExcludesTheTerminatorAndIsExact(String terminator) throws IOException {
        int max = 50;
        String line = "Subject: " + "x".repeat(max - "Subject: ".length());
        assertThat(line).hasSize(max);
        HeaderLimits limits = HeaderLimits.builder().maxLineLength(max).build();
        for (Headers headers : parseAllWays(latin1(line + terminator), limits)) {
            assertThat(headers.size()).isEqualTo(1);
        }
        assertRejectedAllWays(latin1(line + "x" + terminator), limits, Limit.LINE_LENGTH, max);
    }

    @Test
    void lineLengthAppliesToEveryPhysicalLineOfAFoldedField() throws IOException {
        int max = 20;
        HeaderLimits limits = HeaderLimits.builder().maxLineLength(max).build();
        String ok = "X: a\r\n " + "b".repeat(max - 1) + "\r\n\r\n";
        assertThat(parseAllWays(latin1(ok), limits)).allSatisfy(h -> assertThat(h.size()).isEqualTo(1));
        String tooLong = "X: a\r\n " + "b".repeat(max) + "\r\n\r\n";
        assertRejectedAllWays(latin1(tooLong), limits, Limit.LINE_LENGTH, max);
    }

    @Test
    void aCrAtTheLimitMayStillBelongToCrlf() throws IOException {
        int max = 10;
        HeaderLimits limits = HeaderLimits.builder().maxLineLength(max).build();
        // Byte by byte, the line is seen at max + 1 bytes before the LF shows the CR was a terminator.
        byte[] input = latin1("X: 1234567\r\n\r\n");
        InputStream in = unmarkable(input);
        assertThat(Headers.parse(in, limits).size()).isEqualTo(1);
        // A bare CR inside the line counts as content.
        assertRejectedAllWays(latin1("X: 1234567\rz\r\n\r\n"), limits, Limit.LINE_LENGTH, max);
        // A line of max + 1 content bytes whose last one is a CR followed by more content fails early.
        assertRejectedAllWays(latin1("X: 12345678\r\r\n"), limits, Limit.LINE_LENGTH, max);
    }

    @Test
    void fieldsAtTheLimitPassAndOneMoreFails() throws IOException {
        StringBuilder section = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            section.append("X-").append(i).append(": v\r\n folded\r\n");
        }
        HeaderLimits five = HeaderLimits.builder().maxFields(5).build();
        assertThat(parseAllWays(latin1(section + "\r\n"), five)).allSatisfy(h -> assertThat(h.size()).isEqualTo(5));
        assertRejectedAllWays(latin1(section + "X-5: v\r\n\r\n"), five, Limit.FIELDS, 5);
    }

    @Test
    void malformedLinesAtTheLimitPassAndOneMoreFails() throws IOException {
        String section = "bad one\r\nA: 1\r\nbad two\r\n continuation is part of bad two\r\n";
        HeaderLimits two = HeaderLimits.builder().maxMalformedLines(2).build();
        assertThat(parseAllWays(latin1(section + "\r\n"), two))
                .allSatisfy(h -> assertThat(h.malformedLines()).isEqualTo(2));
        assertRejectedAllWays(latin1(section + "bad three\r\n\r\n"), two, Limit.MALFORMED_LINES, 2);
    }

    @Test
    void zeroMalformedLinesRejectsAnyMalformedLine() throws IOException {
        HeaderLimits strict = HeaderLimits.builder().maxMalformedLines(0).build();
        assertThat(Headers.parse(latin1("A: 1\r\n\r\n"), strict).size()).isEqualTo(1);
        assertRejectedAllWays(latin1(" continuation first\r\nA: 1\r\n\r\n"), strict, Limit.MALFORMED_LINES, 0);
    }

    @Test
    void bytesAfterTheSectionAreNeverRead() throws IOException {
        // The body would break every limit if it were taken for header lines.
        byte[] input = latin1("A: 1\r\n\r\n" + ("no colon " + "z".repeat(5000) + "\r\n").repeat(300));
        HeaderLimits tight = new HeaderLimits(8, 4, 1, 0);
        for (Headers headers : parseAllWays(input, tight)) {
            assertThat(headers.byteLength()).isEqualTo(8);
        }
    }

    @Test
    void exceptionMessageNamesTheLimitAndItsValue() {
        assertThat(new HeaderLimitException(Limit.HEADER_BYTES, 1024))
                .hasMessage("header section longer than 1024 bytes (maxHeaderBytes)");
        assertThat(new HeaderLimitException(Limit.LINE_LENGTH, 4000))
                .hasMessage("header line longer than 4000 bytes (maxLineLength)");
        assertThat(new HeaderLimitException(Limit.FIELDS, 1000))
                .hasMessage("more than 1000 header fields (maxFields)");
        assertThat(new HeaderLimitException(Limit.MALFORMED_LINES, 100))
                .hasMessage("more than 100 malformed header lines (maxMalformedLines)");
    }
}
