package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.QuotaPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** What every part of one {@link MaildirMailStore} shares: its settings, file naming and watcher. */
final class StoreContext {

    final Path root;
    final QuotaPolicy quota;
    final DurableFiles files;
    final FileNamer namer;
    final Duration lockTimeout;
    /** Log bytes after which a folder's log is folded into a new checkpoint, at least. */
    final long compactAfterBytes;
    final FolderWatcher watcher;
    /** The last UIDVALIDITY handed out, so that two in one second still differ. */
    private final AtomicLong lastUidValidity = new AtomicLong();
    private volatile boolean closed;

    StoreContext(Path root, QuotaPolicy quota, boolean fsync, Duration lockTimeout, long compactAfterBytes) {
        this.root = root;
        this.quota = quota;
        this.namer = new FileNamer();
        this.files = new DurableFiles(fsync, namer);
        this.lockTimeout = lockTimeout;
        this.compactAfterBytes = compactAfterBytes;
        this.watcher = new FolderWatcher();
    }

    /**
     * A UIDVALIDITY above {@code atLeast}: the current time in seconds (as Dovecot does),
     * or one more than any handed out before. A 32-bit value, never 0.
     */
    long nextUidValidity(long atLeast) {
        long now = System.currentTimeMillis() / 1000;
        return lastUidValidity.accumulateAndGet(Math.max(now, atLeast + 1), (last, candidate) -> {
            long next = Math.max(last + 1, candidate);
            return next > 0xFFFF_FFFFL ? 1 : next;
        });
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        watcher.close();
    }

    /** A storage failure, in a message safe to show to the account's owner; details stay in the cause. */
    static MailStoreException storageFailure(String what, Exception cause) {
        return new MailStoreException(Reason.STORAGE, what + " failed: storage error", cause);
    }
}
