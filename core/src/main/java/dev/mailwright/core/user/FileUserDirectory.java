package dev.mailwright.core.user;

import dev.mailwright.core.io.AtomicFile;
import dev.mailwright.core.io.FileStamp;
import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users kept in a text file of {@code username:hash} lines (the htpasswd layout; see
 * {@link PasswordHasher} for the hash formats), which several processes may share: the
 * server reads it while {@code mailwright creds} edits it.
 *
 * <p>Reads are served from memory. At most once per reload interval (one second by default)
 * a read also stats the file, and re-reads it if its modification time, size or inode
 * changed. If the new content is malformed, the users loaded before stay in service and a
 * warning names the file and line; the file is not read again until it changes again. A file
 * that disappears after it was loaded is treated the same way; a file that does not exist at
 * start is an empty directory.
 *
 * <p>Changes are serialised within the process and, across processes, by an exclusive lock
 * on a sibling {@code <file>.lock}. Each change re-reads the file under that lock, so no
 * other writer's change is lost, then replaces it atomically (temporary file, fsync, rename,
 * directory fsync) with mode 0600. Comments and line order survive.
 */
public final class FileUserDirectory implements ManagedUserDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(FileUserDirectory.class);

    /** Largest users file accepted: room for several hundred thousand accounts. */
    public static final long MAX_FILE_BYTES = 64L << 20;

    private final Path file;
    private final Path lockFile;
    private final PasswordHasher hasher;
    private final PasswordCheck check;
    private final Clock clock;
    private final long reloadIntervalMillis;
    private final Duration lockTimeout;

    /** Held while the file is changed or re-read, so a reload never undoes a newer write. */
    private final ReentrantLock fileLock = new ReentrantLock();
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile Map<String, String> hashes;
    /** The version of the file last looked at, loaded or not. */
    private volatile FileStamp seen;
    private volatile long nextCheckMillis;

    private FileUserDirectory(Builder b, PasswordCheck check) {
        this.file = b.file;
        this.lockFile = b.file.resolveSibling(b.file.getFileName() + ".lock");
        this.hasher = b.hasher();
        this.check = check != null ? check : PasswordCheck.using(hasher);
        this.clock = b.clock;
        this.reloadIntervalMillis = b.reloadInterval.toMillis();
        this.lockTimeout = b.lockTimeout;
        FileStamp stamp = stat();
        this.hashes = stamp.missing() ? Map.of() : UsersFile.read(file, MAX_FILE_BYTES, hasher).hashes();
        this.seen = stamp;
        this.nextCheckMillis = clock.millis() + reloadIntervalMillis;
        LOG.debug("loaded {} users from {}", hashes.size(), file);
    }

    /** A directory over {@code file} with default settings; loads it now. */
    public static FileUserDirectory open(Path file) {
        return builder(file).build();
    }

    public static Builder builder(Path file) {
        return new Builder(file);
    }

    /** The users file. */
    public Path file() {
        return file;
    }

    @Override
    public Optional<String> authenticate(String username, String password) {
        Map<String, String> current = current();
        return Accounts.authenticate(username, password, current::get, check);
    }

    @Override
    public boolean exists(String username) {
        return Accounts.exists(username, current()::containsKey);
    }

    @Override
    public Optional<String> accountFor(String localPart, String domain) {
        return Accounts.accountFor(localPart, domain, current()::containsKey);
    }

    @Override
    public List<String> list() {
        List<String> names = new ArrayList<>(current().keySet());
        Collections.sort(names);
        return List.copyOf(names);
    }

    @Override
    public void create(String username, String password) {
        String name = Usernames.normalize(username);
        String hash = Accounts.newHash(hasher, password);
        change(users -> {
            if (users.hashes().containsKey(name)) {
                throw Accounts.alreadyExists(name);
            }
            return users.with(name, hash);
        });
    }

    @Override
    public void setPassword(String username, String password) {
        String name = Usernames.normalize(username);
        String hash = Accounts.newHash(hasher, password);
        change(users -> {
            if (!users.hashes().containsKey(name)) {
                throw Accounts.noSuchUser(name);
            }
            return users.with(name, hash);
        });
    }

    @Override
    public void remove(String username) {
        String name = Usernames.normalize(username);
        change(users -> {
            if (!users.hashes().containsKey(name)) {
                throw Accounts.noSuchUser(name);
            }
            return users.without(name);
        });
    }

    /**
     * Re-reads the file now if it changed since it was last looked at, whatever the reload
     * interval. Returns whether the users in service were replaced; a malformed file keeps the
     * previous users and logs a warning.
     */
    public boolean reloadIfChanged() {
        if (!fileLock.tryLock()) {
            // A change in progress here installs the newest content itself.
            return false;
        }
        try {
            FileStamp stamp = stat();
            if (stamp.equals(seen)) {
                return false;
            }
            seen = stamp;
            if (stamp.missing()) {
                LOG.warn("users file {} disappeared; keeping the {} users loaded before", file, hashes.size());
                return false;
            }
            hashes = UsersFile.read(file, MAX_FILE_BYTES, hasher).hashes();
            LOG.info("reloaded {}: {} users", file, hashes.size());
            return true;
        } catch (UserDirectoryException e) {
            LOG.warn("{}; keeping the {} users loaded before", e.getMessage(), hashes.size());
            return false;
        } finally {
            fileLock.unlock();
        }
    }

    private Map<String, String> current() {
        long now = clock.millis();
        if (now >= nextCheckMillis && checking.compareAndSet(false, true)) {
            try {
                nextCheckMillis = now + reloadIntervalMillis;
                reloadIfChanged();
            } finally {
                checking.set(false);
            }
        }
        return hashes;
    }

    private void change(UnaryOperator<UsersFile> edit) {
        try {
            if (!fileLock.tryLock(lockTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new UserDirectoryException(Reason.STORAGE, "timed out after " + lockTimeout.toMillis()
                        + " ms waiting for another change to " + file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserDirectoryException(Reason.STORAGE, "interrupted while waiting to change " + file, e);
        }
        try {
            changeLocked(edit);
        } finally {
            fileLock.unlock();
        }
    }

    private void changeLocked(UnaryOperator<UsersFile> edit) {
        FileChannel lock;
        try {
            lock = lockAcrossProcesses();
        } catch (IOException e) {
            throw new UserDirectoryException(Reason.STORAGE, "cannot lock " + lockFile + ": " + e, e);
        }
        try {
            UsersFile before = stat().missing() ? UsersFile.EMPTY : UsersFile.read(file, MAX_FILE_BYTES, hasher);
            UsersFile after = edit.apply(before);
            AtomicFile.write(file, after.toBytes(), true);
            hashes = after.hashes();
            seen = stat();
        } catch (IOException e) {
            throw new UserDirectoryException(Reason.STORAGE, "cannot write users file " + file + ": " + e, e);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.warn("cannot release the lock on {}: {}", lockFile, e.toString());
            }
        }
    }

    /** An open channel holding the exclusive lock on the lock file; closing it releases the lock. */
    private FileChannel lockAcrossProcesses() throws IOException {
        FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
                AtomicFile.permissions(lockFile, true));
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        try {
            while (true) {
                try {
                    FileLock lock = channel.tryLock();
                    if (lock != null) {
                        return channel;
                    }
                } catch (OverlappingFileLockException e) {
                    // Another directory over the same file in this JVM holds it: wait as for a process.
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new UserDirectoryException(Reason.STORAGE, "timed out after " + lockTimeout.toMillis()
                            + " ms waiting for the lock on " + lockFile);
                }
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            channel.close();
            Thread.currentThread().interrupt();
            throw new UserDirectoryException(Reason.STORAGE, "interrupted while waiting for the lock on " + lockFile, e);
        } catch (RuntimeException | IOException e) {
            channel.close();
            throw e;
        }
    }

    private FileStamp stat() {
        try {
            return FileStamp.of(file);
        } catch (IOException e) {
            throw new UserDirectoryException(Reason.STORAGE, "cannot read users file " + file + ": " + e, e);
        }
    }

    @Override
    public String toString() {
        return "FileUserDirectory[" + file + ", " + hashes.size() + " users]";
    }

    /** Settings for a {@link FileUserDirectory}, validated in {@link #build()}. */
    public static final class Builder {
        private final Path file;
        private PasswordHasher hasher;
        private Clock clock = Clock.systemUTC();
        private Duration reloadInterval = Duration.ofSeconds(1);
        private Duration lockTimeout = Duration.ofSeconds(10);

        private Builder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** Hashes new passwords; {@link PasswordHasher#defaults()} unless set. */
        public Builder hasher(PasswordHasher hasher) {
            this.hasher = Objects.requireNonNull(hasher, "hasher");
            return this;
        }

        /** Time source for the reload interval. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long a read trusts the loaded users before it stats the file again; zero checks every time. */
        public Builder reloadInterval(Duration reloadInterval) {
            this.reloadInterval = Objects.requireNonNull(reloadInterval, "reloadInterval");
            return this;
        }

        /** How long a change waits for another writer (in this process or another) before failing. */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = Objects.requireNonNull(lockTimeout, "lockTimeout");
            return this;
        }

        /**
         * Loads the file and returns the directory.
         *
         * @throws IllegalArgumentException for a negative interval or timeout
         * @throws UserDirectoryException if the file's directory does not exist, or the file
         *         cannot be read or has a malformed line (the message names file and line)
         */
        public FileUserDirectory build() {
            return build(null);
        }

        /** Builds with {@code check} instead of a fresh {@link PasswordCheck}, when not null. */
        FileUserDirectory build(PasswordCheck check) {
            if (reloadInterval.isNegative()) {
                throw new IllegalArgumentException("reloadInterval must not be negative: " + reloadInterval);
            }
            if (lockTimeout.isNegative()) {
                throw new IllegalArgumentException("lockTimeout must not be negative: " + lockTimeout);
            }
            Path dir = file.toAbsolutePath().getParent();
            if (dir == null || !Files.isDirectory(dir)) {
                throw new UserDirectoryException(Reason.STORAGE, "directory of users file " + file + " does not exist");
            }
            return new FileUserDirectory(this, check);
        }

        PasswordHasher hasher() {
            if (hasher == null) {
                hasher = PasswordHasher.defaults();
            }
            return hasher;
        }
    }
}
