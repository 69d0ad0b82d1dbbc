package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.SpecialUse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creating, deleting, renaming and listing an account's mailboxes. A folder is built
 * complete (directories, index, special-use file) in a scratch directory and renamed into
 * place, so another program never sees half a folder; a deleted folder is renamed away
 * first and removed afterwards. Every method runs under the account lock.
 */
final class FolderTree {

    private FolderTree() {}

    static List<MailboxInfo> list(Account account) {
        List<MailboxInfo> list = new ArrayList<>();
        try {
            for (MailboxName name : account.mailboxNames()) {
                list.add(new MailboxInfo(name, SpecialUseFile.read(account.folderDir(name))));
            }
        } catch (IOException e) {
            throw StoreContext.storageFailure("listing mailboxes", e);
        }
        return list;
    }

    static void create(Account account, MailboxName name, Set<SpecialUse> specialUse) {
        if (account.exists(name)) {
            throw MailStoreException.mailboxExists(name);
        }
        Path target = account.folderDir(name);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new MailStoreException(Reason.CANNOT, "a file that is not a mailbox is in the way of " + name);
        }
        if (!specialUse.isEmpty()) {
            for (MailboxInfo other : list(account)) {
                for (SpecialUse use : specialUse) {
                    if (other.specialUse().contains(use)) {
                        throw new MailStoreException(Reason.CANNOT, use.attribute() + " is already used by " + other.name());
                    }
                }
            }
        }
        List<MailboxName> missing = new ArrayList<>();
        for (MailboxName parent = name.parent().orElse(null); parent != null; parent = parent.parent().orElse(null)) {
            if (!account.exists(parent)) {
                missing.add(0, parent);
            }
        }
        for (MailboxName parent : missing) {
            createOne(account, parent, Set.of());
        }
        createOne(account, name, specialUse);
    }

    private static void createOne(Account account, MailboxName name, Set<SpecialUse> specialUse) {
        Path target = account.folderDir(name);
        StoreContext context = account.context;
        Path scratch = account.dir.resolve(context.files.scratchName());
        try {
            try {
                makeMaildir(scratch, context);
                Files.createFile(scratch.resolve("maildirfolder"));
                if (!specialUse.isEmpty()) {
                    SpecialUseFile.write(scratch, specialUse, context.files);
                }
                writeEmptyIndex(scratch, account.newUidValidity(0), context);
                context.files.syncDirectory(scratch);
                Files.move(scratch, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                DurableFiles.deleteTree(scratch);
            }
            context.files.syncDirectory(account.dir);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            throw MailStoreException.mailboxExists(name);
        } catch (IOException e) {
            throw StoreContext.storageFailure("creating mailbox " + name, e);
        }
    }

    /** Makes {@code cur/}, {@code new/} and {@code tmp/} in a new directory, durably. */
    static void makeMaildir(Path dir, StoreContext context) throws IOException {
        Files.createDirectory(dir);
        for (String sub : List.of("cur", "new", "tmp")) {
            Files.createDirectory(dir.resolve(sub));
        }
        context.files.syncDirectory(dir);
    }

    /** Writes the index of an empty folder: checkpoint and log of generation 1. */
    static void writeEmptyIndex(Path dir, long uidValidity, StoreContext context) throws IOException {
        Checkpoint.write(dir, new Checkpoint.Header(uidValidity, 1, java.util.UUID.randomUUID().toString().replace("-", ""),
                Counters.EMPTY.highestModSeq(), 1, 0, 0, 0), new MessageTable(), new java.util.TreeMap<>(), context.files);
        context.files.replace(dir.resolve(FolderLog.FILE),
                LogCodec.header(new LogCodec.Header(1, uidValidity, Counters.EMPTY)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /**
     * Deletes a mailbox: renames it out of sight, then the caller removes the returned
     * directory after releasing the lock.
     */
    static Path delete(Account account, MailboxName name) {
        if (name.isInbox()) {
            throw new MailStoreException(Reason.CANNOT, "INBOX cannot be deleted");
        }
        if (!account.exists(name)) {
            throw MailStoreException.noSuchMailbox(name);
        }
        for (MailboxName other : account.mailboxNames()) {
            if (name.isAncestorOf(other)) {
                throw new MailStoreException(Reason.HAS_CHILDREN, "mailbox has children: " + name);
            }
        }
        Path trash = account.dir.resolve(Account.TRASH_PREFIX + account.context.namer.uniqueName());
        try {
            Files.move(account.folderDir(name), trash, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            account.context.files.syncDirectory(account.dir);
        } catch (NoSuchFileException e) {
            throw MailStoreException.noSuchMailbox(name);
        } catch (IOException e) {
            throw StoreContext.storageFailure("deleting mailbox " + name, e);
        }
        account.forget(name);
        return trash;
    }

    static void rename(Account account, MailboxName from, MailboxName to) {
        if (!account.exists(from)) {
            throw MailStoreException.noSuchMailbox(from);
        }
        if (account.exists(to)) {
            throw MailStoreException.mailboxExists(to);
        }
        if (from.equals(to) || from.isAncestorOf(to)) {
            throw new MailStoreException(Reason.CANNOT, "cannot rename " + from + " to a name below itself");
        }
        if (from.isInbox()) {
            InboxRename.run(account, to);
            return;
        }
        List<MailboxName> moving = new ArrayList<>();
        for (MailboxName name : account.mailboxNames()) {
            if (name.equals(from) || from.isAncestorOf(name)) {
                moving.add(name);
            }
        }
        List<Path> targets = new ArrayList<>();
        for (MailboxName name : moving) {
            Path target = account.folderDir(name.reparent(from, to));
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                throw MailStoreException.mailboxExists(name.reparent(from, to));
            }
            targets.add(target);
        }
        try {
            // Each folder is its own directory in Maildir++: a crash part-way leaves some renamed and some not, none lost.
            for (int i = 0; i < moving.size(); i++) {
                Files.move(account.folderDir(moving.get(i)), targets.get(i), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                account.rekey(moving.get(i), moving.get(i).reparent(from, to), targets.get(i));
            }
            account.context.files.syncDirectory(account.dir);
        } catch (IOException e) {
            throw StoreContext.storageFailure("renaming mailbox " + from, e);
        }
        TreeSet<MailboxName> existing = account.mailboxNames();
        for (MailboxName parent = to.parent().orElse(null); parent != null; parent = parent.parent().orElse(null)) {
            if (!existing.contains(parent)) {
                create(account, parent, Set.of());
                existing = account.mailboxNames();
            }
        }
    }
}
