package dev.mailwright.imap.internal.protocol;

import dev.mailwright.core.store.UidSet;
import java.util.Arrays;

/**
 * A sequence set as a client wrote it (RFC 3501 §9 {@code sequence-set}): ranges of numbers
 * where {@code *} stands for the largest number in use. The numbers mean sequence numbers
 * or UIDs depending on the command; {@link #resolve} turns them into concrete ranges.
 */
public final class SequenceSet {

    /** Stands for {@code *} until resolved. */
    public static final long STAR = Long.MAX_VALUE;

    /** {@code $}: the result saved by the last SEARCH ... RETURN (SAVE) (RFC 5182). */
    public static final SequenceSet SAVED = new SequenceSet(new long[0]);

    /** Pairs of (from, to) as written, unordered; STAR for {@code *}. */
    private final long[] ranges;

    SequenceSet(long[] ranges) {
        this.ranges = ranges;
    }

    /**
     * The set with {@code *} replaced by {@code largest} and every range ordered, as UIDs or
     * sequence numbers. In an empty mailbox ({@code largest} 0) a range reaching {@code *}
     * addresses nothing.
     * Numbers above {@code largest} stay; callers ignore what does not exist.
     */
    public UidSet resolve(long largest) {
        UidSet.Builder b = UidSet.builder();
        for (int i = 0; i < ranges.length; i += 2) {
            if (largest == 0 && (ranges[i] == STAR || ranges[i + 1] == STAR)) {
                // "*" in an empty mailbox: a range reaching it addresses nothing.
                continue;
            }
            long from = ranges[i] == STAR ? largest : ranges[i];
            long to = ranges[i + 1] == STAR ? largest : ranges[i + 1];
            b.addRange(Math.min(from, UidSet.MAX_UID), Math.min(to, UidSet.MAX_UID));
        }
        return b.build();
    }

    public boolean isSaved() {
        return this == SAVED;
    }

    /** Whether any part used {@code *}. */
    public boolean usesStar() {
        for (long r : ranges) {
            if (r == STAR) {
                return true;
            }
        }
        return false;
    }

    /** The largest explicit number, ignoring {@code *}. */
    public long largestNumber() {
        long max = 0;
        for (long r : ranges) {
            if (r != STAR) {
                max = Math.max(max, r);
            }
        }
        return max;
    }

    @Override
    public String toString() {
        if (isSaved()) {
            return "$";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(ranges[i] == STAR ? "*" : String.valueOf(ranges[i]));
            if (ranges[i + 1] != ranges[i]) {
                b.append(':').append(ranges[i + 1] == STAR ? "*" : String.valueOf(ranges[i + 1]));
            }
        }
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SequenceSet s && Arrays.equals(ranges, s.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }
}
