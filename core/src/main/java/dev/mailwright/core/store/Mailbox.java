package dev.mailwright.core.store;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeStructure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An open mailbox. Messages are addressed by UID only; sequence numbers belong to the IMAP
 * engine. Every change gets a new MODSEQ from the mailbox's counter, assigned atomically
 * with the change.
 */
public interface Mailbox extends AutoCloseable {

    MailboxName name();

    long uidValidity();

    /** Every message with the counters of the same instant. */
    MailboxSnapshot snapshot();

    /**
     * The messages among {@code uids} that exist, ascending by UID. The default filters a
     * {@link #snapshot()}; stores that can look messages up directly should.
     */
    default List<MessageInfo> messages(UidSet uids) {
        List<MessageInfo> found = new ArrayList<>();
        for (MessageInfo info : snapshot().messages()) {
            if (uids.contains(info.uid())) {
                found.add(info);
            }
        }
        return found;
    }

    /**
     * Messages added or changed, and UIDs expunged, after {@code modSeq}. With
     * {@code modSeq} 0 every message counts as changed.
     */
    MailboxChanges changesSince(long modSeq);

    /**
     * The bytes of a message. The content stays readable after the message is expunged for
     * as long as the caller holds it; release it when done.
     *
     * @throws MailStoreException {@code NO_SUCH_MESSAGE}
     */
    MessageContent content(long uid);

    /**
     * The MIME structure the store parsed and kept when the message was stored, for stores
     * that keep one (a database store does), so that FETCH BODYSTRUCTURE neither reads nor
     * parses the message. Stores that keep none answer empty, and the engine parses.
     */
    default Optional<MimeStructure> storedStructure(long uid) {
        return Optional.empty();
    }

    /**
     * Changes the flags of the addressed messages that exist; UIDs that don't are ignored.
     * With {@code unchangedSince}, messages whose MODSEQ is above it are not changed and
     * come back in {@link StoreResult#modified()} (RFC 7162 §3.1.3).
     *
     * @throws MailStoreException {@code LIMIT} when too many keywords would be defined
     */
    StoreResult store(UidSet uids, FlagUpdate update, OptionalLong unchangedSince);

    /**
     * Copies the addressed messages that exist to another mailbox of the same account,
     * keeping flags and internal dates, in ascending UID order.
     *
     * @throws MailStoreException {@code NO_SUCH_MAILBOX} (the target), {@code OVER_QUOTA},
     *     {@code LIMIT} when the target cannot hold another keyword
     */
    CopyResult copy(UidSet uids, MailboxName target);

    /**
     * Moves the addressed messages (RFC 6851): like {@link #copy} then expunging them here,
     * so that a message is never in neither mailbox.
     */
    CopyResult move(UidSet uids, MailboxName target);

    /**
     * Removes the messages flagged {@code \Deleted}; with {@code onlyThese}, only those
     * among them (UID EXPUNGE, RFC 4315 §2.1).
     *
     * @return the UIDs removed
     */
    UidSet expunge(Optional<UidSet> onlyThese);

    /**
     * Calls {@code listener} after changes to this mailbox. The listener runs on an
     * arbitrary thread, must return quickly and must not call the store; typically it
     * wakes the session, which then calls {@link #changesSince}.
     */
    Subscription watch(MailboxListener listener);

    @Override
    void close();
}
