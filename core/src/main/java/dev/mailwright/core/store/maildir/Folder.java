package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MailboxStatus;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of one Maildir folder as this store knows it, shared by every handle on the
 * folder. Two levels: the counters (UIDVALIDITY, next UID, highest MODSEQ, totals), read
 * from the last log record, are enough to append; the message table is loaded from the
 * checkpoint and log only when a mailbox is selected or asked for its status. Every
 * method runs under the account lock, after {@link #refresh()} brought the state up to
 * date with the files (another process may have changed them).
 */
final class Folder {

    private static final Logger log = LoggerFactory.getLogger(Folder.class);

    /** Expunged UIDs remembered for QRESYNC; older ones are forgotten. */
    static final int MAX_TOMBSTONES = 100_000;

    static final String SPECIAL_USE_FILE = "mailwright-special-use";

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

    private MessageTable table;
    private String guid;
    private TreeMap<Long, Long> tombstones;
    private long forgottenUpTo;
    private KeywordMap keywords = KeywordMap.EMPTY;
    private FileStamp keywordsDisk;
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
        table = null;
        closeLog();
        context.watcher.unwatch(this);
    }

    long uidValidity() {
        return uidValidity;
    }

    Counters counters() {
        return counters;
    }

    /** The message table; {@link #loadFull()} first. */
    MessageTable table() {
        return table;
    }

    // ---- keeping up with the files ----

    /**
     * Brings the counters (and the table, if loaded) up to date with the log on disk.
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
                long known = uidValidity;
                closeLog();
                boolean wasFull = table != null;
                table = null;
                openLog();
                if (uidValidity != known) {
                    markGone();
                    throw MailStoreException.noSuchMailbox(name);
                }
                if (wasFull) {
                    loadFull();
                }
            } else if (disk.size() > changeLog.length()) {
                if (table != null) {
                    replay(changeLog.length());
                } else {
                    LogRecord last = changeLog.readLast();
                    if (last != null) {
                        counters = last.counters();
                        if (last instanceof LogRecord.Compacting c) {
                            finishCompaction(c);
                        }
                    }
                }
            }
            refreshKeywords();
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
                return;
            }
            // A Maildir made by another program (or an older copy of this one): index it from scratch.
            createIndex(account.newUidValidity(0));
            return;
        } catch (FolderLog.DamagedException e) {
            rebuild(e.getMessage());
            return;
        }
        LogCodec.Header header = changeLog.header();
        uidValidity = header.uidValidity();
        generation = header.generation();
        try {
            LogRecord last = changeLog.readLast();
            counters = last == null ? header.counters() : last.counters();
            if (last instanceof LogRecord.Compacting c) {
                finishCompaction(c);
            }
        } catch (IOException e) {
            closeLog();
            throw e;
        }
    }

    /** Writes an empty index for a folder directory: checkpoint first, then the log that names it. */
    private void createIndex(long newUidValidity) throws IOException {
        closeLog();
        long nextGeneration = generation + 1;
        guid = UUID.randomUUID().toString().replace("-", "");
        table = new MessageTable();
        tombstones = new TreeMap<>();
        forgottenUpTo = 0;
        counters = Counters.EMPTY;
        uidValidity = newUidValidity;
        stamps.forget();
        Checkpoint.write(dir, checkpointHeader(nextGeneration), table, tombstones, context.files);
        try {
            changeLog = FolderLog.create(dir, new LogCodec.Header(nextGeneration, uidValidity, counters), context.files);
        } catch (FolderLog.DamagedException e) {
            throw new IOException("a freshly written log is unreadable", e);
        }
        generation = nextGeneration;
        keywords = KeywordMap.read(dir);
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
        table = null;
    }

    private void closeLog() {
        if (changeLog != null) {
            try {
                changeLog.close();
            } catch (IOException e) {
                log.debug("closing the log of {} failed", name, e);
            }
            changeLog = null;
        }
    }

    /** Loads the message table: the checkpoint, then the log replayed on it. */
    void loadFull() {
        if (table != null) {
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
            if ((header.generation() != generation && !compactionCrashed) || header.uidValidity() != uidValidity) {
                rebuild("checkpoint and log do not match");
                return;
            }
            keywords = KeywordMap.read(dir);
            keywordsDisk = keywordsDisk();
            table = new MessageTable();
            for (Checkpoint.Message m : checkpoint.messages()) {
                table.add(new Entry(m.uid(), m.base(), m.info(), keywords.flags(m.info()), m.modSeq(),
                        Instant.ofEpochMilli(m.internalDate()), m.size()));
            }
            tombstones = checkpoint.tombstones();
            forgottenUpTo = header.forgottenUpTo();
            guid = header.guid();
            stamps.persisted(header.newMtime(), header.curMtime());
            if (compactionCrashed) {
                counters = computeCounters(header.highestModSeq(), header.nextUid());
                closeLog();
                changeLog = FolderLog.create(dir, new LogCodec.Header(header.generation(), uidValidity, counters), context.files);
                generation = header.generation();
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
        boolean[] expunged = new boolean[1];
        changeLog.replay(from, record -> {
            apply(record);
            last[0] = record;
            expunged[0] |= record instanceof LogRecord.Expunged;
        });
        if (expunged[0]) {
            table.removeIf(e -> e.expunged);
        }
        if (last[0] != null) {
            counters = last[0].counters();
            if (last[0] instanceof LogRecord.Compacting c) {
                finishCompaction(c);
            }
        } else if (from == changeLog.headerEnd()) {
            counters = changeLog.header().counters();
        }
    }

    private void apply(LogRecord record) {
        if (record instanceof LogRecord.Added a) {
            if (table.find(a.uid()) == null) {
                table.add(new Entry(a.uid(), a.base(), a.info(), keywords.flags(a.info()), a.counters().highestModSeq(),
                        Instant.ofEpochMilli(a.internalDate()), a.size()));
            }
        } else if (record instanceof LogRecord.FlagsChanged f) {
            Entry e = table.find(f.uid());
            if (e != null) {
                e.change(f.info(), keywords.flags(f.info()), f.counters().highestModSeq());
            }
        } else if (record instanceof LogRecord.Expunged x) {
            Entry e = table.find(x.uid());
            if (e != null) {
                e.expunged = true;
            }
            remember(x.uid(), x.counters().highestModSeq());
        } else if (record instanceof LogRecord.Stamp s) {
            stamps.persisted(s.newMtime(), s.curMtime());
        }
    }

    /**
     * A compaction record ends the log. If its checkpoint was written, the compaction
     * stopped before replacing the log (a crash): replace it now, before anything is
     * appended to a log that the checkpoint has superseded.
     */
    private void finishCompaction(LogRecord.Compacting c) throws IOException {
        Checkpoint.Header written = Checkpoint.readHeader(dir).orElse(null);
        if (written == null || written.generation() != c.generation()) {
            return;
        }
        closeLog();
        try {
            changeLog = FolderLog.create(dir, new LogCodec.Header(c.generation(), uidValidity, c.counters()), context.files);
        } catch (FolderLog.DamagedException e) {
            throw new IOException("a freshly written log is unreadable", e);
        }
        generation = c.generation();
        counters = c.counters();
    }

    private Counters computeCounters(long highestModSeq, long nextUid) {
        long bytes = 0;
        long unseen = 0;
        long deleted = 0;
        for (int i = 0; i < table.size(); i++) {
            Entry e = table.get(i);
            bytes += e.size();
            unseen += e.flags().contains(Flags.SystemFlag.SEEN) ? 0 : 1;
            deleted += e.flags().contains(Flags.SystemFlag.DELETED) ? 1 : 0;
        }
        return new Counters(highestModSeq, nextUid, table.size(), bytes, unseen, deleted);
    }

    private void remember(long uid, long modSeq) {
        tombstones.put(uid, modSeq);
        if (tombstones.size() > MAX_TOMBSTONES) {
            // Forget the older half at once, so that the cost is paid rarely.
            long[] modSeqs = tombstones.values().stream().mapToLong(Long::longValue).sorted().toArray();
            long cutoff = modSeqs[modSeqs.length / 2];
            tombstones.values().removeIf(m -> m <= cutoff);
            forgottenUpTo = Math.max(forgottenUpTo, cutoff);
        }
    }

    // ---- keywords ----

    KeywordMap keywords() {
        return keywords;
    }

    private FileStamp keywordsDisk() throws IOException {
        return FileStamp.of(dir.resolve(KeywordMap.FILE));
    }

    /** Rereads the keyword file if another program replaced it; letters keep their meaning. */
    private void refreshKeywords() throws IOException {
        if (table == null) {
            return;
        }
        FileStamp disk = keywordsDisk();
        if (!java.util.Objects.equals(disk, keywordsDisk)) {
            keywords = KeywordMap.read(dir);
            keywordsDisk = disk;
            for (int i = 0; i < table.size(); i++) {
                Entry e = table.get(i);
                Flags flags = keywords.flags(e.info());
                if (!flags.equals(e.flags())) {
                    e.change(e.info(), flags, e.modSeq());
                }
            }
        }
    }

    /**
     * A map with letters for every keyword of {@code flags}, writing the keyword file if
     * it grows. Rereads the file first, so that letters another process added are kept.
     *
     * @throws MailStoreException {@code LIMIT} beyond 26 keywords
     */
    KeywordMap defineKeywords(Collection<String> needed) {
        if (keywords.defines(needed)) {
            return keywords;
        }
        try {
            KeywordMap current = KeywordMap.read(dir);
            KeywordMap grown = current.with(needed);
            if (grown != current) {
                context.files.replace(dir.resolve(KeywordMap.FILE), grown.toBytes());
            }
            keywords = grown;
            keywordsDisk = keywordsDisk();
            return grown;
        } catch (IOException e) {
            throw StoreContext.storageFailure("defining keywords in mailbox " + name, e);
        }
    }

    // ---- changes: each updates counters and table, and returns the record to log ----

    LogRecord.Added register(String base, String info, long size, Instant internalDate) {
        Flags flags = keywords.flags(info);
        long uid = counters.nextUid();
        if (uid > UidSet.MAX_UID) {
            throw new MailStoreException(MailStoreException.Reason.LIMIT, "mailbox " + name + " has used up its UIDs");
        }
        long modSeq = counters.highestModSeq() + 1;
        counters = new Counters(modSeq, uid + 1, counters.messages() + 1, counters.bytes() + size,
                counters.unseen() + (flags.contains(Flags.SystemFlag.SEEN) ? 0 : 1),
                counters.deleted() + (flags.contains(Flags.SystemFlag.DELETED) ? 1 : 0));
        long millis = internalDate.toEpochMilli();
        if (table != null) {
            table.add(new Entry(uid, base, info, flags, modSeq, Instant.ofEpochMilli(millis), size));
        }
        return new LogRecord.Added(counters, uid, size, millis, base, info);
    }

    LogRecord.FlagsChanged changeFlags(Entry entry, String newInfo) {
        Flags before = entry.flags();
        Flags after = keywords.flags(newInfo);
        long modSeq = counters.highestModSeq() + 1;
        counters = new Counters(modSeq, counters.nextUid(), counters.messages(), counters.bytes(),
                counters.unseen() + seenDelta(before) - seenDelta(after),
                counters.deleted() - deletedDelta(before) + deletedDelta(after));
        entry.change(newInfo, after, modSeq);
        return new LogRecord.FlagsChanged(counters, entry.uid, newInfo);
    }

    /** Marks an entry expunged; the caller removes marked entries from the table in one pass. */
    LogRecord.Expunged expunge(Entry entry) {
        long modSeq = counters.highestModSeq() + 1;
        counters = new Counters(modSeq, counters.nextUid(), counters.messages() - 1, counters.bytes() - entry.size(),
                counters.unseen() - (entry.flags().contains(Flags.SystemFlag.SEEN) ? 0 : 1),
                counters.deleted() - deletedDelta(entry.flags()));
        entry.expunged = true;
        remember(entry.uid, modSeq);
        return new LogRecord.Expunged(counters, entry.uid);
    }

    private static int seenDelta(Flags flags) {
        return flags.contains(Flags.SystemFlag.SEEN) ? 1 : 0;
    }

    private static int deletedDelta(Flags flags) {
        return flags.contains(Flags.SystemFlag.DELETED) ? 1 : 0;
    }

    /**
     * After a change of our own to {@code cur/}: its new time is not proof that nothing else
     * changed in the same clock tick, so it is listed again once the directory is quiet.
     */
    void touchedCur() {
        if (table == null) {
            return;
        }
        try {
            stamps.curListed(FolderSync.mtime(cur()), false);
        } catch (IOException e) {
            stamps.forget();
        }
    }

    LogRecord.Stamp stampRecord(long newMtime, long curMtime) {
        return new LogRecord.Stamp(counters, newMtime, curMtime);
    }

    /**
     * Logs changes already made to the files; with {@code durable} they are on disk when
     * this returns. On failure the in-memory state is dropped and reread from the files.
     */
    void commit(List<LogRecord> records, boolean durable) {
        if (records.isEmpty()) {
            return;
        }
        if (table != null) {
            table.removeIf(e -> e.expunged);
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

    private void compactIfDue() throws IOException {
        long logBytes = changeLog.length() - changeLog.headerEnd();
        if (logBytes < Math.max(context.compactAfterBytes, counters.messages() * 64)) {
            return;
        }
        loadFull();
        if (table == null) {
            return;
        }
        long next = generation + 1;
        changeLog.append(List.of(new LogRecord.Compacting(counters, next)), context.files, true);
        Checkpoint.write(dir, checkpointHeader(next), table, tombstones, context.files);
        closeLog();
        try {
            changeLog = FolderLog.create(dir, new LogCodec.Header(next, uidValidity, counters), context.files);
        } catch (FolderLog.DamagedException e) {
            throw new IOException("a freshly written log is unreadable", e);
        }
        generation = next;
    }

    private Checkpoint.Header checkpointHeader(long nextGeneration) {
        return new Checkpoint.Header(uidValidity, counters.nextUid(), guid, counters.highestModSeq(), nextGeneration,
                forgottenUpTo, stamps.persistedNew(), stamps.persistedCur());
    }

    // ---- answers ----

    MailboxSnapshot snapshot() {
        List<MessageInfo> messages = new ArrayList<>(table.size());
        for (int i = 0; i < table.size(); i++) {
            messages.add(table.get(i).message());
        }
        return new MailboxSnapshot(uidValidity, counters.nextUid(), counters.highestModSeq(), messages);
    }

    MailboxChanges changesSince(long modSeq) {
        List<MessageInfo> changed = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            Entry e = table.get(i);
            if (e.modSeq() > modSeq) {
                changed.add(e.message());
            }
        }
        UidSet.Builder vanished = UidSet.builder();
        for (Map.Entry<Long, Long> t : tombstones.entrySet()) {
            if (t.getValue() > modSeq) {
                vanished.add(t.getKey());
            }
        }
        return new MailboxChanges(counters.highestModSeq(), counters.nextUid(), changed, vanished.build(),
                modSeq >= forgottenUpTo);
    }

    MailboxStatus status() {
        return new MailboxStatus(counters.messages(), counters.unseen(), counters.nextUid(), uidValidity,
                counters.highestModSeq(), counters.bytes(), counters.deleted());
    }

    void close() {
        closeLog();
    }
}
