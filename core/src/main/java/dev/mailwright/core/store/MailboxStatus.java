package dev.mailwright.core.store;

/**
 * The counters of one mailbox at one instant, as IMAP STATUS reports them (RFC 3501 §6.3.10,
 * RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE).
 *
 * @param messages number of messages
 * @param unseen number of messages without {@code \Seen}
 * @param uidNext the UID the next message will get, at least
 * @param uidValidity the mailbox's UIDVALIDITY
 * @param highestModSeq the highest MODSEQ of any change in the mailbox
 * @param size total size of the messages in bytes
 * @param deleted number of messages with {@code \Deleted}
 */
public record MailboxStatus(long messages, long unseen, long uidNext, long uidValidity, long highestModSeq, long size, long deleted) {}
