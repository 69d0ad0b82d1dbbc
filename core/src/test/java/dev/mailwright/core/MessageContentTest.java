package dev.mailwright.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessageContentTest {

    @TempDir
    Path dir;

    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 17 + 3);
        }
        return bytes;
    }

    private MessageContent spooled(byte[] data) throws IOException {
        SpoolingOutputStream spool = new SpoolingOutputStream(16, dir);
        spool.write(data);
        return spool.toContent();
    }

    @Test
    void inMemoryContentCopiesItsInput() {
        byte[] data = "Subject: x\r\n\r\nbody".getBytes(StandardCharsets.US_ASCII);
        MessageContent content = MessageContent.of(data);
        data[0] = 'X';
        assertThat(content.toByteArray()).startsWith("Subject".getBytes(StandardCharsets.US_ASCII));
        byte[] out = content.toByteArray();
        out[0] = 'Y';
        assertThat(content.toByteArray()[0]).isEqualTo((byte) 'S');
        assertThat(content.size()).isEqualTo(data.length);
    }

    @Test
    void contentOpensManyTimesFromTheStart() throws IOException {
        byte[] data = pattern(5000);
        for (MessageContent content : List.of(MessageContent.of(data), spooled(data))) {
            for (int i = 0; i < 5; i++) {
                try (InputStream in = content.open()) {
                    assertThat(in.read()).isEqualTo(data[0] & 0xff);
                    assertThat(in.readAllBytes()).hasSize(data.length - 1);
                }
            }
            assertThat(content.toByteArray()).isEqualTo(data);
            content.release();
        }
    }

    @Test
    void contentOpensConcurrently() throws Exception {
        byte[] data = pattern(200_000);
        MessageContent file = spooled(data);
        MessageContent prefixed = MessageContent.of(pattern(10)).prepend("X-Test: 1\r\n".getBytes(StandardCharsets.US_ASCII));
        int readers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (MessageContent content : List.of(file, prefixed)) {
                byte[] expected = content.toByteArray();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<byte[]>> results = new ArrayList<>();
                for (int i = 0; i < readers; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        ByteArrayOutputStream out = new ByteArrayOutputStream();
                        try (InputStream in = content.open()) {
                            byte[] buffer = new byte[777];
                            int n;
                            while ((n = in.read(buffer)) > 0) {
                                out.write(buffer, 0, n);
                            }
                        }
                        return out.toByteArray();
                    }));
                }
                start.countDown();
                for (Future<byte[]> result : results) {
                    assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
            file.release();
        }
    }

    @Test
    void streamsOpenedBeforeReleaseStillReadOnceReleased() throws IOException {
        byte[] data = pattern(1000);
        MessageContent content = spooled(data);
        try (InputStream in = content.open()) {
            content.release();
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        assertThatThrownBy(content::open).isInstanceOf(IOException.class);
    }

    @Test
    void prependPutsPrefixInFrontWithoutTouchingTheRest() throws IOException {
        byte[] body = "Subject: hi\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = "Received: from a by b\r\n".getBytes(StandardCharsets.US_ASCII);
        MessageContent base = spooled(body);
        MessageContent withPrefix = base.prepend(prefix);
        prefix[0] = 'X';
        byte[] expected = ("Received: from a by b\r\n" + "Subject: hi\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(withPrefix.size()).isEqualTo(expected.length);
        assertThat(withPrefix.toByteArray()).isEqualTo(expected);
        assertThat(base.toByteArray()).isEqualTo(body);

        MessageContent twice = withPrefix.prepend("DKIM-Signature: v=1\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(twice.toByteArray(), StandardCharsets.US_ASCII))
                .isEqualTo("DKIM-Signature: v=1\r\nReceived: from a by b\r\nSubject: hi\r\n\r\nbody\r\n");
        assertThat(twice.size()).isEqualTo(twice.toByteArray().length);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        twice.writeTo(out);
        assertThat(out.toByteArray()).isEqualTo(twice.toByteArray());

        Path file = ((MessageContent.FileBacked) base).file();
        twice.release();
        assertThat(file).doesNotExist();
        assertThatThrownBy(twice::open).isInstanceOf(IOException.class);
    }

    @Test
    void emptyPrefixChangesNothing() {
        MessageContent content = MessageContent.of(pattern(3)).prepend(new byte[0]);
        assertThat(content.size()).isEqualTo(3);
        assertThat(content.toByteArray()).isEqualTo(pattern(3));
    }

    @Test
    void fileContentNotOwnedSurvivesRelease() throws IOException {
        Path file = dir.resolve("message.eml");
        Files.write(file, pattern(100));
        MessageContent content = MessageContent.ofFile(file, false);
        assertThat(content.size()).isEqualTo(100);
        content.release();
        assertThat(file).exists();
        assertThat(content.toByteArray()).isEqualTo(pattern(100));
    }

    @Test
    void fileContentOwnedIsDeletedOnRelease() throws IOException {
        Path file = dir.resolve("owned.eml");
        Files.write(file, pattern(10));
        MessageContent content = MessageContent.ofFile(file, true);
        content.release();
        content.release();
        assertThat(file).doesNotExist();
    }

    @Test
    void ofFileFailsForAMissingFile() {
        assertThatThrownBy(() -> MessageContent.ofFile(dir.resolve("absent"), true)).isInstanceOf(IOException.class);
    }

    @Test
    void releaseNeverThrowsWhenTheFileCannotBeDeleted() throws IOException {
        Path notEmpty = Files.createDirectory(dir.resolve("busy"));
        Files.write(notEmpty.resolve("inside"), pattern(1));
        MessageContent content = MessageContent.ofFile(notEmpty, true);
        assertThatCode(content::release).doesNotThrowAnyException();
        assertThat(notEmpty).exists();
    }

    @Test
    void toByteArrayRefusesContentTooLargeForAnArray() {
        MessageContent huge = new MessageContent() {
            @Override
            public long size() {
                return Integer.MAX_VALUE;
            }

            @Override
            public InputStream open() {
                throw new AssertionError("must not be opened");
            }

            @Override
            public void release() {
            }
        };
        assertThatThrownBy(huge::toByteArray).isInstanceOf(IllegalStateException.class).hasMessageContaining("too large");
    }

    @Test
    void toStringNamesTheKindAndSize() throws IOException {
        assertThat(MessageContent.of(new byte[3])).hasToString("MessageContent[memory, 3 bytes]");
        MessageContent file = spooled(pattern(20));
        assertThat(file.toString()).startsWith("MessageContent[file mailwright-").endsWith(", 20 bytes]");
        file.release();
    }
}
