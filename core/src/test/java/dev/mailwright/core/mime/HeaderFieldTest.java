package dev.mailwright.core.mime;

import static dev.mailwright.core.mime.HeadersParseTest.latin1;
import static dev.mailwright.core.mime.HeadersParseTest.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HeaderFieldTest {

    private static List<String> lines(HeaderField field) {
        String raw = new String(field.raw(), StandardCharsets.UTF_8);
        assertThat(raw).endsWith("\r\n");
        return Arrays.asList(raw.substring(0, raw.length() - 2).split("\r\n", -1));
    }

    private static int octets(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length;
    }

    @ParameterizedTest(name = "[{0}] [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "Subject | Hello | 'Subject: Hello\r\n'",
        "Subject | '' | 'Subject:\r\n'",
        "X-Tabs | a\tb | 'X-Tabs: a\tb\r\n'",
        "X-Trailing | 'a  ' | 'X-Trailing: a  \r\n'",
    })
    void shortFieldsStayOnOneLine(String name, String value, String raw) {
        HeaderField field = HeaderField.of(name, value);
        assertThat(text(field.raw())).isEqualTo(raw);
        assertThat(field.rawLength()).isEqualTo(raw.length());
        assertThat(field.name()).isEqualTo(name);
    }

    @Test
    void longValuesFoldAtWhitespaceWithin76Octets() {
        String value = "This is a rather long subject line that certainly needs folding because it goes on"
                + " and on, well past the seventy-eight octets a line should stay within, twice over.";
        HeaderField field = HeaderField.of("Subject", value);
        List<String> lines = lines(field);
        assertThat(lines).hasSizeGreaterThan(2);
        assertThat(lines).allSatisfy(line -> assertThat(octets(line)).isLessThanOrEqualTo(76));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line -> assertThat(line).startsWith(" "));
        assertThat(field.value()).isEqualTo(value);
        // Greedy: no line could have taken the next word too.
        for (int i = 0; i + 1 < lines.size(); i++) {
            String nextWord = lines.get(i + 1).stripLeading().split(" ")[0];
            assertThat(octets(lines.get(i)) + 1 + octets(nextWord)).isGreaterThan(76);
        }
    }

    @Test
    void aRunLongerThan76OctetsGetsALineOfItsOwn() {
        String run = "x".repeat(200);
        HeaderField field = HeaderField.of("References", "<a@b> " + run + " <c@d>");
        assertThat(lines(field)).containsExactly("References: <a@b>", " " + run, " <c@d>");
        assertThat(field.value()).isEqualTo("<a@b> " + run + " <c@d>");
    }

    @Test
    void aRunUpTo998OctetsIsAcceptedAndLongerIsRefused() {
        String fits = "y".repeat(998 - "X: ".length());
        assertThat(lines(HeaderField.of("X", fits))).containsExactly("X: " + fits);
        assertThatThrownBy(() -> HeaderField.of("X", fits + "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("998");
        String continuation = "z".repeat(997);
        assertThat(lines(HeaderField.of("X", "a " + continuation))).containsExactly("X: a", " " + continuation);
        assertThatThrownBy(() -> HeaderField.of("X", "a " + continuation + "z"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void trailingWhitespaceNeverGetsALineOfItsOwn() {
        String value = "w".repeat(76) + "    ";
        HeaderField field = HeaderField.of("X", value);
        assertThat(lines(field)).hasSize(1);
        assertThat(field.value()).isEqualTo(value);
    }

    @Test
    void utf8ValuesAreWrittenAsUtf8AndFoldedByOctets() {
        String value = "\u00e9".repeat(30) + " " + "\u00e9".repeat(30) + " \ud83d\udc4b";
        HeaderField field = HeaderField.of("Subject", value);
        assertThat(field.charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(field.value()).isEqualTo(value);
        assertThat(lines(field)).allSatisfy(line -> assertThat(octets(line)).isLessThanOrEqualTo(76));
        assertThat(lines(field)).hasSize(2);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1234, 99999})
    void foldingAlwaysUnfoldsToTheValue(long seed) throws HeaderLimitException {
        Random random = new Random(seed);
        for (int round = 0; round < 200; round++) {
            StringBuilder value = new StringBuilder();
            int words = random.nextInt(40);
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    value.append(random.nextInt(8) == 0 ? "\t " : " ".repeat(1 + random.nextInt(2)));
                }
                int length = random.nextInt(10) == 0 ? 60 + random.nextInt(120) : 1 + random.nextInt(12);
                for (int c = 0; c < length; c++) {
                    value.append((char) ('!' + random.nextInt(94)));
                }
            }
            String expected = value.toString().stripLeading();
            String name = "X-Field-" + round;
            HeaderField field = HeaderField.of(name, value.toString());
            assertThat(field.value()).isEqualTo(expected);
            List<String> lines = lines(field);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                assertThat(line).isNotBlank();
                assertThat(octets(line)).isLessThanOrEqualTo(998);
                String content = (i == 0 ? line.substring(name.length() + 1) : line).strip();
                boolean singleRun = content.indexOf(' ') < 0 && content.indexOf('\t') < 0;
                if (!singleRun) {
                    assertThat(octets(line)).isLessThanOrEqualTo(76);
                }
                if (i > 0) {
                    assertThat(line).matches("[ \t].*");
                }
            }
            // What was written parses back to the same field.
            Headers parsed = Headers.parse(field.raw());
            assertThat(parsed.fields()).containsExactly(field);
            assertThat(parsed.fields().get(0).value()).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bad Name", "Bad:Name", "N\u00e4me", "Tab\tName", "New\nLine"})
    void invalidNamesAreRefused(String name) {
        assertThatThrownBy(() -> HeaderField.of(name, "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nBcc: victim@example.com", "a\nb", "a\rb", "a\u0000b", "lone \ud800 surrogate", "\udc00"})
    void valuesThatCouldInjectOrCorruptAreRefused(String value) {
        assertThatThrownBy(() -> HeaderField.of("Subject", value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value");
    }

    @Test
    void ofRawKeepsTheExactBytes() {
        byte[] raw = latin1("DKIM-Signature: v=1; a=rsa-sha256;\r\n\td=example.com; s=sel;\r\n\tb=abc\r\n");
        HeaderField field = HeaderField.ofRaw(raw);
        assertThat(field.raw()).isEqualTo(raw);
        assertThat(field.name()).isEqualTo("DKIM-Signature");
        assertThat(field.value()).isEqualTo("v=1; a=rsa-sha256;\td=example.com; s=sel;\tb=abc");
        raw[0] = 'X';
        assertThat(field.name()).isEqualTo("DKIM-Signature");
    }

    @Test
    void unfoldingRemovesCrlfAndBareLfBreaksAndKeepsLoneCrs() throws HeaderLimitException {
        Headers headers = Headers.parse(latin1("X: a\r\n b\n\tc\rd\r\n e\r\nY:\r\n z\r\n\r\n"));
        assertThat(headers.fields().get(0).value()).isEqualTo("a b\tc\rd e");
        assertThat(headers.fields().get(1).value()).isEqualTo("z");
        HeaderField cut = Headers.parse(latin1("Z: 1\r\n 2\r")).fields().get(0);
        assertThat(cut.value()).isEqualTo("1 2");
    }

    @Test
    void valueIsDecodedOnceWhicheverViewIsAskedFirst() throws HeaderLimitException {
        Headers headers = Headers.parse(latin1("A: caf\u00e9\r\n b\r\nB: plain\r\n\r\n"));
        HeaderField latin = headers.fields().get(0);
        assertThat(latin.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(latin.value()).isEqualTo("caf\u00e9 b").isSameAs(latin.value());
        HeaderField plain = headers.fields().get(1);
        assertThat(plain.value()).isEqualTo("plain");
        assertThat(plain.charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void ofRawAddsAMissingTerminator() {
        assertThat(text(HeaderField.ofRaw(latin1("A: b")).raw())).isEqualTo("A: b\r\n");
        assertThat(text(HeaderField.ofRaw(latin1("A: b\n")).raw())).isEqualTo("A: b\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\r\n", "A: b\r\nC: d\r\n", "A: b\r\n\r\n", " A: b\r\n", "no colon\r\n",
        "A: b\r\n\r\nC: d\r\n"})
    void ofRawRefusesAnythingButOneField(String raw) {
        assertThatThrownBy(() -> HeaderField.ofRaw(latin1(raw))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a single header field");
    }

    @Test
    void ofRawRefusesLinesOver998Octets() {
        assertThatThrownBy(() -> HeaderField.ofRaw(latin1("X: " + "a".repeat(996) + "\r\n")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HeaderField.ofRaw(latin1("X: " + "a".repeat(995) + "\r\n")).rawLength()).isEqualTo(1000);
    }

    @Test
    void decodedValueDecodesEncodedWords() throws HeaderLimitException {
        HeaderField field = Headers.parse(latin1("Cc: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>\r\n"))
                .fields().get(0);
        assertThat(field.value()).isEqualTo("=?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>");
        assertThat(field.decodedValue()).isEqualTo("Andr\u00e9 Pirard <PIRARD@vm1.ulg.ac.be>");
    }

    @Test
    void encodedValuesSurviveFoldingAndParsing() throws HeaderLimitException {
        String subject = "Gr\u00fc\u00dfe aus K\u00f6ln, und noch ein sehr langer Betreff, der gefaltet werden muss \ud83d\ude00";
        HeaderField field = HeaderField.of("Subject", EncodedWords.encode(subject, "Subject: ".length()));
        assertThat(lines(field).get(0)).startsWith("Subject: =?UTF-8?");
        assertThat(text(field.raw())).matches("[\\x20-\\x7e\\r\\n]*");
        assertThat(lines(field)).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(76));
        HeaderField parsed = Headers.parse(field.raw()).fields().get(0);
        assertThat(parsed.decodedValue()).isEqualTo(subject);
    }

    @Test
    void aFirstTokenThatFitsOnlyBelowTheNameMovesThere() {
        String word = "=?UTF-8?Q?" + "a".repeat(63) + "?=";
        HeaderField field = HeaderField.of("Subject", word);
        assertThat(lines(field)).containsExactly("Subject:", " " + word);
        assertThat(field.value()).isEqualTo(word);
        String name = "X-" + "N".repeat(80);
        assertThat(lines(HeaderField.of(name, "short"))).containsExactly(name + ":", " short");
    }

    @Test
    void equalityIsByRawBytes() throws HeaderLimitException {
        HeaderField built = HeaderField.of("Subject", "Hi");
        HeaderField parsed = Headers.parse(latin1("X: 1\r\nSubject: Hi\r\n\r\n")).fields().get(1);
        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(HeaderField.of("subject", "Hi")).isNotEqualTo(built);
        assertThat(HeaderField.ofRaw(latin1("Subject: Hi\n"))).isNotEqualTo(built);
        assertThat(built).hasToString("Subject: Hi");
    }
}
