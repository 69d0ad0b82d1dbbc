package dev.mailwright.core.store.maildir;

import dev.mailwright.core.MessageContent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stored message, read through a channel opened while the message existed. The open
 * channel keeps the bytes readable after a flag change renames the file or an expunge
 * unlinks it, as the store interface promises; streams read by position, so several may
 * be open at once. Releasing closes the channel.
 */
final class FileContent implements MessageContent {

    private final FileChannel channel;
    private final long size;
    private final AtomicBoolean released = new AtomicBoolean();

    FileContent(FileChannel channel, long size) {
        this.channel = channel;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public InputStream open() throws IOException {
        if (released.get()) {
            throw new IOException("message content was released");
        }
        return new InputStream() {
            private long position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (position >= size) {
                    return -1;
                }
                int want = (int) Math.min(len, size - position);
                int n = channel.read(ByteBuffer.wrap(b, off, want), position);
                if (n < 0) {
                    throw new IOException("message file is shorter than its recorded size");
                }
                position += n;
                return n;
            }

            @Override
            public long skip(long n) {
                long skipped = Math.max(0, Math.min(n, size - position));
                position += skipped;
                return skipped;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, size - position);
            }
        };
    }

    @Override
    public void release() {
        if (released.compareAndSet(false, true)) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close a message file", e);
            }
        }
    }

    @Override
    public String toString() {
        return "MessageContent[maildir file, " + size + " bytes]";
    }
}
