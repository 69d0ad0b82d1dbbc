package dev.mailwright.core.store.maildir;

/**
 * A folder's counters after a change. Every log record carries them, so the state of a
 * folder can be read from the last record alone, without replaying the log: that keeps a
 * delivery to a large mailbox from reading its whole index.
 */
record Counters(long highestModSeq, long nextUid, long messages, long bytes, long unseen, long deleted) {

    /** A new, empty folder. */
    static final Counters EMPTY = new Counters(1, 1, 0, 0, 0, 0);
}
