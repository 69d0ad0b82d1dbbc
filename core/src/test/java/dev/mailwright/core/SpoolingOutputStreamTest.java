package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpoolingOutputStreamTest {

    @TempDir
    Path dir;

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + 7);
        }
        return bytes;
    }

    private List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @ParameterizedTest(name = "threshold {0}, {1} bytes in one write: on disk = {2}")
    @CsvSource({
        "0, 0, false",
        "0, 1, true",
        "1, 1, false",
        "1, 2, true",
        "100, 99, false",
        "100, 100, false",
        "100, 101, true",
    })
    void thresholdIsExactForArrayWrites(int threshold, int length, boolean onDisk) throws IOException {
        byte[] data = pattern(length);
        try (SpoolingOutputStream spool = new SpoolingOutputStream(threshold, dir)) {
            spool.write(data);
            assertThat(spool.isOnDisk()).isEqualTo(onDisk);
            assertThat(spoolFiles()).hasSize(onDisk ? 1 : 0);
            assertThat(spool.size()).isEqualTo(length);
            MessageContent content = spool.toContent();
            assertThat(content.toByteArray()).isEqualTo(data);
            assertThat(content.size()).isEqualTo(length);
            assertThat(content).isInstanceOf(onDisk ? MessageContent.FileBacked.class : MessageContent.InMemory.class);
            content.release();
        }
    }

    @Test
    void thresholdIsExactForSingleByteWrites() throws IOException {
        try (SpoolingOutputStream spool = new SpoolingOutputStream(10, dir)) {
            for (int i = 0; i < 10; i++) {
                spool.write(i);
            }
            assertThat(spool.isOnDisk()).isFalse();
            spool.write(10);
            assertThat(spool.isOnDisk()).isTrue();
            assertThat(spool.size()).isEqualTo(11);
            MessageContent content = spool.toContent();
            assertThat(content.toByteArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            content.release();
        }
    }

    @Test
    void spillKeepsEverythingWrittenBeforeAndAfterInOrder() throws IOException {
        byte[] data = pattern(300_000);
        SpoolingOutputStream spool = new SpoolingOutputStream(1000, dir);
        int at = 0;
        int step = 1;
        while (at < data.length) {
            int n = Math.min(step, data.length - at);
            spool.write(data, at, n);
            at += n;
            step = step * 3 + 1;
        }
        MessageContent content = spool.toContent();
        assertThat(content).isInstanceOf(MessageContent.FileBacked.class);
        Path file = ((MessageContent.FileBacked) content).file();
        assertThat(file.getParent()).isEqualTo(dir);
        assertThat(Files.readAllBytes(file)).isEqualTo(data);
        assertThat(content.size()).isEqualTo(data.length);
        content.release();
        assertThat(file).doesNotExist();
    }

    @Test
    void writeWithOffsetTakesOnlyTheSlice() throws IOException {
        try (SpoolingOutputStream spool = new SpoolingOutputStream(4, dir)) {
            spool.write("abcdefgh".getBytes(), 2, 3);
            assertThat(spool.toContent().toByteArray()).isEqualTo("cde".getBytes());
        }
    }

    @Test
    void writeRejectsAnOutOfRangeSlice() {
        try (SpoolingOutputStream spool = new SpoolingOutputStream(4, dir)) {
            assertThatThrownBy(() -> spool.write(new byte[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(spool.size()).isZero();
        }
    }

    @Test
    void fileIsDeletedOnRelease() throws IOException {
        SpoolingOutputStream spool = new SpoolingOutputStream(0, dir);
        spool.write(pattern(10));
        MessageContent content = spool.toContent();
        assertThat(spoolFiles()).hasSize(1);
        content.release();
        assertThat(spoolFiles()).isEmpty();
        content.release();
        assertThatThrownBy(content::open).isInstanceOf(IOException.class).hasMessageContaining("released");
    }

    @Test
    void fileIsDeletedOnDiscard() throws IOException {
        SpoolingOutputStream spool = new SpoolingOutputStream(0, dir);
        spool.write(pattern(10));
        assertThat(spoolFiles()).hasSize(1);
        spool.discard();
        assertThat(spoolFiles()).isEmpty();
        spool.discard();
        assertThatThrownBy(() -> spool.write(1)).isInstanceOf(IOException.class).hasMessageContaining("finished");
        assertThatThrownBy(spool::toContent).isInstanceOf(IOException.class);
    }

    @Test
    void fileIsDeletedOnCloseWithoutToContent() throws IOException {
        try (SpoolingOutputStream spool = new SpoolingOutputStream(0, dir)) {
            spool.write(pattern(10));
        }
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void discardAfterToContentLeavesTheContentsFileAlone() throws IOException {
        byte[] data = pattern(50);
        SpoolingOutputStream spool = new SpoolingOutputStream(10, dir);
        spool.write(data);
        MessageContent content = spool.toContent();
        spool.discard();
        spool.close();
        assertThat(content.toByteArray()).isEqualTo(data);
        assertThat(spoolFiles()).hasSize(1);
        content.release();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void toContentEndsTheSpool() throws IOException {
        SpoolingOutputStream spool = new SpoolingOutputStream(10, dir);
        spool.write(1);
        MessageContent content = spool.toContent();
        assertThatThrownBy(() -> spool.write(2)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> spool.write(new byte[2], 0, 2)).isInstanceOf(IOException.class);
        assertThatThrownBy(spool::toContent).isInstanceOf(IOException.class);
        assertThat(content.toByteArray()).containsExactly(1);
    }

    @Test
    void emptySpoolGivesEmptyContent() throws IOException {
        try (SpoolingOutputStream spool = new SpoolingOutputStream(0, dir)) {
            spool.write(new byte[0]);
            MessageContent content = spool.toContent();
            assertThat(content.size()).isZero();
            assertThat(content.toByteArray()).isEmpty();
        }
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void failedSpillLeavesNoFileAndKeepsTheBytesInMemory() throws IOException {
        Path missing = dir.resolve("missing");
        SpoolingOutputStream spool = new SpoolingOutputStream(4, missing);
        spool.write("abcd".getBytes());
        assertThatThrownBy(() -> spool.write('e')).isInstanceOf(NoSuchFileException.class);
        assertThat(spool.isOnDisk()).isFalse();
        assertThat(spool.size()).isEqualTo(4);
        assertThat(spool.toContent().toByteArray()).isEqualTo("abcd".getBytes());
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void flushIsHarmlessInMemoryAndOnDisk() throws IOException {
        try (SpoolingOutputStream spool = new SpoolingOutputStream(2, dir)) {
            spool.write(1);
            spool.flush();
            spool.write(new byte[] {2, 3});
            spool.flush();
            assertThat(Files.readAllBytes(spoolFiles().get(0))).containsExactly(1, 2, 3);
        }
    }

    @Test
    void rejectsNegativeThreshold() {
        assertThatThrownBy(() -> new SpoolingOutputStream(-1, dir))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threshold");
    }

    @Test
    void defaultConstructorUsesTheDefaultThreshold() throws IOException {
        try (SpoolingOutputStream spool = new SpoolingOutputStream()) {
            byte[] data = new byte[SpoolingOutputStream.DEFAULT_THRESHOLD];
            Arrays.fill(data, (byte) 'x');
            spool.write(data);
            assertThat(spool.isOnDisk()).isFalse();
        }
    }
}
