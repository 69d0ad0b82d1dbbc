package dev.mailwright.auth.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6376 §3.4 canonicalisation: the §3.4.5 examples and the edge cases around them. */
class CanonicalizationTest {

    private static String headers(Canonicalization canon, String section) throws Exception {
        ByteArrayBuilder out = new ByteArrayBuilder(0);
        for (HeaderField field : Headers.parse(section.getBytes(StandardCharsets.UTF_8))) {
            byte[] raw = field.raw();
            canon.canonicalizeHeader(raw, raw.length, true, out);
        }
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    /** The canonical body, recovered by hashing with an identity "digest" that keeps its input. */
    static String body(Canonicalization canon, String body, int chunk) {
        RecordingDigest recorder = new RecordingDigest();
        BodyCanonicalizer canonicalizer = new BodyCanonicalizer(canon, recorder, Long.MAX_VALUE);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i += chunk) {
            canonicalizer.update(bytes, i, Math.min(chunk, bytes.length - i));
        }
        return new String(canonicalizer.finish(), StandardCharsets.UTF_8);
    }

    @Test
    void rfc6376Section345HeaderExample() throws Exception {
        String section = "A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n";
        assertThat(headers(Canonicalization.RELAXED, section)).isEqualTo("a:X\r\nb:Y Z\r\n");
        assertThat(headers(Canonicalization.SIMPLE, section)).isEqualTo("A: X\r\nB : Y\t\r\n\tZ  \r\n");
    }

    @Test
    void rfc6376Section345BodyExample() {
        String body = " C \r\nD \t E\r\n\r\n\r\n";
        assertThat(body(Canonicalization.RELAXED, body, 1000)).isEqualTo(" C\r\nD E\r\n");
        assertThat(body(Canonicalization.SIMPLE, body, 1000)).isEqualTo(" C \r\nD \t E\r\n");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // description | body (\r \n \t written as escapes) | simple | relaxed
        "empty body||\\r\\n|",
        "only empty lines|\\r\\n\\r\\n\\r\\n|\\r\\n|",
        "no final CRLF|abc|abc\\r\\n|abc\\r\\n",
        "trailing whitespace line|abc\\r\\n\\s\\s\\t\\r\\n|abc\\r\\n\\s\\s\\t\\r\\n|abc\\r\\n",
        "inner empty lines kept|a\\r\\n\\r\\n\\r\\nb\\r\\n|a\\r\\n\\r\\n\\r\\nb\\r\\n|a\\r\\n\\r\\n\\r\\nb\\r\\n",
        "bare LF line ends|a\\s\\nb\\n\\n|a\\s\\r\\nb\\r\\n|a\\r\\nb\\r\\n",
        "lone CR is content|a\\rb\\r\\n|a\\rb\\r\\n|a\\rb\\r\\n",
        "CR at the very end|a\\r|a\\r\\r\\n|a\\r\\r\\n",
        "leading whitespace becomes one space|\\t\\t\\sx\\r\\n|\\t\\t\\sx\\r\\n|\\sx\\r\\n",
        "whitespace-only body|\\s\\s\\r\\n|\\s\\s\\r\\n|",
        "whitespace without line end|\\s\\t\\s|\\s\\t\\s\\r\\n|",
    })
    void bodyEdgeCases(String description, String body, String simple, String relaxed) {
        String input = unescape(body);
        for (int chunk : new int[] {1, 2, 3, 1000}) {
            assertThat(body(Canonicalization.SIMPLE, input, chunk)).as("simple, chunks of %d", chunk)
                    .isEqualTo(unescape(simple));
            assertThat(body(Canonicalization.RELAXED, input, chunk)).as("relaxed, chunks of %d", chunk)
                    .isEqualTo(unescape(relaxed));
        }
    }

    @Test
    void bodyLengthLimitHashesOnlyThePrefixButCountsAll() {
        RecordingDigest recorder = new RecordingDigest();
        BodyCanonicalizer canonicalizer = new BodyCanonicalizer(Canonicalization.RELAXED, recorder, 5);
        byte[] bytes = "hello world\r\nmore\r\n".getBytes(StandardCharsets.US_ASCII);
        canonicalizer.update(bytes, 0, bytes.length);
        assertThat(new String(canonicalizer.finish(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(canonicalizer.canonicalLength()).isEqualTo(19);
    }

    @Test
    void relaxedHeaderEdgeCases() throws Exception {
        assertThat(headers(Canonicalization.RELAXED, "SUBJECT:   many   spaces\t\there  \r\n\r\n"))
                .isEqualTo("subject:many spaces here\r\n");
        assertThat(headers(Canonicalization.RELAXED, "X-Empty:   \r\n\r\n")).isEqualTo("x-empty:\r\n");
        assertThat(headers(Canonicalization.RELAXED, "To: a,\r\n   b,\r\n\tc\r\n\r\n")).isEqualTo("to:a, b, c\r\n");
        assertThat(headers(Canonicalization.RELAXED, "Subject: caf\u00e9 \r\n\r\n")).isEqualTo("subject:caf\u00e9\r\n");
        // Bare LF line ends read like CRLF.
        assertThat(headers(Canonicalization.RELAXED, "To: a,\n b\n\n")).isEqualTo("to:a, b\r\n");
        assertThat(headers(Canonicalization.SIMPLE, "To: a,\n b\n\n")).isEqualTo("To: a,\r\n b\r\n");
    }

    @Test
    void emptyingTheSignatureValueKeepsEverythingElse() {
        byte[] raw = "DKIM-Signature: a=rsa-sha256; bh=abc=;\r\n b=dGhp\r\n cw==; x=1\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(SignedData.withEmptyB(raw), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: a=rsa-sha256; bh=abc=;\r\n b=; x=1\r\n");
        byte[] last = "DKIM-Signature: bh=x; b = dGhp\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(new String(SignedData.withEmptyB(last), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: bh=x; b =\r\n");
    }

    @Test
    void headersMatchTheRfcTextOnRandomFields() {
        Random random = new Random(6376);
        String[] pieces = {"a", "B", "c", " ", "  ", "\t", "\r", "\r\n ", "\n\t", "\r\n\t ", ";", "\u00e9"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder field = new StringBuilder(random.nextBoolean() ? "Subject" : "X-Mixed-Case");
            field.append(random.nextBoolean() ? "" : " \t").append(':');
            int count = random.nextInt(30);
            for (int i = 0; i < count; i++) {
                field.append(pieces[random.nextInt(pieces.length)]);
            }
            field.append(random.nextBoolean() ? "\r\n" : "\n");
            byte[] raw = field.toString().getBytes(StandardCharsets.UTF_8);
            for (boolean terminate : new boolean[] {true, false}) {
                for (Canonicalization canon : Canonicalization.values()) {
                    ByteArrayBuilder out = new ByteArrayBuilder(0);
                    canon.canonicalizeHeader(raw, raw.length, terminate, out);
                    assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8))
                            .as("%s %s", canon, field)
                            .isEqualTo(referenceHeader(canon, field.toString(), terminate));
                }
            }
        }
    }

    /**
     * RFC 6376 §3.4.1 and §3.4.2 on a whole field: simple keeps it as it is (bare LF read as CRLF);
     * relaxed lower-cases the name, unfolds, turns WSP runs into one SP and removes WSP around the
     * colon and at the end. The terminator is dropped when {@code terminate} is false.
     */
    private static String referenceHeader(Canonicalization canon, String field, boolean terminate) {
        String body = field.endsWith("\r\n") ? field.substring(0, field.length() - 2) : field.substring(0, field.length() - 1);
        String end = terminate ? "\r\n" : "";
        if (canon == Canonicalization.SIMPLE) {
            return body.replace("\r\n", "\n").replace("\n", "\r\n") + end;
        }
        int colon = body.indexOf(':');
        String name = body.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = body.substring(colon + 1).replace("\r\n", "").replace("\n", "").replaceAll("[ \t]+", " ");
        value = value.startsWith(" ") ? value.substring(1) : value;
        value = value.endsWith(" ") ? value.substring(0, value.length() - 1) : value;
        return name + ":" + value + end;
    }

    private static String unescape(String text) {
        return text == null ? "" : text.replace("\\r", "\r").replace("\\n", "\n").replace("\\t", "\t").replace("\\s", " ");
    }
}
