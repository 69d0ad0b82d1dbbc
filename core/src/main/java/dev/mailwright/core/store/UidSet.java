package dev.mailwright.core.store;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/**
 * An immutable set of message UIDs held as sorted, disjoint, non-adjacent ranges, so that
 * {@code 1:100000} costs two longs. UIDs are positive (RFC 3501 §2.3.1.1: nz-number, at
 * most 2^32-1). Wildcards such as {@code *} are resolved by the IMAP engine before a set
 * reaches the store.
 */
public final class UidSet implements Iterable<Long> {

    /** The largest UID there can be. */
    public static final long MAX_UID = 0xFFFF_FFFFL;

    public static final UidSet EMPTY = new UidSet(new long[0]);

    /** Pairs: ranges[2i] .. ranges[2i+1], inclusive, ascending, disjoint, non-adjacent. */
    private final long[] ranges;

    private UidSet(long[] ranges) {
        this.ranges = ranges;
    }

    /** The UIDs {@code from} through {@code to}, inclusive, in either order. */
    public static UidSet range(long from, long to) {
        long lo = Math.min(from, to);
        long hi = Math.max(from, to);
        check(lo);
        check(hi);
        return new UidSet(new long[] {lo, hi});
    }

    public static UidSet of(long... uids) {
        Builder b = builder();
        for (long uid : uids) {
            b.add(uid);
        }
        return b.build();
    }

    public static UidSet of(Collection<Long> uids) {
        Builder b = builder();
        for (long uid : uids) {
            b.add(uid);
        }
        return b.build();
    }

    /**
     * Parses the IMAP sequence-set form with numbers only, such as {@code 1:3,7,10:12}.
     *
     * @throws IllegalArgumentException naming the malformed part
     */
    public static UidSet parse(String text) {
        if (text.isEmpty() || text.length() > 100_000) {
            throw new IllegalArgumentException("UID set must have 1 to 100000 characters");
        }
        Builder b = builder();
        for (String part : text.split(",", -1)) {
            int colon = part.indexOf(':');
            if (colon < 0) {
                b.add(number(part));
            } else {
                b.addRange(number(part.substring(0, colon)), number(part.substring(colon + 1)));
            }
        }
        return b.build();
    }

    private static long number(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9') || s.charAt(0) == '0') {
            throw new IllegalArgumentException("not a UID: '" + s + "'");
        }
        long n = Long.parseLong(s);
        check(n);
        return n;
    }

    private static void check(long uid) {
        if (uid < 1 || uid > MAX_UID) {
            throw new IllegalArgumentException("UID out of range: " + uid);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return ranges.length == 0;
    }

    /** How many UIDs the set holds. */
    public long size() {
        long n = 0;
        for (int i = 0; i < ranges.length; i += 2) {
            n += ranges[i + 1] - ranges[i] + 1;
        }
        return n;
    }

    public boolean contains(long uid) {
        int lo = 0;
        int hi = ranges.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (uid < ranges[2 * mid]) {
                hi = mid - 1;
            } else if (uid > ranges[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The smallest UID; the set must not be empty. */
    public long min() {
        if (isEmpty()) {
            throw new NoSuchElementException("empty UID set");
        }
        return ranges[0];
    }

    /** The largest UID; the set must not be empty. */
    public long max() {
        if (isEmpty()) {
            throw new NoSuchElementException("empty UID set");
        }
        return ranges[ranges.length - 1];
    }

    /** Number of ranges. */
    public int rangeCount() {
        return ranges.length / 2;
    }

    public long rangeStart(int i) {
        return ranges[2 * i];
    }

    public long rangeEnd(int i) {
        return ranges[2 * i + 1];
    }

    /** Calls {@code action} for each UID in ascending order. */
    public void forEachUid(LongConsumer action) {
        for (int i = 0; i < ranges.length; i += 2) {
            for (long uid = ranges[i]; uid <= ranges[i + 1]; uid++) {
                action.accept(uid);
            }
        }
    }

    public UidSet union(UidSet other) {
        Builder b = builder();
        b.addAll(this);
        b.addAll(other);
        return b.build();
    }

    @Override
    public Iterator<Long> iterator() {
        return new Iterator<>() {
            private int range;
            private long next = ranges.length == 0 ? 0 : ranges[0];

            @Override
            public boolean hasNext() {
                return range < ranges.length;
            }

            @Override
            public Long next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                long uid = next;
                if (next == ranges[range + 1]) {
                    range += 2;
                    if (range < ranges.length) {
                        next = ranges[range];
                    }
                } else {
                    next++;
                }
                return uid;
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UidSet other && Arrays.equals(ranges, other.ranges);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ranges);
    }

    /** The IMAP form, e.g. {@code 1:3,7}; empty string for the empty set. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < ranges.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            b.append(ranges[i]);
            if (ranges[i + 1] != ranges[i]) {
                b.append(':').append(ranges[i + 1]);
            }
        }
        return b.toString();
    }

    /** Collects UIDs and ranges in any order; ascending input is merged as it comes. */
    public static final class Builder {
        private long[] pairs = new long[16];
        private int n;
        private boolean sorted = true;

        private Builder() {}

        public Builder add(long uid) {
            return addRange(uid, uid);
        }

        public Builder addRange(long from, long to) {
            long lo = Math.min(from, to);
            long hi = Math.max(from, to);
            check(lo);
            check(hi);
            if (n > 0 && sorted && lo >= pairs[n - 2] && lo <= pairs[n - 1] + 1) {
                pairs[n - 1] = Math.max(pairs[n - 1], hi);
                return this;
            }
            if (n > 0 && lo < pairs[n - 2]) {
                sorted = false;
            }
            if (n == pairs.length) {
                pairs = Arrays.copyOf(pairs, n * 2);
            }
            pairs[n++] = lo;
            pairs[n++] = hi;
            return this;
        }

        public Builder addAll(UidSet set) {
            for (int i = 0; i < set.ranges.length; i += 2) {
                addRange(set.ranges[i], set.ranges[i + 1]);
            }
            return this;
        }

        public UidSet build() {
            if (n == 0) {
                return EMPTY;
            }
            long[][] list = new long[n / 2][];
            for (int i = 0; i < n; i += 2) {
                list[i / 2] = new long[] {pairs[i], pairs[i + 1]};
            }
            if (!sorted) {
                Arrays.sort(list, (a, b) -> Long.compare(a[0], b[0]));
            }
            long[] out = new long[n];
            int m = 0;
            for (long[] r : list) {
                if (m > 0 && r[0] <= out[m - 1] + 1) {
                    out[m - 1] = Math.max(out[m - 1], r[1]);
                } else {
                    out[m++] = r[0];
                    out[m++] = r[1];
                }
            }
            return new UidSet(Arrays.copyOf(out, m));
        }
    }
}
