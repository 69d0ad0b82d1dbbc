package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MailboxStatus;
import dev.mailwright.core.store.UidSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Maildir folder as this store knows it, shared by every handle on the folder. Two
 * levels: the counters (UIDVALIDITY, next UID, highest MODSEQ, totals), read from the last
 * log record, are enough to append; the messages ({@link MessageState}) are loaded from the
 * checkpoint and log only when a mailbox is selected or asked for its status. Every method
 * runs under the account lock, after {@link #refresh()} brought the state up to date with
 * the files (another process may have changed them).
 */
final class Folder {

    private static final Logger log = LoggerFactory.getLogger(Folder.class);

    final Account account;
    private final StoreContext context;
    volatile MailboxName name;
    private volatile Path dir;
    private boolean gone;
    final Set<MailboxListener> listeners = new CopyOnWriteArraySet<>();

    private FolderLog changeLog;
    private long uidValidity;
    private long generation;
    private Counters counters;
    private MessageState state;
    private final FolderKeywords keywords = new FolderKeywords();
    final DirectoryStamps stamps = new DirectoryStamps();
    private boolean tmpCleaned;

    Folder(Account account, MailboxName name, Path dir) {
        this.account = account;
        this.context = account.context;
        this.name = name;
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path cur() {
        return dir.resolve("cur");
    }

    Path newDir() {
        return dir.resolve("new");
    }

    Path tmp() {
        return dir.resolve("tmp");
    }

    boolean isGone() {
        return gone;
    }

    /** After a rename of this folder or an ancestor. */
    void moved(MailboxName newName, Path newDir) {
        this.name = newName;
        this.dir = newDir;
    }

    /** The folder was deleted or replaced: handles on it report it missing from now on. */
    void markGone() {
        gone = true;
        state = null;
        closeLog();
        context.watcher.unwatch(this);
    }

    long uidValidity() {
        return uidValidity;
    }

    Counters counters() {
        return counters;
    }

    /** Whether the messages are loaded (a session selected the mailbox, or asked for its status). */
    boolean isLoaded() {
        return state != null;
    }

    /** Whether another program has put mail into {@code new/} that no sync has picked up yet. */
    boolean hasNewMail() {
        String[] names = newDir().toFile().list();
        if (names == null) {
            return false;
        }
        for (String name : names) {
            if (!name.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The message table; {@link #loadFull()} first. */
    MessageTable table() {
        return state.table;
    }

    KeywordMap keywords() {
        return keywords.map();
    }

    // ---- keeping up with the files ----

    /**
     * Brings the counters (and the messages, if loaded) up to date with the log on disk.
     *
     * @throws MailStoreException {@code NO_SUCH_MAILBOX} if the folder is gone or was replaced
     */
    void refresh() {
        if (gone) {
            throw MailStoreException.noSuchMailbox(name);
        }
        try {
            if (changeLog == null) {
                openLog();
                return;
            }
            FolderLog.Disk disk = changeLog.disk();
            if (!changeLog.isSameFile(disk) || disk.size() < changeLog.length()) {
                // Replaced by another process (a compaction, or the folder deleted and created again).
                long known = uidValidity;
                boolean wasLoaded = state != null;
                invalidate();
                openLog();
                if (uidValidity != known) {
                    markGone();
                    throw MailStoreException.noSuchMailbox(name);
                }
                if (wasLoaded) {
                    loadFull();
                }
            } else if (disk.size() > changeLog.length()) {
                if (state != null) {
                    replay(changeLog.length());
                } else {
                    readCounters();
                }
            }
            if (state != null && keywords.refresh(dir)) {
                state.redecode(keywords.map());
            }
        } catch (IOException e) {
            invalidate();
            throw StoreContext.storageFailure("reading mailbox " + name, e);
        } catch (FolderLog.DamagedException e) {
            rebuild(e.getMessage());
        }
    }

    private void openLog() throws IOException {
        if (!Account.isFolderDirectory(dir)) {
            markGone();
            throw MailStoreException.noSuchMailbox(name);
        }
        Files.createDirectories(newDir());
        Files.createDirectories(tmp());
        try {
            changeLog = FolderLog.open(dir);
        } catch (NoSuchFileException e) {
            if (Files.exists(dir.resolve(Checkpoint.FILE), LinkOption.NOFOLLOW_LINKS)) {
                rebuild("the change log is missing");
            } else {
                // A Maildir made by another program (or an older copy of this one): index it from scratch.
                createIndex(account.newUidValidity(0));
            }
            return;
        } catch (FolderLog.DamagedException e) {
            rebuild(e.getMessage());
            return;
        }
        uidValidity = changeLog.header().uidValidity();
        generation = changeLog.header().generation();
        counters = changeLog.header().counters();
        try {
            readCounters();
        } catch (IOException e) {
            closeLog();
            throw e;
        }
    }

    /** Counters from the last record alone: what an append needs, without replaying the log. */
    private void readCounters() throws IOException {
        LogRecord last = changeLog.readLast();
        if (last != null) {
            counters = last.counters();
            if (last instanceof LogRecord.Compacting c) {
                finishCompaction(c);
            }
        }
    }

    /** Writes an empty index for a folder directory: checkpoint first, then the log that names it. */
    private void createIndex(long newUidValidity) throws IOException {
        closeLog();
        long next = generation + 1;
        state = MessageState.empty();
        counters = Counters.EMPTY;
        uidValidity = newUidValidity;
        stamps.forget();
        state.writeCheckpoint(dir, uidValidity, counters, next, stamps, context.files);
        replaceLog(next);
        keywords.load(dir);
    }

    /**
     * Starts the index over after damage: a new UIDVALIDITY, so that clients forget the
     * old UIDs, and every message file is picked up again by the next sync.
     */
    private void rebuild(String reason) {
        log.warn("index of mailbox {} of {} is damaged ({}); rebuilding it with a new UIDVALIDITY",
                name, account.name, reason);
        boolean exposed = uidValidity != 0;
        try {
            createIndex(account.newUidValidity(uidValidity));
        } catch (IOException e) {
            invalidate();
            throw StoreContext.storageFailure("rebuilding the index of mailbox " + name, e);
        }
        if (exposed) {
            markGone();
            throw MailStoreException.noSuchMailbox(name);
        }
    }

    /** Forgets the in-memory state after a failed write, so that the next refresh rereads the files. */
    void invalidate() {
        closeLog();
        state = null;
    }

    private void closeLog() {
        changeLog = null;
    }

    private void replaceLog(long newGeneration) throws IOException {
        closeLog();
        try {
            changeLog = FolderLog.create(dir, new LogCodec.Header(newGeneration, uidValidity, counters), context.files);
        } catch (FolderLog.DamagedException e) {
            throw new IOException("a freshly written log is unreadable", e);
        }
        generation = newGeneration;
    }

    /** Loads the messages: the checkpoint, then the log replayed on it. */
    void loadFull() {
        if (state != null) {
            return;
        }
        try {
            Checkpoint.Contents checkpoint;
            try {
                checkpoint = Checkpoint.read(dir);
            } catch (NoSuchFileException | IllegalArgumentException e) {
                rebuild("checkpoint unreadable: " + e.getMessage());
                return;
            }
            Checkpoint.Header header = checkpoint.header();
            boolean compactionCrashed = header.generation() == generation + 1;
            if (header.generation() != generation && !compactionCrashed || header.uidValidity() != uidValidity) {
                rebuild("checkpoint and log do not match");
                return;
            }
            keywords.load(dir);
            state = MessageState.from(checkpoint, keywords.map());
            stamps.persisted(header.newMtime(), header.curMtime());
            if (compactionCrashed) {
                // The checkpoint holds everything the old log did: replace the log, as the compaction would have.
                counters = state.counters(header.highestModSeq(), header.nextUid());
                replaceLog(header.generation());
            } else {
                replay(changeLog.headerEnd());
            }
            if (!tmpCleaned) {
                tmpCleaned = true;
                TmpCleaner.clean(tmp(), context.namer);
            }
        } catch (IOException e) {
            invalidate();
            throw StoreContext.storageFailure("loading mailbox " + name, e);
        } catch (FolderLog.DamagedException e) {
            rebuild(e.getMessage());
        }
    }

    private void replay(long from) throws IOException, FolderLog.DamagedException {
        LogRecord[] last = new LogRecord[1];
        changeLog.replay(from, record -> {
            if (record instanceof LogRecord.Stamp s) {
                stamps.persisted(s.newMtime(), s.curMtime());
            } else {
                state.apply(record, keywords.map());
            }
            last[0] = record;
        });
        state.removeExpunged();
        if (last[0] != null) {
            counters = last[0].counters();
            if (last[0] instanceof LogRecord.Compacting c) {
                finishCompaction(c);
            }
        }
    }

    /**
     * A compaction record ends the log. If its checkpoint was written, the compaction
     * stopped before replacing the log (a crash): replace it now, before anything is
     * appended to a log that the checkpoint has superseded.
     */
    private void finishCompaction(LogRecord.Compacting c) throws IOException {
        Checkpoint.Header written = Checkpoint.readHeader(dir).orElse(null);
        if (written != null && written.generation() == c.generation()) {
            counters = c.counters();
            replaceLog(c.generation());
        }
    }

    /**
     * A map with letters for every keyword in {@code needed}, writing the keyword file if it
     * grows.
     *
     * @throws MailStoreException {@code LIMIT} beyond 26 keywords
     */
    KeywordMap defineKeywords(Collection<String> needed) {
        try {
            return keywords.define(dir, needed, context.files);
        } catch (IOException e) {
            throw StoreContext.storageFailure("defining keywords in mailbox " + name, e);
        }
    }

    // ---- changes: each updates the counters and messages, and returns the record to log ----

    LogRecord.Added register(String base, String info, long size, Instant internalDate) {
        Flags flags = keywords.map().flags(info);
        long uid = counters.nextUid();
        if (uid > UidSet.MAX_UID) {
            throw new MailStoreException(MailStoreException.Reason.LIMIT, "mailbox " + name + " has used up its UIDs");
        }
        long modSeq = counters.highestModSeq() + 1;
        counters = new Counters(modSeq, uid + 1, counters.messages() + 1, counters.bytes() + size,
                counters.unseen() + 1 - seen(flags), counters.deleted() + deleted(flags));
        long millis = internalDate.toEpochMilli();
        if (state != null) {
            state.table.add(new Entry(uid, base, info, flags, modSeq, Instant.ofEpochMilli(millis), size));
        }
        return new LogRecord.Added(counters, uid, size, millis, base, info);
    }

    LogRecord.FlagsChanged changeFlags(Entry entry, String newInfo) {
        Flags before = entry.flags();
        Flags after = keywords.map().flags(newInfo);
        long modSeq = counters.highestModSeq() + 1;
        counters = new Counters(modSeq, counters.nextUid(), counters.messages(), counters.bytes(),
                counters.unseen() + seen(before) - seen(after), counters.deleted() - deleted(before) + deleted(after));
        entry.change(newInfo, after, modSeq);
        return new LogRecord.FlagsChanged(counters, entry.uid, newInfo);
    }

    /** Marks an entry expunged; {@link #commit} removes marked entries from the table in one pass. */
    LogRecord.Expunged expunge(Entry entry) {
        long modSeq = counters.highestModSeq() + 1;
        counters = new Counters(modSeq, counters.nextUid(), counters.messages() - 1, counters.bytes() - entry.size(),
                counters.unseen() - 1 + seen(entry.flags()), counters.deleted() - deleted(entry.flags()));
        entry.expunged = true;
        state.remember(entry.uid, modSeq);
        return new LogRecord.Expunged(counters, entry.uid);
    }

    private static int seen(Flags flags) {
        return flags.contains(Flags.SystemFlag.SEEN) ? 1 : 0;
    }

    private static int deleted(Flags flags) {
        return flags.contains(Flags.SystemFlag.DELETED) ? 1 : 0;
    }

    LogRecord.Stamp stampRecord(long newMtime, long curMtime) {
        return new LogRecord.Stamp(counters, newMtime, curMtime);
    }

    /**
     * After a change of our own to {@code cur/}: its new time is not proof that nothing else
     * changed in the same clock tick, so it is listed again once the directory is quiet.
     */
    void touchedCur() {
        if (state == null) {
            return;
        }
        try {
            stamps.curListed(FolderSync.mtime(cur()), false);
        } catch (IOException e) {
            stamps.forget();
        }
    }

    /**
     * Logs changes already made to the files; with {@code durable} they are on disk when
     * this returns. On failure the in-memory state is dropped and reread from the files.
     */
    void commit(List<LogRecord> records, boolean durable) {
        if (records.isEmpty()) {
            return;
        }
        if (state != null) {
            state.removeExpunged();
        }
        try {
            changeLog.append(records, context.files, durable);
            if (records.stream().anyMatch(r -> !(r instanceof LogRecord.Stamp))) {
                account.changed(this);
            }
            compactIfDue();
        } catch (IOException e) {
            invalidate();
            throw StoreContext.storageFailure("updating the index of mailbox " + name, e);
        }
    }

    /**
     * Folds the log into a new checkpoint once it is large against the mailbox: first a
     * record announcing it, then the checkpoint, then a fresh log (see {@link #finishCompaction}).
     */
    private void compactIfDue() throws IOException {
        long logBytes = changeLog.length() - changeLog.headerEnd();
        if (logBytes < Math.max(context.compactAfterBytes, counters.messages() * 64)) {
            return;
        }
        loadFull();
        if (state == null) {
            return;
        }
        long next = generation + 1;
        changeLog.append(List.of(new LogRecord.Compacting(counters, next)), context.files, true);
        state.writeCheckpoint(dir, uidValidity, counters, next, stamps, context.files);
        replaceLog(next);
    }

    // ---- answers; the messages must be loaded ----

    MailboxSnapshot snapshot() {
        return state.snapshot(uidValidity, counters);
    }

    MailboxChanges changesSince(long modSeq) {
        return state.changesSince(modSeq, counters);
    }

    MailboxStatus status() {
        return new MailboxStatus(counters.messages(), counters.unseen(), counters.nextUid(), uidValidity,
                counters.highestModSeq(), counters.bytes(), counters.deleted());
    }

    /** Drops what this folder holds; the files stay as they are. */
    void close() {
        closeLog();
        state = null;
    }
}
