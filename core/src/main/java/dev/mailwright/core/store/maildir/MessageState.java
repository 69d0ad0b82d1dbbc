package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A folder's messages as loaded from its checkpoint and log: the message table and the
 * expunge history that QRESYNC asks about (RFC 7162 §3.2.5.1). Guarded by the account lock.
 */
final class MessageState {

    /** Expunged UIDs remembered for QRESYNC; older ones are forgotten. */
    static final int MAX_TOMBSTONES = 100_000;

    final MessageTable table = new MessageTable();
    final String guid;
    /** Expunged UID to the MODSEQ of its expunge. */
    private final TreeMap<Long, Long> tombstones;
    /** Expunges at or below this MODSEQ may have been forgotten. */
    private long forgottenUpTo;

    private MessageState(String guid, TreeMap<Long, Long> tombstones, long forgottenUpTo) {
        this.guid = guid;
        this.tombstones = tombstones;
        this.forgottenUpTo = forgottenUpTo;
    }

    /** A new, empty folder, with a fresh mailbox GUID. */
    static MessageState empty() {
        return new MessageState(UUID.randomUUID().toString().replace("-", ""), new TreeMap<>(), 0);
    }

    static MessageState from(Checkpoint.Contents checkpoint, KeywordMap keywords) {
        Checkpoint.Header header = checkpoint.header();
        MessageState state = new MessageState(header.guid(), checkpoint.tombstones(), header.forgottenUpTo());
        for (Checkpoint.Message m : checkpoint.messages()) {
            state.table.add(new Entry(m.uid(), m.base(), m.info(), keywords.flags(m.info()), m.modSeq(),
                    Instant.ofEpochMilli(m.internalDate()), m.size()));
        }
        return state;
    }

    /** Replays one logged change; expunged entries stay in the table until {@link #removeExpunged}. */
    void apply(LogRecord record, KeywordMap keywords) {
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
        }
    }

    void removeExpunged() {
        table.removeIf(e -> e.expunged);
    }

    void remember(long uid, long modSeq) {
        tombstones.put(uid, modSeq);
        if (tombstones.size() > MAX_TOMBSTONES) {
            // Forget the older half at once, so that the cost is paid rarely.
            long[] modSeqs = tombstones.values().stream().mapToLong(Long::longValue).sorted().toArray();
            long cutoff = modSeqs[modSeqs.length / 2];
            tombstones.values().removeIf(m -> m <= cutoff);
            forgottenUpTo = Math.max(forgottenUpTo, cutoff);
        }
    }

    /** Decodes every entry's flags again, after the keyword file changed under us. */
    void redecode(KeywordMap keywords) {
        for (int i = 0; i < table.size(); i++) {
            Entry e = table.get(i);
            Flags flags = keywords.flags(e.info());
            if (!flags.equals(e.flags())) {
                e.change(e.info(), flags, e.modSeq());
            }
        }
    }

    /** The counters the table implies, with the two that only the log knows. */
    Counters counters(long highestModSeq, long nextUid) {
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

    void writeCheckpoint(Path dir, long uidValidity, Counters counters, long generation, DirectoryStamps stamps,
            DurableFiles files) throws IOException {
        Checkpoint.write(dir, new Checkpoint.Header(uidValidity, counters.nextUid(), guid, counters.highestModSeq(),
                generation, forgottenUpTo, stamps.persistedNew(), stamps.persistedCur()), table, tombstones, files);
    }

    MailboxSnapshot snapshot(long uidValidity, Counters counters) {
        List<MessageInfo> messages = new ArrayList<>(table.size());
        for (int i = 0; i < table.size(); i++) {
            messages.add(table.get(i).message());
        }
        return new MailboxSnapshot(uidValidity, counters.nextUid(), counters.highestModSeq(), messages);
    }

    MailboxChanges changesSince(long modSeq, Counters counters) {
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
}
