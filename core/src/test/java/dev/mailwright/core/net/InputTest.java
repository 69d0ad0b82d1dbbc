package dev.mailwright.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputTest {

    private final Input input = new Input();

    private void feed(String s) {
        input.append(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private String line(int max) {
        Input.Line line = input.readLine(max);
        if (line == null) {
            return null;
        }
        return line.tooLong() ? "<too long>" : line.latin1();
    }

    @Test
    void splitsLinesOnCrLfAndBareLf() {
        feed("one\r\ntwo\nthree\r");
        assertThat(line(100)).isEqualTo("one");
        assertThat(line(100)).isEqualTo("two");
        assertThat(line(100)).isNull();
        feed("\n");
        assertThat(line(100)).isEqualTo("three");
        assertThat(input.available()).isZero();
    }

    @Test
    void keepsCarriageReturnsThatDoNotEndALine() {
        feed("a\rb\r\r\n");
        assertThat(line(100)).isEqualTo("a\rb\r");
    }

    @Test
    void assemblesALineFromManyPieces() {
        for (char c : "piece by piece".toCharArray()) {
            assertThat(line(100)).isNull();
            feed(String.valueOf(c));
        }
        feed("\r\n");
        assertThat(line(100)).isEqualTo("piece by piece");
    }

    @Test
    void overlongLineIsReportedOnceAndSkippedEvenWhenItArrivesLater() {
        feed("x".repeat(50));
        assertThat(line(10)).isEqualTo("<too long>");
        feed("y".repeat(50));
        assertThat(line(10)).isNull();
        feed("zzz\r\nnext\r\n");
        assertThat(line(10)).isEqualTo("next");
    }

    @Test
    void lineExactlyAtTheLimitIsAccepted() {
        feed("1234567890\r\n12345678901\r\n");
        assertThat(line(10)).isEqualTo("1234567890");
        assertThat(line(10)).isEqualTo("<too long>");
        assertThat(input.available()).isZero();
    }

    @Test
    void readConsumeAndDiscard() {
        feed("abcdef\r\nrest");
        assertThat(new String(input.read(3), StandardCharsets.US_ASCII)).isEqualTo("abc");
        int used = input.consume((bytes, offset, length) -> {
            assertThat(new String(bytes, offset, length, StandardCharsets.US_ASCII)).isEqualTo("def\r\nrest");
            return 5;
        });
        assertThat(used).isEqualTo(5);
        assertThat(line(100)).isNull();
        assertThat(input.discard()).isEqualTo(4);
        assertThat(input.available()).isZero();
    }

    @Test
    void refusingDropsWhatWaitsAndWhatArrivesUntilAccepted() {
        feed("STARTTLS\r\nINJECTED\r\n");
        assertThat(line(100)).isEqualTo("STARTTLS");
        assertThat(input.refuse()).isEqualTo(10);
        feed("MORE INJECTED\r\n");
        assertThat(input.available()).isZero();
        input.accept();
        feed("after\r\n");
        assertThat(line(100)).isEqualTo("after");
    }

    @Test
    void growsForLargeInput() {
        String big = "b".repeat(200_000);
        feed(big + "\n");
        assertThat(line(300_000)).isEqualTo(big);
    }
}
