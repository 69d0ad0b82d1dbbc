package dev.mailwright.core.store.memory;

import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.SpecialUse;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArraySet;

/** One mailbox's state; guarded by its account's lock, except the listener set. */
final class MailboxData {

    /** Expunged UIDs remembered for QRESYNC; older ones are forgotten. */
    static final int MAX_TOMBSTONES = 100_000;

    /** A message: its metadata and bytes. */
    record Message(MessageInfo info, byte[] bytes) {}

    MailboxName name;
    Set<SpecialUse> specialUse;
    final long uidValidity;
    long uidNext = 1;
    long highestModSeq = 1;
    final TreeMap<Long, Message> messages = new TreeMap<>();
    /** Expunged UID to the MODSEQ of its expunge. */
    final TreeMap<Long, Long> tombstones = new TreeMap<>();
    /** Expunges at or below this MODSEQ may have been forgotten. */
    long tombstonesForgottenUpTo;
    boolean deleted;
    final Set<MailboxListener> listeners = new CopyOnWriteArraySet<>();

    MailboxData(MailboxName name, Set<SpecialUse> specialUse, long uidValidity) {
        this.name = name;
        this.specialUse = Set.copyOf(specialUse);
        this.uidValidity = uidValidity;
    }

    long nextModSeq() {
        return ++highestModSeq;
    }

    void remember(long uid, long modSeq) {
        tombstones.put(uid, modSeq);
        if (tombstones.size() > MAX_TOMBSTONES) {
            // Forget the older half at once, so that the cost is paid rarely.
            long[] modSeqs = tombstones.values().stream().mapToLong(Long::longValue).sorted().toArray();
            long cutoff = modSeqs[modSeqs.length / 2];
            tombstones.values().removeIf(m -> m <= cutoff);
            tombstonesForgottenUpTo = Math.max(tombstonesForgottenUpTo, cutoff);
        }
    }

    long size() {
        long size = 0;
        for (Message m : messages.values()) {
            size += m.info().size();
        }
        return size;
    }
}
