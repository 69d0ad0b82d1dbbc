package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.Quota;
import dev.mailwright.core.store.QuotaPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's Maildir++ directory as this store knows it: the account lock, the folders
 * loaded so far (shared by every handle on the account), and the account-wide files.
 * INBOX is the account directory itself; other mailboxes are {@code .Name} directories in
 * it (see {@link FolderNames}).
 */
final class Account {

    private static final Logger log = LoggerFactory.getLogger(Account.class);

    /** The account's name as created (the directory name folds case). */
    static final String NAME_FILE = "mailwright-account";
    static final String UIDVALIDITY_FILE = "mailwright-uidvalidity";
    static final String TRASH_PREFIX = "mailwright-trash-";

    final StoreContext context;
    final String name;
    final Path dir;
    final AccountLock lock;
    private final Map<MailboxName, Folder> folders = new HashMap<>();
    private final Set<Folder> changed = new LinkedHashSet<>();
    private boolean deleted;
    /** Open handles; guarded by the store. */
    int references;

    Account(StoreContext context, String name, Path dir) {
        this.context = context;
        this.name = name;
        this.dir = dir;
        this.lock = new AccountLock(dir, context.lockTimeout);
    }

    /**
     * Whether {@code dir} is a Maildir of ours: a real directory (not a symbolic link) with a
     * real {@code cur/}, and {@code new/} and {@code tmp/} real directories or missing (they
     * are made on first use). A link anywhere could lead out of the account.
     */
    static boolean isFolderDirectory(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
                && Files.isDirectory(dir.resolve("cur"), LinkOption.NOFOLLOW_LINKS)
                && isDirectoryOrMissing(dir.resolve("new")) && isDirectoryOrMissing(dir.resolve("tmp"));
    }

    private static boolean isDirectoryOrMissing(Path path) {
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) || !Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** The account name recorded in an account directory, if it is one. */
    static String recordedName(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            String text = Files.readString(dir.resolve(NAME_FILE), StandardCharsets.UTF_8);
            // Only the line feed is ours: spaces can be part of a name.
            return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    // ---- locking and events ----

    /** Runs {@code action} under the account lock, then tells listeners about changed folders. */
    <T> T locked(Supplier<T> action) {
        if (context.isClosed()) {
            throw new MailStoreException(Reason.STORAGE, "the mail store is closed");
        }
        lock.lock();
        List<Folder> toNotify = List.of();
        try {
            if (deleted) {
                throw MailStoreException.noSuchAccount(name);
            }
            return action.get();
        } finally {
            if (lock.isOutermost() && !changed.isEmpty()) {
                toNotify = new ArrayList<>(changed);
                changed.clear();
            }
            lock.unlock();
            for (Folder folder : toNotify) {
                FolderWatcher.notifyListeners(folder);
            }
        }
    }

    void run(Runnable action) {
        locked(() -> {
            action.run();
            return null;
        });
    }

    /** Records that a folder changed; its listeners hear it when the lock is released. */
    void changed(Folder folder) {
        changed.add(folder);
    }

    boolean isDeleted() {
        return deleted;
    }

    /** The account directory is gone (renamed away for deletion); call with the lock held. */
    void markDeleted() {
        deleted = true;
        for (Folder folder : folders.values()) {
            folder.markGone();
            changed.add(folder);
        }
        folders.clear();
    }

    // ---- folders ----

    /**
     * The folder of an existing mailbox, up to date with the files.
     *
     * @throws MailStoreException {@code NO_SUCH_MAILBOX}
     */
    Folder folder(MailboxName mailbox) {
        for (int attempt = 0; attempt < 2; attempt++) {
            Folder folder = folders.get(mailbox);
            if (folder == null || folder.isGone()) {
                Path path = folderDir(mailbox);
                if (!isFolderDirectory(path)) {
                    folders.remove(mailbox);
                    throw MailStoreException.noSuchMailbox(mailbox);
                }
                folder = new Folder(this, mailbox, path);
                folders.put(mailbox, folder);
            }
            try {
                folder.refresh();
                return folder;
            } catch (MailStoreException e) {
                // A folder replaced on disk (deleted and created again) gets a fresh object once.
                if (e.reason() != Reason.NO_SUCH_MAILBOX || !folder.isGone()) {
                    throw e;
                }
                folders.remove(mailbox);
            }
        }
        throw MailStoreException.noSuchMailbox(mailbox);
    }

    /**
     * The folder of an existing mailbox with its message table loaded. An index found
     * damaged while loading is rebuilt under a new UIDVALIDITY, and then it is the new one.
     */
    Folder loadedFolder(MailboxName mailbox) {
        Folder folder = folder(mailbox);
        try {
            folder.loadFull();
            return folder;
        } catch (MailStoreException e) {
            if (e.reason() != Reason.NO_SUCH_MAILBOX || !folder.isGone()) {
                throw e;
            }
        }
        folder = folder(mailbox);
        folder.loadFull();
        return folder;
    }

    /** The loaded folder object for a name, if any; no disk access. */
    Folder loaded(MailboxName mailbox) {
        return folders.get(mailbox);
    }

    /** After a rename: the folder object now answers to another name. */
    void rekey(MailboxName from, MailboxName to, Path newDir) {
        Folder folder = folders.remove(from);
        if (folder != null) {
            folder.moved(to, newDir);
            folders.put(to, folder);
        }
    }

    /** Forgets a folder object (deleted); handles on it report the mailbox missing. */
    void forget(MailboxName mailbox) {
        Folder folder = folders.remove(mailbox);
        if (folder != null) {
            folder.markGone();
            changed.add(folder);
        }
    }

    /** The directory of a mailbox; never outside the account directory. */
    Path folderDir(MailboxName mailbox) {
        if (mailbox.isInbox()) {
            return dir;
        }
        Path path = dir.resolve(FolderNames.directoryName(mailbox));
        if (!dir.equals(path.getParent())) {
            throw MailStoreException.invalidName("does not map to a folder of this account");
        }
        return path;
    }

    boolean exists(MailboxName mailbox) {
        return isFolderDirectory(folderDir(mailbox));
    }

    /** Every mailbox of the account, sorted: INBOX and each {@code .Name} folder that decodes. */
    TreeSet<MailboxName> mailboxNames() {
        TreeSet<MailboxName> names = new TreeSet<>();
        names.add(MailboxName.INBOX);
        String[] entries = dir.toFile().list();
        if (entries == null) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw MailStoreException.noSuchAccount(name);
            }
            throw StoreContext.storageFailure("listing mailboxes", new IOException("cannot list the account directory"));
        }
        for (String entry : entries) {
            if (entry.startsWith(".")) {
                FolderNames.mailboxName(entry).filter(m -> isFolderDirectory(dir.resolve(entry))).ifPresent(names::add);
            }
        }
        return names;
    }

    // ---- account-wide state ----

    /**
     * A new UIDVALIDITY, above every one this account has used and above {@code atLeast},
     * recorded before it is used: a mailbox whose index is rebuilt, or that is deleted and
     * created again, never gets an old value back, also after a restart in the same second.
     */
    long newUidValidity(long atLeast) {
        Path file = dir.resolve(UIDVALIDITY_FILE);
        long last = 0;
        try {
            last = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (NoSuchFileException | NumberFormatException e) {
            last = 0;
        } catch (IOException e) {
            throw StoreContext.storageFailure("creating a mailbox", e);
        }
        long next = context.nextUidValidity(Math.max(last, atLeast));
        try {
            context.files.replace(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw StoreContext.storageFailure("creating a mailbox", e);
        }
        return next;
    }

    /** Use summed over the folders' counters; limits from the store's policy. */
    Quota quota() {
        long bytes = 0;
        long messages = 0;
        for (MailboxName mailbox : mailboxNames()) {
            try {
                Counters c = folder(mailbox).counters();
                bytes += c.bytes();
                messages += c.messages();
            } catch (MailStoreException e) {
                if (e.reason() != Reason.NO_SUCH_MAILBOX) {
                    throw e;
                }
            }
        }
        QuotaPolicy.Limits limits = context.quota.limitsFor(name);
        return new Quota(bytes, messages, limits.bytes(), limits.messages());
    }

    /** Refuses adding this much if a limit would be passed; counts only when there are limits. */
    void checkQuota(long bytes, long messages) {
        QuotaPolicy.Limits limits = context.quota.limitsFor(name);
        if (limits.bytes().isEmpty() && limits.messages().isEmpty()) {
            return;
        }
        if (!quota().allows(bytes, messages)) {
            throw new MailStoreException(Reason.OVER_QUOTA, "quota exceeded for " + name);
        }
    }

    /** Removes what an interrupted delete or create left in the account directory. */
    void cleanUp() {
        String[] entries = dir.toFile().list();
        if (entries == null) {
            return;
        }
        for (String entry : entries) {
            Path path = dir.resolve(entry);
            try {
                if (entry.startsWith(TRASH_PREFIX)) {
                    DurableFiles.deleteTree(path);
                } else if (DurableFiles.isScratch(entry)) {
                    String unique = entry.substring("mailwright-scratch-".length());
                    BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (context.namer.isFromDeadProcess(unique) || !context.namer.isFromLiveProcess(unique)
                            && a.lastModifiedTime().toInstant().isBefore(java.time.Instant.now().minus(TmpCleaner.STALE))) {
                        DurableFiles.deleteTree(path);
                    }
                }
            } catch (IOException e) {
                log.warn("could not remove leftover {} of account {}", entry, name, e);
            }
        }
    }

    /** Closes the folders' files and the lock file. */
    void close() {
        lock.close(() -> {
            for (Folder folder : folders.values()) {
                folder.close();
            }
            folders.clear();
        });
    }
}
