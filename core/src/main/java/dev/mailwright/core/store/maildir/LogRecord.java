package dev.mailwright.core.store.maildir;

/**
 * One change in a folder's log, with the folder's counters after it. The MODSEQ of an
 * added, changed or expunged message is the record's {@code counters().highestModSeq()}.
 */
sealed interface LogRecord {

    Counters counters();

    /** A message got a UID. */
    record Added(Counters counters, long uid, long size, long internalDate, String base, String info)
            implements LogRecord {}

    /** A message's flags (its info part) changed. */
    record FlagsChanged(Counters counters, long uid, String info) implements LogRecord {}

    /** A message was expunged; its UID is remembered for QRESYNC. */
    record Expunged(Counters counters, long uid) implements LogRecord {}

    /**
     * The folder's {@code new/} and {@code cur/} were listed completely when they had these
     * modification times (nanoseconds since the epoch); while the times stay the same, no
     * program changed them and a later open need not list them again.
     */
    record Stamp(Counters counters, long newMtime, long curMtime) implements LogRecord {}

    /**
     * A compaction into checkpoint {@code generation} began. If that checkpoint exists,
     * it holds everything up to here, and the log is replaced by a fresh one.
     */
    record Compacting(Counters counters, long generation) implements LogRecord {}
}
