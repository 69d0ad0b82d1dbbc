package dev.mailwright.core.store.maildir;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a folder's index in line with what other programs did to its directories:
 * messages they delivered to {@code new/} are moved to {@code cur/} and get UIDs, flag
 * letters they changed by renaming are read back, and files they deleted are expunged.
 * Directories are listed only when their modification time says they changed (see
 * {@link DirectoryStamps}), so a quiet mailbox costs two {@code stat} calls.
 *
 * <p>{@code readdir} may miss a file renamed during the listing, so a listing counts as
 * complete only if the directory's time was the same before and after it and the directory
 * had been quiet; a message missing from an incomplete listing is not expunged until a
 * complete one confirms it (at the latest one quiet period later).
 */
final class FolderSync {

    private static final Logger log = LoggerFactory.getLogger(FolderSync.class);
    private static final int LISTING_ATTEMPTS = 3;

    private final Folder folder;
    private final StoreContext context;
    private final List<LogRecord> records = new ArrayList<>();
    private boolean ownCurChange;

    private FolderSync(Folder folder) {
        this.folder = folder;
        this.context = folder.account.context;
    }

    /**
     * Syncs a folder whose table is loaded. With {@code force}, both directories are
     * listed whatever their times say (a file the index names has moved).
     */
    static void sync(Folder folder, boolean force) {
        try {
            new FolderSync(folder).run(force);
        } catch (IOException e) {
            folder.invalidate();
            throw StoreContext.storageFailure("reading mailbox " + folder.name, e);
        }
    }

    private void run(boolean force) throws IOException {
        long now = System.currentTimeMillis() * 1_000_000L;
        long newMtime = mtime(folder.newDir());
        long curMtime = mtime(folder.cur());
        DirectoryStamps stamps = folder.stamps;
        boolean listNew = force || stamps.newNeedsListing(newMtime, now);
        boolean listCur = force || stamps.curNeedsListing(curMtime, now);
        if (!listNew && !listCur) {
            return;
        }
        Map<String, Entry> byBase = folder.table().byBase();
        if (listNew) {
            pickUpNew(byBase, newMtime, now);
        }
        if (listCur) {
            reconcileCur(byBase, now);
        } else if (ownCurChange) {
            stamps.curListed(mtime(folder.cur()), false);
        }
        boolean changed = !records.isEmpty();
        if (changed) {
            context.files.syncDirectory(folder.cur());
        }
        long[] stamp = stamps.unpersisted();
        if (stamp != null) {
            records.add(folder.stampRecord(stamp[0], stamp[1]));
        }
        folder.commit(records, changed);
    }

    private void pickUpNew(Map<String, Entry> byBase, long mtimeBefore, long now) throws IOException {
        String[] names = list(folder.newDir());
        Arrays.sort(names);
        boolean moved = false;
        for (String name : names) {
            if (name.startsWith(".")) {
                continue;
            }
            Path source = folder.newDir().resolve(name);
            BasicFileAttributes attributes = regularFile(source);
            if (attributes == null) {
                continue;
            }
            MessageFileName parsed = MessageFileName.parse(name);
            if (adopt(source, parsed, attributes, byBase)) {
                moved = true;
            }
        }
        if (moved) {
            context.files.syncDirectory(folder.newDir());
            folder.stamps.newListed(mtime(folder.newDir()), false);
            ownCurChange = true;
        } else {
            long after = mtime(folder.newDir());
            folder.stamps.newListed(after, after == mtimeBefore && DirectoryStamps.isQuiet(after, now));
        }
    }

    private void reconcileCur(Map<String, Entry> byBase, long now) throws IOException {
        Path cur = folder.cur();
        long before = mtime(cur);
        String[] names = list(cur);
        long after = mtime(cur);
        for (int attempt = 1; attempt < LISTING_ATTEMPTS && after != before; attempt++) {
            before = after;
            names = list(cur);
            after = mtime(cur);
        }
        // A file renamed during the listing may be missing from it. The listing is complete if the
        // directory did not change while it ran, and had been quiet for long enough that a change
        // in the same clock tick as the first look cannot hide behind an unchanged time.
        boolean complete = after == before && DirectoryStamps.isQuiet(after, now);
        Map<String, String> listed = new HashMap<>(names.length * 2);
        for (String name : names) {
            if (!name.startsWith(".")) {
                listed.merge(MessageFileName.parse(name).base(), name,
                        (a, b) -> MessageFileName.isCanonical(a) ? a : b);
            }
        }
        boolean deferred = false;
        MessageTable table = folder.table();
        for (int i = 0; i < table.size(); i++) {
            Entry entry = table.get(i);
            String file = listed.remove(entry.base);
            if (file == null) {
                if (complete) {
                    records.add(folder.expunge(entry));
                } else {
                    deferred = true;
                }
            } else if (!file.equals(entry.fileName())) {
                String info = MessageFileName.parse(file).info();
                if (!MessageFileName.isCanonical(file)) {
                    DurableFiles.move(cur.resolve(file), cur.resolve(entry.base + MessageFileName.INFO_SEPARATOR + info));
                    ownCurChange = true;
                }
                if (!info.equals(entry.info())) {
                    records.add(folder.changeFlags(entry, info));
                }
            }
        }
        // What is left is mail another program put straight into cur/ (or ours, unlogged before a crash).
        List<String> unknown = new ArrayList<>(listed.values());
        Collections.sort(unknown);
        for (String name : unknown) {
            Path file = cur.resolve(name);
            BasicFileAttributes attributes = regularFile(file);
            if (attributes != null) {
                adopt(file, MessageFileName.parse(name), attributes, byBase);
            }
        }
        if (ownCurChange) {
            folder.stamps.curListed(mtime(cur), false);
        } else {
            folder.stamps.curListed(after, complete && !deferred);
        }
    }

    /**
     * Gives a file a UID, moving it into {@code cur/} under its canonical name first. A
     * base name the index already uses (a copy of a file, a restored backup) is replaced by a
     * fresh one, so two messages never share a base.
     */
    private boolean adopt(Path file, MessageFileName parsed, BasicFileAttributes attributes, Map<String, Entry> byBase)
            throws IOException {
        String base = parsed.base();
        for (int attempt = 0; attempt < 2; attempt++) {
            if (byBase.containsKey(base)) {
                base = context.namer.uniqueName() + ",S=" + attributes.size();
            }
            Path target = folder.cur().resolve(base + MessageFileName.INFO_SEPARATOR + parsed.info());
            if (!target.equals(file)) {
                try {
                    MessageFiles.place(file, target, false);
                } catch (NoSuchFileException e) {
                    return false; // Another program took it meanwhile.
                } catch (FileAlreadyExistsException e) {
                    byBase.put(base, null);
                    continue;
                }
                ownCurChange = true;
            }
            LogRecord.Added added = folder.register(base, parsed.info(), attributes.size(),
                    attributes.lastModifiedTime().toInstant());
            byBase.put(base, folder.table().find(added.uid()));
            records.add(added);
            return true;
        }
        log.warn("could not find a free name for a message file in {}", folder.name);
        return false;
    }

    private static BasicFileAttributes regularFile(Path file) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            // Symbolic links could point anywhere, also at another account's mail: never index them.
            return attributes.isRegularFile() ? attributes : null;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    static long mtime(Path directory) throws IOException {
        java.time.Instant t = Files.getLastModifiedTime(directory, LinkOption.NOFOLLOW_LINKS).toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static String[] list(Path directory) throws IOException {
        // File.list() gives plain names without a Path object each: much cheaper for 100,000 files.
        String[] names = directory.toFile().list();
        if (names == null) {
            throw new IOException("cannot list " + directory.getFileName());
        }
        return names;
    }
}
