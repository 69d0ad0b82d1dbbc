package dev.mailwright.core;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a message as it arrives: in memory up to a threshold, then in a temporary file,
 * so that a large message never sits whole in the heap. {@link #toContent()} hands the
 * bytes over as {@link MessageContent}; {@link #discard()} throws them away (a rejected or
 * aborted transaction).
 *
 * <p>Exactly {@code threshold} bytes stay in memory; the write that would go past it moves
 * everything to a file. Once a write to that file has failed, the spool holds an unknown
 * prefix of the message, so every later write and {@link #toContent()} fail too; only
 * {@link #discard()} remains.
 *
 * <p>Not thread-safe: one writer at a time, as with any stream.
 */
public final class SpoolingOutputStream extends OutputStream {

    /** The default in-memory threshold, 1 MiB, as maddy's. */
    public static final int DEFAULT_THRESHOLD = 1 << 20;

    private static final Logger LOG = LoggerFactory.getLogger(SpoolingOutputStream.class);

    private final int threshold;
    private final Path directory;
    private ByteArrayOutputStream memory;
    private Path file;
    private OutputStream fileOut;
    private long size;
    private boolean spilled;
    private boolean finished;
    /** The temporary file now belongs to the content {@link #toContent()} returned. */
    private boolean handedOver;
    private IOException failure;

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
        this.memory = new ByteArrayOutputStream(Math.min(threshold, 8192));
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
        return spilled;
    }

    @Override
    public void write(int b) throws IOException {
        ensureWritable();
        if (fileOut == null && memory.size() + 1 > threshold) {
            spill();
        }
        if (fileOut != null) {
            try {
                fileOut.write(b);
            } catch (IOException e) {
                throw failed(e);
            }
        } else {
            memory.write(b);
        }
        size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        ensureWritable();
        if (fileOut == null && (long) memory.size() + len > threshold) {
            spill();
        }
        if (fileOut != null) {
            try {
                fileOut.write(b, off, len);
            } catch (IOException e) {
                throw failed(e);
            }
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    @Override
    public void flush() throws IOException {
        if (fileOut != null && failure == null) {
            try {
                fileOut.flush();
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    /**
     * Ends the spool and returns its bytes. The caller owns the result and releases it; a
     * later {@link #discard()} or {@link #close()} leaves it alone. The stream cannot be
     * written after this. If the file cannot be completed, it is deleted and the exception
     * thrown.
     */
    public MessageContent toContent() throws IOException {
        ensureWritable();
        finished = true;
        if (fileOut == null) {
            MessageContent content = new MessageContent.InMemory(memory.toByteArray());
            memory = null;
            return content;
        }
        try {
            fileOut.close();
        } catch (IOException e) {
            discard();
            throw e;
        }
        fileOut = null;
        handedOver = true;
        return new MessageContent.FileBacked(file, size, true);
    }

    /**
     * Throws the bytes away and deletes any temporary file not yet handed over by
     * {@link #toContent()}. Safe to call at any time, any number of times.
     */
    public void discard() {
        finished = true;
        memory = null;
        if (fileOut != null) {
            try {
                fileOut.close();
            } catch (IOException ignored) {
                // The file is deleted next; a failed close changes nothing.
            }
            fileOut = null;
        }
        if (file != null && !handedOver) {
            deleteQuietly(file);
        }
        file = null;
    }

    /** Same as {@link #discard()} unless {@link #toContent()} was called. */
    @Override
    public void close() {
        if (!finished) {
            discard();
        }
    }

    /** Moves the memory buffer to a new file; on failure nothing changes and no file is left. */
    private void spill() throws IOException {
        Path created = Files.createTempFile(directory, "mailwright-", ".eml");
        OutputStream out = null;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(created, StandardOpenOption.WRITE), 64 * 1024);
            memory.writeTo(out);
        } catch (IOException | RuntimeException e) {
            if (out != null) {
                try {
                    out.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            deleteQuietly(created);
            throw e;
        }
        file = created;
        fileOut = out;
        spilled = true;
        memory = null;
    }

    private IOException failed(IOException e) {
        failure = e;
        return e;
    }

    private void ensureWritable() throws IOException {
        if (finished) {
            throw new IOException("spool already finished");
        }
        if (failure != null) {
            throw new IOException("spool unusable after a failed write: " + failure.getMessage(), failure);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // A stray temporary file is not worth failing the session, but someone should know.
            LOG.warn("cannot delete temporary message file {}: {}", path, e.toString());
        }
    }
}
