package dev.mailwright.core.store.maildir;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.AppendResult;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxStatus;
import dev.mailwright.core.store.Quota;
import dev.mailwright.core.store.SpecialUse;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A handle on one account of a {@link MaildirMailStore}. */
final class MaildirUserMail implements UserMail {

    private static final Logger log = LoggerFactory.getLogger(MaildirUserMail.class);

    private final MaildirMailStore store;
    private final Account account;
    private final MessageFiles messageFiles;
    private final AtomicBoolean closed = new AtomicBoolean();

    MaildirUserMail(MaildirMailStore store, Account account) {
        this.store = store;
        this.account = account;
        this.messageFiles = new MessageFiles(account.context);
    }

    @Override
    public String account() {
        return account.name;
    }

    @Override
    public List<MailboxInfo> mailboxes() {
        return locked(() -> FolderTree.list(account));
    }

    @Override
    public void create(MailboxName name, Set<SpecialUse> specialUse) {
        Objects.requireNonNull(specialUse, "specialUse");
        locked(() -> {
            FolderTree.create(account, name, specialUse);
            return null;
        });
    }

    @Override
    public void delete(MailboxName name) {
        Path trash = locked(() -> FolderTree.delete(account, name));
        try {
            DurableFiles.deleteTree(trash);
        } catch (IOException e) {
            // The mailbox is gone already; what is left is removed when the account is next opened.
            log.warn("could not remove the files of deleted mailbox {} of {}", name, account.name, e);
        }
    }

    @Override
    public void rename(MailboxName from, MailboxName to) {
        locked(() -> {
            FolderTree.rename(account, from, to);
            return null;
        });
    }

    @Override
    public List<MailboxName> subscriptions() {
        return locked(() -> {
            try {
                return Subscriptions.list(account.dir);
            } catch (IOException e) {
                throw StoreContext.storageFailure("reading subscriptions", e);
            }
        });
    }

    @Override
    public void subscribe(MailboxName name, boolean subscribed) {
        Objects.requireNonNull(name, "name");
        locked(() -> {
            try {
                TreeSet<MailboxName> names = Subscriptions.read(account.dir);
                if (subscribed ? names.add(name) : names.remove(name)) {
                    Subscriptions.write(account.dir, names, account.context.files);
                }
            } catch (IOException e) {
                throw StoreContext.storageFailure("changing subscriptions", e);
            }
            return null;
        });
    }

    @Override
    public MailboxStatus status(MailboxName name) {
        return locked(() -> {
            // The counters answer STATUS without loading the messages; only mail that another
            // program delivered into new/ (or a loaded folder) makes it sync first.
            Folder folder = account.folder(name);
            if (folder.isLoaded() || folder.hasNewMail()) {
                folder = account.loadedFolder(name);
                FolderSync.sync(folder, false);
            }
            return folder.status();
        });
    }

    @Override
    public AppendResult append(MailboxName name, MessageContent content, Flags flags, Instant internalDate) {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(internalDate, "internalDate");
        Folder folder = locked(() -> {
            Folder f = account.folder(name);
            account.checkQuota(content.size(), 1);
            return f;
        });
        // The slow part, writing and forcing the bytes, runs without the lock.
        MessageFiles.Pending pending;
        try {
            pending = messageFiles.write(folder.tmp(), content, internalDate);
        } catch (IOException e) {
            throw StoreContext.storageFailure("storing a message in " + name, e);
        }
        boolean placed = false;
        try {
            AppendResult result = locked(() -> {
                folder.refresh();
                account.checkQuota(pending.size(), 1);
                KeywordMap keywords = folder.defineKeywords(flags.keywords());
                String info = keywords.info(flags, "");
                String base = pending.base();
                try {
                    // The folder may have been renamed meanwhile: its tmp/ moved with it.
                    MessageFiles.place(folder.tmp().resolve(pending.uniqueName()),
                            folder.cur().resolve(base + MessageFileName.INFO_SEPARATOR + info), false);
                    account.context.files.syncDirectory(folder.cur());
                } catch (FileAlreadyExistsException e) {
                    throw new MailStoreException(Reason.STORAGE, "message file name clash; try again", e);
                } catch (IOException e) {
                    throw StoreContext.storageFailure("storing a message in " + name, e);
                }
                LogRecord.Added added = folder.register(base, info, pending.size(), internalDate);
                folder.commit(List.of(added), true);
                folder.touchedCur();
                return new AppendResult(folder.uidValidity(), added.uid(), added.counters().highestModSeq());
            });
            placed = true;
            return result;
        } finally {
            if (!placed) {
                try {
                    Files.deleteIfExists(folder.tmp().resolve(pending.uniqueName()));
                } catch (IOException e) {
                    log.debug("could not remove an unstored message from tmp/", e);
                }
            }
        }
    }

    @Override
    public Mailbox select(MailboxName name) {
        // Loading here means an index that must be rebuilt is rebuilt before the handle exists.
        Folder folder = locked(() -> account.loadedFolder(name));
        store.retain(account);
        return new MaildirMailbox(store, account, folder);
    }

    @Override
    public Quota quota() {
        return locked(account::quota);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            store.release(account);
        }
    }

    private <T> T locked(java.util.function.Supplier<T> action) {
        if (closed.get()) {
            throw new MailStoreException(Reason.CANNOT, "account handle is closed");
        }
        return account.locked(action);
    }
}
