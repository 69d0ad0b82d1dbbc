package dev.mailwright.core.store;

import java.util.List;

/**
 * Every message of a mailbox at one instant, ascending by UID, with the mailbox counters of
 * that same instant. The IMAP engine builds its sequence-number map from it on SELECT.
 */
public record MailboxSnapshot(long uidValidity, long uidNext, long highestModSeq, List<MessageInfo> messages) {
    public MailboxSnapshot {
        messages = List.copyOf(messages);
    }
}
