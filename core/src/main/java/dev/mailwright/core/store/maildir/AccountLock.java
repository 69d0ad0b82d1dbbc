package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises every change to one account: a reentrant lock for the threads of this
 * process, and while it is held (outermost level), an exclusive lock on
 * {@code mailwright.lock} for other processes. Both waits are bounded.
 *
 * <p>POSIX record locks belong to the process and vanish when any descriptor of the file
 * is closed, so only this class opens the lock file, once per account and store.
 */
final class AccountLock {

    static final String FILE = "mailwright.lock";

    private final ReentrantLock local = new ReentrantLock();
    private final Path file;
    private final Duration timeout;
    private FileChannel channel;
    private FileLock held;

    AccountLock(Path accountDirectory, Duration timeout) {
        this.file = accountDirectory.resolve(FILE);
        this.timeout = timeout;
    }

    void lock() {
        try {
            if (!local.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailStoreException(Reason.STORAGE, "interrupted while waiting for the account lock", e);
        }
        if (local.getHoldCount() > 1) {
            return;
        }
        try {
            lockFile();
        } catch (RuntimeException e) {
            local.unlock();
            throw e;
        }
    }

    private void lockFile() {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 1;
        try {
            if (channel == null || !channel.isOpen()) {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            while (true) {
                try {
                    held = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    // Another store of this process holds it: wait as for another process.
                    held = null;
                }
                if (held != null) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw busy();
                }
                Thread.sleep(pause);
                pause = Math.min(pause * 2, 50);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // The account directory is gone: deleted, by this process or another.
            throw new MailStoreException(Reason.NO_SUCH_ACCOUNT, "no such account", e);
        } catch (IOException e) {
            throw StoreContext.storageFailure("locking the account", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MailStoreException(Reason.STORAGE, "interrupted while waiting for the account lock", e);
        }
    }

    void unlock() {
        try {
            if (local.getHoldCount() == 1 && held != null) {
                held.release();
                held = null;
            }
        } catch (IOException e) {
            throw StoreContext.storageFailure("unlocking the account", e);
        } finally {
            local.unlock();
        }
    }

    /** Whether this thread holds the lock at its outermost level only. */
    boolean isOutermost() {
        return local.getHoldCount() == 1;
    }

    boolean isHeldByCurrentThread() {
        return local.isHeldByCurrentThread();
    }

    private MailStoreException busy() {
        return new MailStoreException(Reason.STORAGE, "the account is busy; try again later");
    }

    /** Runs {@code last} with this process's lock held (not the file lock), then closes the lock file. */
    void close(Runnable last) {
        local.lock();
        try {
            last.run();
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            throw StoreContext.storageFailure("closing the account lock", e);
        } finally {
            channel = null;
            local.unlock();
        }
    }
}
