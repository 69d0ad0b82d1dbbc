package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailboxName;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * RENAME of INBOX (RFC 3501 §6.3.5): its messages move to a new mailbox, with new UIDs
 * there, and INBOX stays, empty, with its UIDVALIDITY and UID counter. Each file is
 * renamed (a message is never in neither mailbox), then both logs record the move.
 */
final class InboxRename {

    private InboxRename() {}

    static void run(Account account, MailboxName to) {
        FolderTree.create(account, to, Set.of());
        Folder inbox = account.folder(MailboxName.INBOX);
        inbox.loadFull();
        FolderSync.sync(inbox, false);
        Folder target = account.folder(to);
        KeywordMap targetKeywords = target.defineKeywords(inbox.keywords().allKeywords());
        List<LogRecord> added = new ArrayList<>();
        List<LogRecord> removed = new ArrayList<>();
        MessageTable table = inbox.table();
        try {
            for (int i = 0; i < table.size(); i++) {
                Entry entry = table.get(i);
                String info = targetKeywords.info(entry.flags(), entry.info());
                try {
                    MessageFiles.place(inbox.cur().resolve(entry.fileName()),
                            target.cur().resolve(entry.base + MessageFileName.INFO_SEPARATOR + info), false);
                } catch (NoSuchFileException | FileAlreadyExistsException e) {
                    continue; // Moved or deleted by another program meanwhile: the next sync of INBOX sees it.
                }
                added.add(target.register(entry.base, info, entry.size(), entry.message().internalDate()));
                removed.add(inbox.expunge(entry));
            }
            account.context.files.syncDirectory(target.cur());
            account.context.files.syncDirectory(inbox.cur());
        } catch (IOException e) {
            inbox.invalidate();
            target.invalidate();
            throw StoreContext.storageFailure("renaming INBOX", e);
        }
        target.commit(added, true);
        inbox.commit(removed, true);
    }
}
