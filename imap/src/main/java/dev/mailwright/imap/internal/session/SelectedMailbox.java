package dev.mailwright.imap.internal.session;

import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.Subscription;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.protocol.SequenceSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The selected mailbox as one session sees it: the sequence-number map (a sorted array of
 * UIDs, packed as unsigned ints), the MODSEQ up to which the client has been told about
 * changes, and expunges waiting until they may be announced (RFC 3501 §7.4.1: never
 * during FETCH, STORE or SEARCH). The store's change events only raise a flag; the work of
 * finding out what changed happens when updates may be sent.
 */
public final class SelectedMailbox implements AutoCloseable {

    private final Mailbox mailbox;
    private final MailboxName name;
    private final boolean readOnly;
    private final AtomicBoolean changed = new AtomicBoolean();
    private final Subscription watch;
    private int[] uids;
    private int count;
    private long modSeq;
    private long uidNext;
    /** Expunged elsewhere, still in {@link #uids} until announced; ascending. */
    private UidSet pendingExpunge = UidSet.EMPTY;
    private UidSet savedResult = UidSet.EMPTY;
    /** MODSEQ of flag states this session already sent for a message, so its own changes are not echoed. */
    private final Map<Long, Long> reported = new HashMap<>();

    /**
     * Opens the view. {@code onChange} runs on a store thread after every change to the
     * mailbox; it must only schedule work.
     */
    public SelectedMailbox(Mailbox mailbox, boolean readOnly, Runnable onChange) {
        this.mailbox = mailbox;
        this.readOnly = readOnly;
        // Watch before the snapshot: a change in between is then seen twice, never missed.
        this.watch = mailbox.watch(n -> {
            changed.set(true);
            onChange.run();
        });
        MailboxSnapshot snapshot = mailbox.snapshot();
        this.name = mailbox.name();
        List<MessageInfo> messages = snapshot.messages();
        this.uids = new int[Math.max(16, messages.size())];
        for (MessageInfo m : messages) {
            uids[count++] = (int) m.uid();
        }
        this.modSeq = snapshot.highestModSeq();
        this.uidNext = snapshot.uidNext();
        this.initial = snapshot;
    }

    private MailboxSnapshot initial;

    /** The snapshot the view was built from, once, for SELECT's responses; null afterwards. */
    public MailboxSnapshot takeInitialSnapshot() {
        MailboxSnapshot s = initial;
        initial = null;
        return s;
    }

    public Mailbox mailbox() {
        return mailbox;
    }

    public MailboxName name() {
        return name;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return mailbox.uidValidity();
    }

    /** Messages the client knows of. */
    public int count() {
        return count;
    }

    /** The UID of message {@code seq} (1-based). */
    public long uid(int seq) {
        return Integer.toUnsignedLong(uids[seq - 1]);
    }

    /** The largest UID the client knows of, or 0. */
    public long lastUid() {
        return count == 0 ? 0 : uid(count);
    }

    /** The sequence number of a UID, or 0 when the client does not know it. */
    public int seq(long uid) {
        int i = indexOf(uid);
        return i < 0 ? 0 : i + 1;
    }

    private int indexOf(long uid) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long v = Integer.toUnsignedLong(uids[mid]);
            if (v < uid) {
                lo = mid + 1;
            } else if (v > uid) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    /** The first index whose UID is at least {@code uid}. */
    private int lowerBound(long uid) {
        int i = indexOf(uid);
        return i >= 0 ? i : -i - 1;
    }

    public long highestModSeq() {
        return modSeq;
    }

    public long uidNext() {
        return uidNext;
    }

    /** Whether an expunge by another session is waiting to be announced. */
    public boolean isPendingExpunge(long uid) {
        return pendingExpunge.contains(uid);
    }

    /**
     * The UIDs of the messages a sequence set addresses, as sequence numbers or as UIDs.
     * Sequence numbers beyond the mailbox are an error (RFC 9051 §6.4.4); UIDs that the
     * client does not know are left out.
     */
    public UidSet resolve(SequenceSet set, boolean byUid) throws ImapException {
        UidSet.Builder out = UidSet.builder();
        if (set.isSaved()) {
            // "$" names the saved UIDs, whatever the command's form (RFC 5182 §2.1).
            for (long uid : savedResult) {
                if (indexOf(uid) >= 0) {
                    out.add(uid);
                }
            }
            return out.build();
        }
        if (byUid) {
            UidSet wanted = set.resolve(lastUid());
            for (int r = 0; r < wanted.rangeCount(); r++) {
                long end = wanted.rangeEnd(r);
                for (int i = lowerBound(wanted.rangeStart(r)); i < count && Integer.toUnsignedLong(uids[i]) <= end; i++) {
                    out.add(Integer.toUnsignedLong(uids[i]));
                }
            }
            return out.build();
        }
        UidSet seqs = set.resolve(count);
        if (!seqs.isEmpty() && seqs.max() > count) {
            throw ImapException.bad("Invalid message sequence number: " + seqs.max() + " (mailbox has " + count + ")");
        }
        for (int r = 0; r < seqs.rangeCount(); r++) {
            for (long s = seqs.rangeStart(r); s <= seqs.rangeEnd(r); s++) {
                out.add(uid((int) s));
            }
        }
        return out.build();
    }

    /** Every UID the client knows of. */
    public UidSet all() {
        UidSet.Builder b = UidSet.builder();
        for (int i = 0; i < count; i++) {
            b.add(Integer.toUnsignedLong(uids[i]));
        }
        return b.build();
    }

    /** The result of the last SEARCH ... RETURN (SAVE), as UIDs (RFC 5182). */
    public void saveResult(UidSet uids) {
        this.savedResult = uids;
    }

    /** Notes a flag state this session is sending itself. */
    public void reported(long uid, long messageModSeq) {
        // Only a state newer than what sync() has seen could be sent again by it.
        if (messageModSeq > modSeq) {
            reported.merge(uid, messageModSeq, Math::max);
        }
    }

    /** Whether a change event arrived that {@link #sync} has not looked at. */
    public boolean hasChanges() {
        return changed.get() || !pendingExpunge.isEmpty();
    }

    /** How updates are worded for this client. */
    public record Wording(boolean expungeAllowed, boolean vanished, boolean withUid, boolean withModSeq) {}

    /**
     * Sends what changed since the client was last told: EXPUNGE (or VANISHED) when
     * allowed, EXISTS for new messages, FETCH FLAGS for flag changes made elsewhere.
     */
    public void sync(ResponseWriter out, Wording wording) {
        List<MessageInfo> flagChanges = new ArrayList<>();
        boolean grew = false;
        if (changed.getAndSet(false)) {
            MailboxChanges changes = mailbox.changesSince(modSeq);
            UidSet.Builder gone = UidSet.builder().addAll(pendingExpunge);
            for (long uid : changes.vanished()) {
                if (indexOf(uid) >= 0) {
                    gone.add(uid);
                }
            }
            if (!changes.vanishedComplete()) {
                UidSet present = UidSet.of(mailbox.snapshot().messages().stream().map(MessageInfo::uid).toList());
                for (int i = 0; i < count; i++) {
                    long uid = Integer.toUnsignedLong(uids[i]);
                    if (!present.contains(uid)) {
                        gone.add(uid);
                    }
                }
            }
            pendingExpunge = gone.build();
            long last = lastUid();
            for (MessageInfo m : changes.changed()) {
                if (m.uid() > last) {
                    append(m.uid());
                    last = m.uid();
                    grew = true;
                } else if (!pendingExpunge.contains(m.uid()) && indexOf(m.uid()) >= 0
                        && m.modSeq() > reported.getOrDefault(m.uid(), 0L)) {
                    flagChanges.add(m);
                }
            }
            reported.clear();
            modSeq = Math.max(modSeq, changes.highestModSeq());
            uidNext = Math.max(uidNext, changes.uidNext());
        }
        if (wording.expungeAllowed() && !pendingExpunge.isEmpty()) {
            UidSet gone = pendingExpunge;
            pendingExpunge = UidSet.EMPTY;
            removeAndAnnounce(gone, out, wording.vanished());
        }
        if (grew) {
            out.append("* ").append(count).append(" EXISTS").crlf();
        }
        for (MessageInfo m : flagChanges) {
            int seq = seq(m.uid());
            if (seq == 0) {
                continue;
            }
            out.append("* ").append(seq).append(" FETCH (");
            if (wording.withUid()) {
                out.append("UID ").append(m.uid()).append(' ');
            }
            out.append("FLAGS ").append(m.flags().toString());
            if (wording.withModSeq()) {
                out.append(" MODSEQ (").append(m.modSeq()).append(')');
            }
            out.append(')').crlf();
        }
    }

    /** The client's own EXPUNGE or MOVE removed these: announce them now. */
    public void expunged(UidSet removed, ResponseWriter out, boolean vanished) {
        UidSet.Builder known = UidSet.builder();
        for (long uid : removed) {
            if (indexOf(uid) >= 0) {
                known.add(uid);
            }
        }
        removeAndAnnounce(known.build(), out, vanished);
    }

    /** Removes UIDs from the map, announcing each. */
    private void removeAndAnnounce(UidSet gone, ResponseWriter out, boolean vanished) {
        if (gone.isEmpty()) {
            return;
        }
        if (vanished) {
            out.append("* VANISHED ").append(gone.toString()).crlf();
        }
        int write = 0;
        int removed = 0;
        for (int read = 0; read < count; read++) {
            long uid = Integer.toUnsignedLong(uids[read]);
            if (gone.contains(uid)) {
                if (!vanished) {
                    out.append("* ").append(read + 1 - removed).append(" EXPUNGE").crlf();
                }
                removed++;
            } else {
                uids[write++] = uids[read];
            }
        }
        count = write;
    }

    private void append(long uid) {
        if (count == uids.length) {
            uids = Arrays.copyOf(uids, uids.length + (uids.length >> 1) + 16);
        }
        uids[count++] = (int) uid;
    }

    /** Adds messages the session itself learnt of, such as by its own APPEND, before telling the client. */
    public void markChanged() {
        changed.set(true);
    }

    @Override
    public void close() {
        watch.cancel();
        mailbox.close();
    }
}
