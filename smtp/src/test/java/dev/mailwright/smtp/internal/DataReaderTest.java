package dev.mailwright.smtp.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DataReaderTest {

    @TempDir
    Path spool;

    /** What a reader made of {@code input}, fed in pieces of the given sizes (cycled). */
    private record Outcome(String content, int consumed, boolean done, boolean bare) {
    }

    private Outcome feed(String input, int... pieces) throws Exception {
        MessageSink sink = new MessageSink(1 << 20, 1 << 16, 16, spool);
        DataReader reader = new DataReader(sink);
        byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
        int offset = 0;
        int p = 0;
        while (offset < bytes.length && !reader.isDone()) {
            int n = Math.min(pieces[p++ % pieces.length], bytes.length - offset);
            int used = reader.read(bytes, offset, n);
            assertThat(used).isLessThanOrEqualTo(n);
            if (used < n) {
                assertThat(reader.isDone()).isTrue();
            }
            offset += used;
        }
        String content = reader.isDone() && sink.problem() == MessageSink.Problem.NONE
                ? new String(sink.finish().toByteArray(), StandardCharsets.ISO_8859_1) : null;
        return new Outcome(content, offset, reader.isDone(), reader.sawBareNewline());
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // input | content | consumed | bare newline
        ".\\r\\nNOOP\\r\\n | '' | 3 | false",
        "a\\r\\n.\\r\\n | a\\r\\n | 6 | false",
        "..\\r\\n.\\r\\n | .\\r\\n | 7 | false",
        ".a\\r\\n.\\r\\nrest | a\\r\\n | 7 | false",
        "a\\nb\\r\\n.\\r\\n | a\\nb\\r\\n | 8 | true",
        "a\\rb\\r\\n.\\r\\n | a\\rb\\r\\n | 8 | true",
        "a\\r\\n.\\rb\\r\\n.\\r\\n | a\\r\\n\\rb\\r\\n | 11 | true",
        "a\\r\\r\\n.\\r\\n | a\\r\\r\\n | 7 | true",
        "\\r\\n\\r\\n.\\r\\n | \\r\\n\\r\\n | 7 | false"
    })
    void findsTheEndAndUnstuffsInAnyPieces(String input, String content, int consumed, boolean bare) throws Exception {
        for (int[] pieces : new int[][] {{1000}, {1}, {2}, {3, 1}, {1, 4}}) {
            Outcome o = feed(unescape(input), pieces);
            assertThat(o.done()).isTrue();
            assertThat(o.consumed()).isEqualTo(consumed);
            assertThat(o.bare()).isEqualTo(bare);
            assertThat(o.content()).isEqualTo(unescape(content));
        }
    }

    @ParameterizedTest
    @CsvSource({"a\\n.\\nb", "a\\r.\\rb", "a\\n.\\r\\nb", "a\\r\\n.\\nb", "a\\r.\\r\\nb", "a\\r\\n.\\r"})
    void fakeEndsAreNotEnds(String input) throws Exception {
        Outcome o = feed(unescape(input), 1);
        assertThat(o.done()).isFalse();
    }

    @Test
    void randomSplitsNeverChangeTheResult() throws Exception {
        Random random = new Random(42);
        String alphabet = "ab.\r\n";
        for (int round = 0; round < 2000; round++) {
            StringBuilder s = new StringBuilder("\r\n");
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            s.append("\r\n.\r\n");
            Outcome whole = feed(s.toString(), 10_000);
            Outcome split = feed(s.toString(), 1 + random.nextInt(3), 1 + random.nextInt(5));
            assertThat(split).as("input %s", s.toString().replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(whole);
            assertThat(whole.done()).isTrue();
        }
    }

    @Test
    void sizeAndHeaderLimitsStopStoringButKeepReading() throws Exception {
        MessageSink sink = new MessageSink(100, 50, 16, spool);
        DataReader reader = new DataReader(sink);
        byte[] big = ("Subject: x\r\n\r\n" + "y".repeat(200) + "\r\n.\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(reader.read(big, 0, big.length)).isEqualTo(big.length);
        assertThat(reader.isDone()).isTrue();
        assertThat(sink.problem()).isEqualTo(MessageSink.Problem.TOO_BIG);

        MessageSink header = new MessageSink(10_000, 50, 16, spool);
        byte[] longHeader = ("X: " + "h".repeat(60) + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        header.write(longHeader, 0, longHeader.length);
        assertThat(header.problem()).isEqualTo(MessageSink.Problem.HEADER_TOO_BIG);
    }
}
