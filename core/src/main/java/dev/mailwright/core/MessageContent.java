package dev.mailwright.core;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bytes of one message (header section and body, CRLF line endings), immutable once
 * created. Content lives in memory or in a file; either way it knows its size and can be
 * opened as a stream any number of times, also concurrently.
 *
 * <p>Content created by a {@link SpoolingOutputStream} owns its temporary file and deletes
 * it on {@link #release()}. Whoever created the content releases it once, when no reader
 * needs it any more; releasing twice is harmless.
 */
public interface MessageContent {

    /** The exact number of bytes {@link #open()} yields. */
    long size();

    /** A fresh stream over the whole content, from the first byte. */
    InputStream open() throws IOException;

    /**
     * Frees what the content holds (its temporary file, if it owns one). Idempotent and
     * never throws: a file that cannot be deleted is logged.
     */
    void release();

    /** Copies the whole content to {@code out}. */
    default void writeTo(OutputStream out) throws IOException {
        try (InputStream in = open()) {
            in.transferTo(out);
        }
    }

    /**
     * Reads the whole content into memory. Meant for small messages and tests; engines
     * stream through {@link #open()} instead.
     *
     * @throws IllegalStateException if the content is larger than {@code Integer.MAX_VALUE - 8}
     */
    default byte[] toByteArray() {
        if (size() > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("content too large for one array: " + size() + " bytes");
        }
        try (InputStream in = open()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * This content with {@code prefix} (typically header fields such as Received or
     * DKIM-Signature, each ending in CRLF) in front, without copying the body. Releasing
     * the result releases this content.
     */
    default MessageContent prepend(byte[] prefix) {
        return new Prefixed(prefix.clone(), this);
    }

    /** Content held in memory; the array is copied. */
    static MessageContent of(byte[] bytes) {
        return new InMemory(bytes.clone());
    }

    /**
     * Content backed by an existing file that must not change while in use. With
     * {@code deleteOnRelease} the file belongs to the content and is deleted on release.
     */
    static MessageContent ofFile(Path file, boolean deleteOnRelease) throws IOException {
        return new FileBacked(file, Files.size(file), deleteOnRelease);
    }

    /** In-memory content. */
    final class InMemory implements MessageContent {
        private final byte[] bytes;

        InMemory(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public byte[] toByteArray() {
            return bytes.clone();
        }

        @Override
        public void release() {
            // Nothing to free: the garbage collector takes the array.
        }

        @Override
        public String toString() {
            return "MessageContent[memory, " + bytes.length + " bytes]";
        }
    }

    /** Content in a file. */
    final class FileBacked implements MessageContent {
        private static final Logger LOG = LoggerFactory.getLogger(FileBacked.class);
        private final Path file;
        private final long size;
        private final boolean owned;
        private final AtomicBoolean released = new AtomicBoolean();

        FileBacked(Path file, long size, boolean owned) {
            this.file = Objects.requireNonNull(file, "file");
            this.size = size;
            this.owned = owned;
        }

        /** The file holding the bytes. */
        public Path file() {
            return file;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream open() throws IOException {
            if (released.get() && owned) {
                throw new IOException("message content was released: " + file.getFileName());
            }
            return Files.newInputStream(file);
        }

        @Override
        public void release() {
            if (owned && released.compareAndSet(false, true)) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // Release runs in finally blocks; throwing here would hide the exception
                    // that got us there, and the release cannot be retried anyway.
                    LOG.warn("cannot delete spooled message {}: {}", file, e.toString());
                }
            }
        }

        @Override
        public String toString() {
            return "MessageContent[file " + file.getFileName() + ", " + size + " bytes]";
        }
    }

    /** A prefix in front of other content. */
    final class Prefixed implements MessageContent {
        private final byte[] prefix;
        private final MessageContent rest;

        Prefixed(byte[] prefix, MessageContent rest) {
            this.prefix = prefix;
            this.rest = Objects.requireNonNull(rest, "rest");
        }

        @Override
        public long size() {
            return prefix.length + rest.size();
        }

        @Override
        public InputStream open() throws IOException {
            return new SequenceInputStream(new ByteArrayInputStream(prefix), rest.open());
        }

        @Override
        public void release() {
            rest.release();
        }

        @Override
        public String toString() {
            return "MessageContent[" + prefix.length + " prefix bytes + " + rest + "]";
        }
    }
}
