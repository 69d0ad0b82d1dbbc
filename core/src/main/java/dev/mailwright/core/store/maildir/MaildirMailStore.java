package dev.mailwright.core.store.maildir;

import dev.mailwright.core.io.PrivateDirectory;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable mail store: one Maildir++ directory per account under a root directory,
 * readable by other Maildir programs (Dovecot, neomutt). See the package documentation for
 * the layout, the durability protocol and the rules for sharing a root between processes.
 *
 * <pre>{@code
 * MailStore store = MaildirMailStore.builder().root(Path.of("/var/mail/mailwright")).build();
 * }</pre>
 *
 * <p>Open one store per root in a process: the account lock files are locked per process.
 */
public final class MaildirMailStore implements MailStore {

    private static final Logger log = LoggerFactory.getLogger(MaildirMailStore.class);
    private static final String CREATING_PREFIX = ".creating-";
    private static final String DELETED_PREFIX = ".deleted-";

    private final StoreContext context;
    /** Accounts with open handles, by folded name; guarded by {@code this}. */
    private final Map<String, Account> accounts = new HashMap<>();

    private MaildirMailStore(StoreContext context) {
        this.context = context;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The directory holding the accounts. */
    public Path root() {
        return context.root;
    }

    @Override
    public UserMail open(String account) {
        Account opened = acquire(account);
        return new MaildirUserMail(this, opened);
    }

    @Override
    public boolean exists(String account) {
        try {
            return isAccount(account, accountDir(account));
        } catch (MailStoreException e) {
            if (e.reason() == Reason.INVALID_NAME) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isAccount(String account, Path dir) {
        try {
            String recorded = Account.recordedName(dir);
            return recorded != null && AccountNames.key(recorded).equals(AccountNames.key(account));
        } catch (IOException e) {
            throw StoreContext.storageFailure("looking up an account", e);
        }
    }

    @Override
    public synchronized void createAccount(String account) {
        checkOpen();
        Path dir = accountDir(account);
        try {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                adoptOrRefuse(account, dir);
                return;
            }
            Path scratch = context.root.resolve(CREATING_PREFIX + context.namer.uniqueName());
            try {
                FolderTree.makeMaildir(scratch, context);
                context.files.replace(scratch.resolve(Account.NAME_FILE), (account + "\n").getBytes(StandardCharsets.UTF_8));
                long uidValidity = context.nextUidValidity(0);
                context.files.replace(scratch.resolve(Account.UIDVALIDITY_FILE),
                        (uidValidity + "\n").getBytes(StandardCharsets.US_ASCII));
                FolderTree.writeEmptyIndex(scratch, uidValidity, context);
                Files.move(scratch, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw new MailStoreException(Reason.ACCOUNT_EXISTS, "account already exists: " + account);
            } finally {
                DurableFiles.deleteTree(scratch);
            }
            context.files.syncDirectory(context.root);
        } catch (IOException e) {
            throw StoreContext.storageFailure("creating account " + account, e);
        }
    }

    /** A directory of that name exists: it is the account, or a Maildir to take over, or in the way. */
    private void adoptOrRefuse(String account, Path dir) throws IOException {
        String recorded = Account.recordedName(dir);
        if (recorded != null || !Account.isFolderDirectory(dir)) {
            throw new MailStoreException(Reason.ACCOUNT_EXISTS, "account already exists: " + account);
        }
        // An existing Maildir (copied in by an administrator): it becomes the account, mail and all.
        context.files.replace(dir.resolve(Account.NAME_FILE), (account + "\n").getBytes(StandardCharsets.UTF_8));
        log.info("took over the existing Maildir {} as account {}", dir.getFileName(), account);
    }

    @Override
    public void deleteAccount(String account) {
        checkOpen();
        Path trash;
        synchronized (this) {
            Account target = acquire(account);
            try {
                trash = context.root.resolve(DELETED_PREFIX + context.namer.uniqueName());
                target.run(() -> {
                    try {
                        Files.move(target.dir, trash, StandardCopyOption.ATOMIC_MOVE);
                        context.files.syncDirectory(context.root);
                    } catch (IOException e) {
                        throw StoreContext.storageFailure("deleting account " + account, e);
                    }
                    target.markDeleted();
                });
            } finally {
                release(target);
            }
            accounts.remove(AccountNames.key(account), target);
        }
        try {
            DurableFiles.deleteTree(trash);
        } catch (IOException e) {
            log.warn("could not remove the files of deleted account {}; they are removed at the next start", account, e);
        }
    }

    @Override
    public List<String> accounts() {
        checkOpen();
        String[] entries = context.root.toFile().list();
        if (entries == null) {
            throw StoreContext.storageFailure("listing accounts", new IOException("cannot list the store root"));
        }
        List<String> names = new ArrayList<>();
        for (String entry : entries) {
            if (entry.startsWith(".")) {
                continue;
            }
            try {
                String recorded = Account.recordedName(context.root.resolve(entry));
                if (recorded != null && AccountNames.directoryName(recorded).equals(entry)) {
                    names.add(recorded);
                }
            } catch (IOException | MailStoreException e) {
                log.debug("skipping {} in the store root", entry, e);
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public void close() {
        List<Account> open;
        synchronized (this) {
            open = new ArrayList<>(accounts.values());
            accounts.clear();
        }
        context.close();
        for (Account account : open) {
            account.close();
        }
    }

    // ---- account objects shared by handles ----

    private synchronized Account acquire(String account) {
        checkOpen();
        String key;
        try {
            key = AccountNames.key(account);
        } catch (MailStoreException e) {
            // Not a name this store could hold; and not one to echo (it may hold control characters).
            throw new MailStoreException(Reason.NO_SUCH_ACCOUNT, "no such account");
        }
        Account opened = accounts.get(key);
        if (opened == null) {
            Path dir = accountDir(account);
            String recorded;
            try {
                recorded = Account.recordedName(dir);
            } catch (IOException e) {
                throw StoreContext.storageFailure("opening account " + account, e);
            }
            if (recorded == null || !AccountNames.key(recorded).equals(key)) {
                throw MailStoreException.noSuchAccount(account);
            }
            opened = new Account(context, recorded, dir);
            opened.cleanUp();
            accounts.put(key, opened);
        }
        opened.references++;
        return opened;
    }

    /** Another handle on an account that is already open. */
    synchronized void retain(Account account) {
        account.references++;
    }

    synchronized void release(Account account) {
        if (--account.references == 0 && accounts.get(AccountNames.key(account.name)) == account) {
            accounts.remove(AccountNames.key(account.name));
            account.close();
        } else if (account.references == 0 && account.isDeleted()) {
            account.close();
        }
    }

    private Path accountDir(String account) {
        Path dir = context.root.resolve(AccountNames.directoryName(account));
        if (!context.root.equals(dir.getParent())) {
            throw new MailStoreException(Reason.INVALID_NAME, "invalid account name: does not map into the store");
        }
        return dir;
    }

    private void checkOpen() {
        if (context.isClosed()) {
            throw new MailStoreException(Reason.STORAGE, "the mail store is closed");
        }
    }

    /** Removes what interrupted account creations and deletions left in the root. */
    private void cleanUp() throws IOException {
        String[] entries = context.root.toFile().list();
        if (entries == null) {
            throw new IOException("cannot list the store root");
        }
        for (String entry : entries) {
            boolean deleted = entry.startsWith(DELETED_PREFIX);
            boolean abandoned = entry.startsWith(CREATING_PREFIX)
                    && context.namer.isFromDeadProcess(entry.substring(CREATING_PREFIX.length()));
            if (deleted || abandoned) {
                DurableFiles.deleteTree(context.root.resolve(entry));
            }
        }
    }

    /** Builds a {@link MaildirMailStore}; {@link #root} is required. */
    public static final class Builder {
        private Path root;
        private QuotaPolicy quota = QuotaPolicy.UNLIMITED;
        private boolean fsync = true;
        private Duration lockTimeout = Duration.ofSeconds(30);
        private long compactAfterBytes = 1 << 20;

        private Builder() {}

        /** The directory holding the accounts; created if missing. */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        /** Per-account limits; unlimited by default. */
        public Builder quota(QuotaPolicy quota) {
            this.quota = quota;
            return this;
        }

        /**
         * Whether to force files and directories to disk before acknowledging (default
         * true). Turn off only for throwaway stores: a crash can then lose acknowledged mail.
         */
        public Builder fsync(boolean fsync) {
            this.fsync = fsync;
            return this;
        }

        /** How long to wait for an account another thread or process is changing (default 30 s). */
        public Builder lockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
            return this;
        }

        /** Log size after which a folder's index is compacted, at least (default 1 MiB); for tests. */
        Builder compactAfterBytes(long bytes) {
            this.compactAfterBytes = bytes;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the setting that is missing or wrong
         * @throws UncheckedIOException if the root cannot be created or read
         */
        public MaildirMailStore build() {
            if (root == null) {
                throw new IllegalArgumentException("root: the store directory is required");
            }
            Objects.requireNonNull(quota, "quota");
            if (lockTimeout == null || lockTimeout.isNegative() || lockTimeout.isZero()) {
                throw new IllegalArgumentException("lockTimeout: must be positive");
            }
            if (compactAfterBytes < 1) {
                throw new IllegalArgumentException("compactAfterBytes: must be positive");
            }
            Path absolute = root.toAbsolutePath().normalize();
            try {
                PrivateDirectory.create(absolute);
                if (!Files.isDirectory(absolute)) {
                    throw new IllegalArgumentException("root: not a directory: " + absolute);
                }
                // Accounts are compared against the real root, so links in its path are resolved once here.
                Path real = absolute.toRealPath();
                MaildirMailStore store = new MaildirMailStore(new StoreContext(real, quota, fsync, lockTimeout, compactAfterBytes));
                store.cleanUp();
                return store;
            } catch (IOException e) {
                throw new UncheckedIOException("root: cannot use " + absolute, e);
            }
        }
    }
}
