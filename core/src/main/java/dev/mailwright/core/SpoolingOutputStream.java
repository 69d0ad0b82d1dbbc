package dev.mailwright.core;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Collects a message as it arrives: in memory up to a threshold, then in a temporary file,
 * so that a large message never sits whole in the heap. {@link #toContent()} hands the
 * bytes over as {@link MessageContent}; {@link #discard()} throws them away (a rejected or
 * aborted transaction).
 *
 * <p>Not thread-safe: one writer at a time, as with any stream.
 */
public final class SpoolingOutputStream extends OutputStream {

    /** The default in-memory threshold, 1 MiB, as maddy's. */
    public static final int DEFAULT_THRESHOLD = 1 << 20;

    private final int threshold;
    private final Path directory;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream(8192);
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean finished;

    /**
     * @param threshold bytes kept in memory before switching to a file
     * @param directory where temporary files go; it must exist
     */
    public SpoolingOutputStream(int threshold, Path directory) {
        if (threshold < 0) {
            throw new IllegalArgumentException("threshold must not be negative: " + threshold);
        }
        this.threshold = threshold;
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** A spool with the default threshold in the system's temporary directory. */
    public SpoolingOutputStream() {
        this(DEFAULT_THRESHOLD, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** Whether the bytes have moved to a temporary file. */
    public boolean isOnDisk() {
        return file != null;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (fileOut == null && memory.size() + 1 > threshold) {
            spill();
        }
        if (fileOut != null) {
            fileOut.write(b);
        } else {
            memory.write(b);
        }
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureOpen();
        if (fileOut == null && (long) memory.size() + len > threshold) {
            spill();
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    @Override
    public void flush() throws IOException {
        if (fileOut != null) {
            fileOut.flush();
        }
    }

    /**
     * Ends the spool and returns its bytes. The caller owns the result and releases it.
     * The stream cannot be written after this.
     */
    public MessageContent toContent() throws IOException {
        ensureOpen();
        finished = true;
        if (fileOut == null) {
            MessageContent content = new MessageContent.InMemory(memory.toByteArray());
            memory = null;
            return content;
        }
        fileOut.close();
        fileOut = null;
        return new MessageContent.FileBacked(file, size, true);
    }

    /** Throws the bytes away and deletes any temporary file. Safe to call at any time. */
    public void discard() {
        finished = true;
        memory = null;
        try {
            if (fileOut != null) {
                fileOut.close();
            }
        } catch (IOException ignored) {
            // The file is deleted next; a failed close changes nothing.
        } finally {
            fileOut = null;
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Best effort: a stray temporary file is not worth failing the session.
            }
            file = null;
        }
    }

    /** Same as {@link #discard()} unless {@link #toContent()} was called. */
    @Override
    public void close() {
        if (!finished) {
            discard();
        }
    }

    private void spill() throws IOException {
        file = Files.createTempFile(directory, "mailwright-", ".eml");
        fileOut = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.WRITE), 64 * 1024);
        memory.writeTo(fileOut);
        memory = null;
    }

    private void ensureOpen() throws IOException {
        if (finished) {
            throw new IOException("spool already finished");
        }
    }
}
