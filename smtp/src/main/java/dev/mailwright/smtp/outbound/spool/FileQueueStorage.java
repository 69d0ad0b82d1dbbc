package dev.mailwright.smtp.outbound.spool;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.io.AtomicFile;
import dev.mailwright.smtp.outbound.spi.Lease;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueueUpdate;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default queue storage: a spool directory on the local disk, used by one process at a time.
 *
 * <p>Each message is two files side by side: {@code <id>.eml} with the message bytes and
 * {@code <id>.meta} with the envelope and state ({@link MetadataCodec}). Both are written to a
 * temporary file, fsynced, renamed into place, and the directory fsynced, the metadata last; a
 * message exists once its metadata does. Opening the spool removes what a crash left half done
 * and moves unreadable metadata aside to {@code corrupt/} rather than lose mail.
 *
 * <p>Leases live in memory only: the spool belongs to one process (a lock file enforces it), so
 * on start every lease of the previous process is gone and its in-flight messages are due again.
 * Administrative requests from another process while the spool is open ({@link QueueDirectory})
 * arrive as files in {@code control/} and are applied at the next claim.
 */
public final class FileQueueStorage implements QueueStorage {

    private static final Logger log = LoggerFactory.getLogger(FileQueueStorage.class);

    static final String MESSAGE_SUFFIX = ".eml";
    static final String META_SUFFIX = ".meta";
    static final String LOCK_FILE = ".lock";
    static final String CONTROL_DIR = "control";
    static final String CORRUPT_DIR = "corrupt";
    static final String FLUSH_REQUEST = "flush";
    static final String REMOVE_PREFIX = "remove.";

    private final Path dir;
    private final Path controlDir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Messages without a lease, by due time. */
    private final TreeSet<Entry> due = new TreeSet<>(Entry.BY_DUE);
    /** Messages with a lease; claims look here for expired ones, never at the whole queue. */
    private final Map<String, Entry> leased = new HashMap<>();
    private boolean closed;

    private FileQueueStorage(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.controlDir = dir.resolve(CONTROL_DIR);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /**
     * Opens (creating if needed) the spool in {@code dir}, recovers from an earlier crash and
     * loads the index.
     *
     * @throws QueueException if the directory cannot be used or another process has it open
     */
    public static FileQueueStorage open(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir.resolve(CONTROL_DIR));
            FileChannel channel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new QueueException("queue directory " + dir + " is in use by another process");
            }
            FileQueueStorage storage = new FileQueueStorage(dir, channel, lock);
            try {
                for (QueuedMessage m : SpoolFiles.recover(dir)) {
                    Entry entry = new Entry(m);
                    storage.entries.put(m.id(), entry);
                    storage.due.add(entry);
                }
            } catch (IOException | RuntimeException e) {
                storage.close();
                throw e;
            }
            if (!storage.entries.isEmpty()) {
                log.info("queue {} holds {} messages", dir, storage.entries.size());
            }
            return storage;
        } catch (IOException e) {
            throw new QueueException("cannot open queue directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The spool directory. */
    public Path directory() {
        return dir;
    }

    @Override
    public QueuedMessage enqueue(Envelope envelope, MessageContent content, Instant now) {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        checkOpen();
        if (envelope.recipients().isEmpty()) {
            throw new IllegalArgumentException("cannot queue a message without recipients");
        }
        for (int tries = 0; ; tries++) {
            String id = SpoolFiles.newId(now);
            Path message = dir.resolve(id + MESSAGE_SUFFIX);
            Path temp = dir.resolve("." + id + ".eml.tmp");
            try {
                long size = SpoolFiles.writeSynced(temp, content);
                Files.move(temp, message, StandardCopyOption.ATOMIC_MOVE);
                QueuedMessage m = new QueuedMessage(id, envelope.sender(), envelope.mailOptions(),
                        envelope.recipients().stream().map(RecipientState::pending).toList(), now, now, 0, size,
                        List.of(), false, Optional.empty());
                try {
                    AtomicFile.write(dir.resolve(id + META_SUFFIX), MetadataCodec.encode(m), true);
                } catch (IOException e) {
                    Files.deleteIfExists(message);
                    throw e;
                }
                Entry entry = new Entry(m);
                synchronized (this) {
                    entries.put(id, entry);
                    due.add(entry);
                }
                return m;
            } catch (FileAlreadyExistsException e) {
                if (tries >= 3) {
                    throw new QueueException("cannot allocate a queue id", e);
                }
            } catch (IOException e) {
                throw new QueueException("cannot queue message: " + e.getMessage(), e);
            } finally {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    log.warn("cannot delete {}: {}", temp, e.toString());
                }
            }
        }
    }

    @Override
    public List<QueuedMessage> claim(String owner, Instant now, Duration leaseTime, int limit) {
        Objects.requireNonNull(owner, "owner");
        checkOpen();
        applyControlRequests(now);
        List<QueuedMessage> claimed = new ArrayList<>();
        Lease lease = new Lease(owner, now.plus(leaseTime));
        synchronized (this) {
            // Leases that ran out (a deliverer that hung) are claimable again.
            for (java.util.Iterator<Entry> it = leased.values().iterator(); it.hasNext(); ) {
                Entry entry = it.next();
                if (!entry.lease.isHeldAt(now)) {
                    entry.lease = null;
                    it.remove();
                    due.add(entry);
                }
            }
            while (claimed.size() < limit && !due.isEmpty()) {
                Entry first = due.first();
                if (first.message.nextAttempt().isAfter(now)) {
                    break;
                }
                due.remove(first);
                first.lease = lease;
                leased.put(first.message.id(), first);
                claimed.add(first.message.withLease(Optional.of(lease)));
            }
        }
        return claimed;
    }

    @Override
    public synchronized boolean renew(String id, String owner, Instant expires) {
        Entry entry = entries.get(id);
        if (entry == null || entry.lease == null || !entry.lease.owner().equals(owner)) {
            return false;
        }
        entry.lease = new Lease(owner, expires);
        return true;
    }

    @Override
    public boolean update(String id, String owner, QueueUpdate update) {
        Entry entry = leased(id, owner);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            if (entry.removed) {
                return false;
            }
            QueuedMessage next = entry.message.apply(update);
            try {
                AtomicFile.write(dir.resolve(id + META_SUFFIX), MetadataCodec.encode(next), true);
            } catch (IOException e) {
                throw new QueueException("cannot update queue message " + id + ": " + e.getMessage(), e);
            }
            synchronized (this) {
                entry.message = next;
                entry.lease = null;
                leased.remove(id);
                due.add(entry);
            }
        }
        return true;
    }

    @Override
    public boolean complete(String id, String owner) {
        Entry entry = leased(id, owner);
        return entry != null && delete(entry);
    }

    @Override
    public synchronized boolean release(String id, String owner) {
        Entry entry = entries.get(id);
        if (entry == null || entry.lease == null || !entry.lease.owner().equals(owner)) {
            return false;
        }
        entry.lease = null;
        leased.remove(id);
        due.add(entry);
        return true;
    }

    @Override
    public MessageContent content(String id) {
        checkOpen();
        Path file = dir.resolve(checkedId(id) + MESSAGE_SUFFIX);
        try {
            return MessageContent.ofFile(file, false);
        } catch (IOException e) {
            throw new QueueException("cannot read queue message " + id + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Optional<QueuedMessage> find(String id) {
        Entry entry = entries.get(id);
        return entry == null ? Optional.empty() : Optional.of(entry.snapshot());
    }

    @Override
    public void forEach(Consumer<QueuedMessage> visitor) {
        List<QueuedMessage> snapshot;
        synchronized (this) {
            snapshot = new ArrayList<>(entries.size());
            for (Entry entry : entries.values()) {
                snapshot.add(entry.snapshot());
            }
        }
        snapshot.forEach(visitor);
    }

    @Override
    public boolean remove(String id) {
        Entry entry;
        synchronized (this) {
            entry = entries.get(id);
        }
        return entry != null && delete(entry);
    }

    private boolean delete(Entry entry) {
        synchronized (entry) {
            if (entry.removed) {
                return false;
            }
            String id = entry.message.id();
            try {
                // Metadata first: without it the message no longer exists, even if the crash
                // comes before the second delete.
                Files.deleteIfExists(dir.resolve(id + META_SUFFIX));
                Files.deleteIfExists(dir.resolve(id + MESSAGE_SUFFIX));
                AtomicFile.syncDirectory(dir);
            } catch (IOException e) {
                throw new QueueException("cannot remove queue message " + id + ": " + e.getMessage(), e);
            }
            entry.removed = true;
            synchronized (this) {
                entries.remove(id);
                leased.remove(id);
                due.remove(entry);
            }
            return true;
        }
    }

    @Override
    public int reschedule(Instant when) {
        List<Entry> idle;
        synchronized (this) {
            idle = new ArrayList<>(due);
        }
        int count = 0;
        for (Entry entry : idle) {
            synchronized (entry) {
                if (entry.removed) {
                    continue;
                }
                synchronized (this) {
                    if (entry.lease != null) {
                        continue;
                    }
                }
                QueuedMessage next = entry.message.dueAt(when);
                try {
                    AtomicFile.write(dir.resolve(next.id() + META_SUFFIX), MetadataCodec.encode(next), true);
                } catch (IOException e) {
                    throw new QueueException("cannot reschedule " + next.id() + ": " + e.getMessage(), e);
                }
                synchronized (this) {
                    boolean wasDue = due.remove(entry);
                    entry.message = next;
                    if (wasDue) {
                        due.add(entry);
                    }
                }
                count++;
            }
        }
        return count;
    }

    @Override
    public synchronized Optional<Instant> nextDue() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.first().message.nextAttempt());
    }

    private void applyControlRequests(Instant now) {
        List<Path> requests = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(controlDir)) {
            files.forEach(requests::add);
        } catch (IOException e) {
            log.warn("cannot read {}: {}", controlDir, e.toString());
            return;
        }
        for (Path request : requests) {
            String name = request.getFileName().toString();
            try {
                // Delete first: a request that fails half-way is not repeated forever.
                Files.deleteIfExists(request);
                if (name.equals(FLUSH_REQUEST)) {
                    log.info("flush requested: {} messages due now", reschedule(now));
                } else if (name.startsWith(REMOVE_PREFIX)) {
                    String id = name.substring(REMOVE_PREFIX.length());
                    if (QueuedMessage.isValidId(id) && remove(id)) {
                        log.info("queue message {} removed on request", id);
                    }
                }
            } catch (IOException | QueueException e) {
                log.warn("queue control request {} failed: {}", name, e.getMessage());
            }
        }
    }

    private synchronized Entry leased(String id, String owner) {
        Entry entry = entries.get(id);
        if (entry == null || entry.lease == null || !entry.lease.owner().equals(owner)) {
            return null;
        }
        return entry;
    }

    private static String checkedId(String id) {
        if (!QueuedMessage.isValidId(id)) {
            throw new IllegalArgumentException("invalid queue id: " + id);
        }
        return id;
    }

    private synchronized void checkOpen() {
        if (closed) {
            throw new QueueException("queue storage is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            log.warn("cannot release the lock on {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "FileQueueStorage[" + dir + "]";
    }

    /** One message in the index. Fields are guarded by the storage's monitor. */
    private static final class Entry {
        static final java.util.Comparator<Entry> BY_DUE = java.util.Comparator
                .comparing((Entry e) -> e.message.nextAttempt())
                .thenComparing(e -> e.message.id());

        QueuedMessage message;
        Lease lease;
        boolean removed;

        Entry(QueuedMessage message) {
            this.message = message;
        }

        QueuedMessage snapshot() {
            return message.withLease(Optional.ofNullable(lease));
        }
    }
}
