package dev.mailwright.smtp.outbound.spool;

import dev.mailwright.core.io.AtomicFile;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The administrative view of a spool directory, for {@code queue list|flush|remove}: usable
 * whether or not a server has the spool open. Listing reads the metadata files directly. Flush
 * and remove act on the spool themselves when no process holds it; otherwise they leave a
 * request in {@code control/}, which the running process applies at its next queue poll.
 */
public final class QueueDirectory {

    private static final Logger log = LoggerFactory.getLogger(QueueDirectory.class);

    /** What a flush or remove request came to. */
    public enum Outcome {
        /** Applied to the spool directly: no process had it open. */
        DONE,
        /** Left for the running process, which applies it at its next queue poll. */
        REQUESTED,
        /** No such message. */
        NOT_FOUND
    }

    private final Path dir;
    private final Clock clock;

    private QueueDirectory(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public static QueueDirectory of(Path dir) {
        return of(dir, Clock.systemUTC());
    }

    public static QueueDirectory of(Path dir, Clock clock) {
        return new QueueDirectory(Objects.requireNonNull(dir, "dir"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Visits every readable message in the spool; a message whose metadata is being replaced or
     * cannot be read is skipped (and logged).
     */
    public void list(Consumer<QueuedMessage> visitor) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + FileQueueStorage.META_SUFFIX)) {
            for (Path file : files) {
                read(file).ifPresent(visitor);
            }
        } catch (IOException e) {
            throw new QueueException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** One message, if it is in the spool. */
    public Optional<QueuedMessage> find(String id) {
        if (!QueuedMessage.isValidId(id)) {
            return Optional.empty();
        }
        return read(dir.resolve(id + FileQueueStorage.META_SUFFIX));
    }

    /** Makes every message due now. */
    public Outcome flush() {
        return act(storage -> {
            storage.reschedule(clock.instant());
            return Outcome.DONE;
        }, FileQueueStorage.FLUSH_REQUEST);
    }

    /** Removes one message. */
    public Outcome remove(String id) {
        if (find(id).isEmpty()) {
            return Outcome.NOT_FOUND;
        }
        return act(storage -> storage.remove(id) ? Outcome.DONE : Outcome.NOT_FOUND,
                FileQueueStorage.REMOVE_PREFIX + id);
    }

    private Outcome act(java.util.function.Function<FileQueueStorage, Outcome> direct, String request) {
        if (isInUse()) {
            try {
                AtomicFile.write(dir.resolve(FileQueueStorage.CONTROL_DIR).resolve(request), new byte[0], true);
            } catch (IOException e) {
                throw new QueueException("cannot write a queue request to " + dir + ": " + e.getMessage(), e);
            }
            return Outcome.REQUESTED;
        }
        try (FileQueueStorage storage = FileQueueStorage.open(dir)) {
            return direct.apply(storage);
        }
    }

    /** Whether a process holds the spool's lock. */
    public boolean isInUse() {
        Path lockFile = dir.resolve(FileQueueStorage.LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            throw new QueueException("cannot check the lock on " + dir + ": " + e.getMessage(), e);
        }
    }

    private Optional<QueuedMessage> read(Path file) {
        try {
            return Optional.of(MetadataCodec.decode(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            log.warn("skipping unreadable queue metadata {}: {}", file.getFileName(), e.getMessage());
            return Optional.empty();
        }
    }
}
