package dev.mailwright.core.store;

import java.util.List;

/**
 * What changed in a mailbox after a given MODSEQ (RFC 7162 §3.1.4.1 and §3.2.5.1): messages
 * added or changed since, and UIDs expunged since. The IMAP engine uses it both to send
 * unsolicited updates to a selected mailbox and to answer QRESYNC.
 *
 * @param highestModSeq the mailbox's highest MODSEQ at the time of the answer
 * @param uidNext the mailbox's UIDNEXT at the time of the answer
 * @param changed messages whose MODSEQ is above the given one, ascending by UID
 * @param vanished UIDs expunged after the given MODSEQ
 * @param vanishedComplete false when the store no longer remembers every expunge that far
 *     back; {@code vanished} then holds only what it remembers, and a caller that needs all
 *     of them compares UIDs against a fresh {@link MailboxSnapshot}
 */
public record MailboxChanges(long highestModSeq, long uidNext, List<MessageInfo> changed, UidSet vanished, boolean vanishedComplete) {
    public MailboxChanges {
        changed = List.copyOf(changed);
    }

    public boolean isEmpty() {
        return changed.isEmpty() && vanished.isEmpty();
    }
}
