package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.MailboxName;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * COPY and MOVE between folders of one account. A copy is a hard link under a new name
 * (the bytes are already durable; Dovecot copies the same way), a move a rename, so a moved
 * message is never in neither mailbox. The target's log is written before the source's:
 * after a crash between the two the message is in the target, and the source's next sync
 * finds its file gone.
 */
final class MessageTransfer {

    private final Account account;
    private final Folder source;
    private final Folder target;
    private final boolean move;
    private final List<LogRecord> added = new ArrayList<>();
    private final List<LogRecord> removed = new ArrayList<>();

    private MessageTransfer(Account account, Folder source, Folder target, boolean move) {
        this.account = account;
        this.source = source;
        this.target = target;
        this.move = move;
    }

    /** Runs under the account lock, with {@code source} refreshed and loaded. */
    static CopyResult run(Account account, Folder source, dev.mailwright.core.store.UidSet uids, MailboxName targetName,
            boolean move) {
        Folder target = account.folder(targetName);
        return new MessageTransfer(account, source, target, move).transfer(source.table().in(uids));
    }

    private CopyResult transfer(List<Entry> entries) {
        if (!move) {
            long bytes = 0;
            for (Entry e : entries) {
                bytes += e.size();
            }
            account.checkQuota(bytes, entries.size());
        }
        Set<String> keywords = new LinkedHashSet<>();
        for (Entry e : entries) {
            keywords.addAll(e.flags().keywords());
        }
        KeywordMap targetKeywords = target.defineKeywords(keywords);
        List<CopyResult.UidMapping> mapping = new ArrayList<>(entries.size());
        try {
            for (Entry e : entries) {
                Entry current = e;
                for (int attempt = 0; attempt < 2 && current != null; attempt++) {
                    Long uid = transfer(current, targetKeywords);
                    if (uid != null) {
                        mapping.add(new CopyResult.UidMapping(e.uid, uid));
                        break;
                    }
                    // Another program renamed or removed the file: log what we have, relist, try again.
                    commit();
                    FolderSync.sync(source, true);
                    current = source.table().find(e.uid);
                }
            }
            account.context.files.syncDirectory(target.cur());
            if (move && target != source) {
                account.context.files.syncDirectory(source.cur());
            }
        } catch (IOException ex) {
            source.invalidate();
            target.invalidate();
            throw StoreContext.storageFailure((move ? "moving" : "copying") + " messages to " + target.name, ex);
        }
        commit();
        return new CopyResult(target.uidValidity(), mapping);
    }

    /** One message; null if its file was not where the index says. */
    private Long transfer(Entry entry, KeywordMap targetKeywords) throws IOException {
        String info = targetKeywords.info(entry.flags(), entry.info());
        String base = FileNamer.base(account.context.namer.uniqueName(), entry.size(),
                MessageFileName.virtualSize(entry.base).orElse(-1));
        Path from = source.cur().resolve(entry.fileName());
        Path to = target.cur().resolve(base + MessageFileName.INFO_SEPARATOR + info);
        try {
            MessageFiles.place(from, to, !move);
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            return null;
        }
        LogRecord.Added record = target.register(base, info, entry.size(), entry.message().internalDate());
        added.add(record);
        if (move) {
            // In one folder, one list keeps the log in the order the MODSEQs were given.
            (target == source ? added : removed).add(source.expunge(entry));
        }
        return record.uid();
    }

    private void commit() {
        target.commit(added, true);
        target.touchedCur();
        added.clear();
        if (move) {
            source.commit(removed, true);
            source.touchedCur();
            removed.clear();
        }
    }
}
