package dev.mailwright.core.store.maildir;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.StoreResult;
import dev.mailwright.core.store.Subscription;
import dev.mailwright.core.store.UidSet;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open mailbox of a {@link MaildirMailStore}. Reads sync with the directories first, so
 * mail another program delivered shows up; changes rename or unlink files, then log.
 */
final class MaildirMailbox implements Mailbox {

    private static final Logger log = LoggerFactory.getLogger(MaildirMailbox.class);

    private final MaildirMailStore store;
    private final Account account;
    private final Folder folder;
    private final AtomicBoolean closed = new AtomicBoolean();

    MaildirMailbox(MaildirMailStore store, Account account, Folder folder) {
        this.store = store;
        this.account = account;
        this.folder = folder;
    }

    @Override
    public MailboxName name() {
        return folder.name;
    }

    @Override
    public long uidValidity() {
        return account.locked(() -> {
            folder.refresh();
            return folder.uidValidity();
        });
    }

    @Override
    public MailboxSnapshot snapshot() {
        return account.locked(() -> {
            ready();
            FolderSync.sync(folder, false);
            return folder.snapshot();
        });
    }

    @Override
    public MailboxChanges changesSince(long modSeq) {
        return account.locked(() -> {
            ready();
            FolderSync.sync(folder, false);
            return folder.changesSince(modSeq);
        });
    }

    @Override
    public MessageContent content(long uid) {
        return account.locked(() -> {
            ready();
            for (int attempt = 0; attempt < 2; attempt++) {
                Entry entry = folder.table().find(uid);
                if (entry == null) {
                    break;
                }
                try {
                    FileChannel channel = FileChannel.open(folder.cur().resolve(entry.fileName()),
                            StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                    long size = channel.size();
                    if (size != entry.size()) {
                        log.warn("message {} in {} of {} has {} bytes on disk, {} in the index",
                                uid, folder.name, account.name, size, entry.size());
                    }
                    return new FileContent(channel, size);
                } catch (NoSuchFileException e) {
                    // Renamed (flags) or deleted by another program: relist and look again.
                    FolderSync.sync(folder, true);
                } catch (IOException e) {
                    throw StoreContext.storageFailure("reading a message", e);
                }
            }
            throw new MailStoreException(Reason.NO_SUCH_MESSAGE, "no message with UID " + uid);
        });
    }

    @Override
    public StoreResult store(UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        return account.locked(() -> {
            ready();
            List<Entry> addressed = new ArrayList<>();
            List<Entry> changing = new ArrayList<>();
            UidSet.Builder modified = UidSet.builder();
            Set<String> keywords = new LinkedHashSet<>();
            for (Entry entry : folder.table().in(uids)) {
                if (unchangedSince.isPresent() && entry.modSeq() > unchangedSince.getAsLong()) {
                    modified.add(entry.uid);
                    continue;
                }
                addressed.add(entry);
                Flags next = update.applyTo(entry.flags());
                if (!next.equals(entry.flags())) {
                    changing.add(entry);
                    keywords.addAll(next.keywords());
                }
            }
            folder.defineKeywords(keywords);
            List<LogRecord> records = new ArrayList<>();
            try {
                for (Entry entry : changing) {
                    for (int attempt = 0; attempt < 2 && !entry.expunged; attempt++) {
                        if (rename(entry, update, records)) {
                            break;
                        }
                        folder.commit(records, true);
                        records.clear();
                        FolderSync.sync(folder, true);
                    }
                }
                folder.account.context.files.syncDirectory(folder.cur());
            } catch (IOException e) {
                folder.invalidate();
                throw StoreContext.storageFailure("changing flags in " + folder.name, e);
            }
            folder.commit(records, true);
            folder.touchedCur();
            List<MessageInfo> result = new ArrayList<>(addressed.size());
            for (Entry entry : addressed) {
                if (!entry.expunged) {
                    result.add(entry.message());
                }
            }
            return new StoreResult(result, modified.build());
        });
    }

    /** Renames one message file for its new flags; false if the file was not where the index says. */
    private boolean rename(Entry entry, FlagUpdate update, List<LogRecord> records) throws IOException {
        String info = folder.keywords().info(update.applyTo(entry.flags()), entry.info());
        if (info.equals(entry.info())) {
            return true;
        }
        try {
            DurableFiles.move(folder.cur().resolve(entry.fileName()),
                    folder.cur().resolve(entry.base + MessageFileName.INFO_SEPARATOR + info));
        } catch (NoSuchFileException e) {
            return false;
        }
        records.add(folder.changeFlags(entry, info));
        return true;
    }

    @Override
    public CopyResult copy(UidSet uids, MailboxName target) {
        return account.locked(() -> {
            ready();
            return MessageTransfer.run(account, folder, uids, target, false);
        });
    }

    @Override
    public CopyResult move(UidSet uids, MailboxName target) {
        return account.locked(() -> {
            ready();
            return MessageTransfer.run(account, folder, uids, target, true);
        });
    }

    @Override
    public UidSet expunge(Optional<UidSet> onlyThese) {
        return account.locked(() -> {
            ready();
            List<Entry> candidates = onlyThese.map(set -> folder.table().in(set)).orElseGet(this::allEntries);
            UidSet.Builder gone = UidSet.builder();
            List<LogRecord> records = new ArrayList<>();
            try {
                for (Entry entry : candidates) {
                    for (int attempt = 0; attempt < 2 && !entry.expunged; attempt++) {
                        if (!entry.flags().contains(Flags.SystemFlag.DELETED)) {
                            break;
                        }
                        if (Files.deleteIfExists(folder.cur().resolve(entry.fileName()))) {
                            records.add(folder.expunge(entry));
                            break;
                        }
                        folder.commit(records, true);
                        records.clear();
                        FolderSync.sync(folder, true);
                    }
                    if (entry.expunged) {
                        gone.add(entry.uid);
                    }
                }
                folder.account.context.files.syncDirectory(folder.cur());
            } catch (IOException e) {
                folder.invalidate();
                throw StoreContext.storageFailure("expunging in " + folder.name, e);
            }
            folder.commit(records, true);
            folder.touchedCur();
            return gone.build();
        });
    }

    private List<Entry> allEntries() {
        MessageTable table = folder.table();
        List<Entry> all = new ArrayList<>(table.size());
        for (int i = 0; i < table.size(); i++) {
            all.add(table.get(i));
        }
        return all;
    }

    @Override
    public Subscription watch(MailboxListener listener) {
        folder.listeners.add(listener);
        account.context.watcher.watch(folder);
        return () -> {
            if (folder.listeners.remove(listener) && folder.listeners.isEmpty()) {
                account.context.watcher.unwatch(folder);
            }
        };
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            store.release(account);
        }
    }

    /** Up to date with the files, table loaded; under the lock. */
    private void ready() {
        if (closed.get()) {
            throw new MailStoreException(Reason.CANNOT, "mailbox handle is closed");
        }
        folder.refresh();
        folder.loadFull();
    }
}
