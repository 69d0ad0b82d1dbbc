package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogCodecTest {

    private static final Counters C = new Counters(7, 12, 3, 4567, 2, 1);

    @Test
    void everyRecordRoundTrips() {
        List<LogRecord> records = List.of(
                new LogRecord.Added(C, 11, 1234, 1_700_000_000_123L, "1700000000.M1P2Q3R4.host,S=1234,W=1240", "FSab"),
                new LogRecord.Added(C, 12, 5, 0, "odd name with spaces, % and * and ü:2,x", ""),
                new LogRecord.FlagsChanged(C, 11, "DRT,extra"),
                new LogRecord.FlagsChanged(C, 12, ""),
                new LogRecord.Expunged(C, 10),
                new LogRecord.Stamp(C, 1_700_000_000_123_456_789L, 0),
                new LogRecord.Compacting(C, 5));
        for (LogRecord record : records) {
            String line = LogCodec.encode(record);
            assertThat(line).endsWith("\n").doesNotContain("\r").hasLineCount(1).matches("[\\x21-\\x7e ]+\n");
            assertThat(LogCodec.decode(line.substring(0, line.length() - 1))).isEqualTo(record);
        }
    }

    @Test
    void headerRoundTrips() {
        LogCodec.Header header = new LogCodec.Header(3, 1_700_000_000L, C);
        String line = LogCodec.header(header);
        assertThat(line).startsWith("MAILWRIGHT-LOG 1 3 1700000000 7 12 3 4567 2 1 *");
        assertThat(LogCodec.parseHeader(line.strip())).isEqualTo(header);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "X 1 1 0 0 0 0 5",                        // no checksum
        "X 1 1 0 0 0 0 5 *00000000",              // wrong checksum
        "X 1 1 0 0 0 0 5 *zzzzzzzz",              // not a checksum
        "X 1 1 0 0 0 0 5 *1234",                  // short checksum
    })
    void tornOrGarbledLinesAreRefused(String line) {
        assertThatThrownBy(() -> LogCodec.decode(line)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sealedButMalformedLinesAreRefused() {
        for (String payload : new String[] {"Q 1 1 0 0 0 0 5", "X 1 1 0 0 0 5", "X 1 1 0 0 0 0 -5", "A 1 1 0 0 0 0 1 2 3 base"}) {
            String line = LogCodec.seal(new StringBuilder(payload));
            assertThatThrownBy(() -> LogCodec.decode(line.strip())).as(payload).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
