package dev.mailwright.core.store.maildir;

/**
 * When a folder's {@code new/} and {@code cur/} must be listed again. A directory whose
 * modification time is what it was at the last complete listing has not changed, provided
 * that listing happened when the directory had been quiet for a while: a change in the same
 * clock tick as the listing leaves the time unchanged. So a listing (or a change of our own)
 * on a recently changed directory is uncertain, and the directory is listed once more after
 * the quiet period has passed. Guarded by the account lock.
 */
final class DirectoryStamps {

    /** How long a directory must have been unchanged for its time to be trusted; covers coarse timestamps. */
    static final long QUIET_NANOS = 1_000_000_000L;

    private long newSeen = -1;
    private long curSeen = -1;
    private boolean newCertain;
    private boolean curCertain;
    private long persistedNew;
    private long persistedCur;

    /** Times read back from the index: complete listings that were certain. 0 means none. */
    void persisted(long newMtime, long curMtime) {
        persistedNew = newMtime;
        persistedCur = curMtime;
        newSeen = newMtime == 0 ? -1 : newMtime;
        curSeen = curMtime == 0 ? -1 : curMtime;
        newCertain = newMtime != 0;
        curCertain = curMtime != 0;
    }

    void forget() {
        persistedNew = 0;
        persistedCur = 0;
        newSeen = -1;
        curSeen = -1;
        newCertain = false;
        curCertain = false;
    }

    long persistedNew() {
        return persistedNew;
    }

    long persistedCur() {
        return persistedCur;
    }

    boolean newNeedsListing(long mtime, long now) {
        return needsListing(mtime, newSeen, newCertain, now);
    }

    boolean curNeedsListing(long mtime, long now) {
        return needsListing(mtime, curSeen, curCertain, now);
    }

    private static boolean needsListing(long mtime, long seen, boolean certain, long now) {
        if (seen < 0 || mtime != seen) {
            return true;
        }
        return !certain && now - mtime >= QUIET_NANOS;
    }

    /** {@code new/} was listed (or changed by us) when its time was {@code mtime}. */
    void newListed(long mtime, boolean certain) {
        newSeen = mtime;
        newCertain = certain;
    }

    void curListed(long mtime, boolean certain) {
        curSeen = mtime;
        curCertain = certain;
    }

    /** Whether a listing at {@code now} of a directory with time {@code mtime} can be trusted later. */
    static boolean isQuiet(long mtime, long now) {
        return now - mtime >= QUIET_NANOS;
    }

    /** The certain times not yet written to the index, if any; then they count as written. */
    long[] unpersisted() {
        long n = newCertain ? newSeen : persistedNew;
        long c = curCertain ? curSeen : persistedCur;
        if (n == persistedNew && c == persistedCur) {
            return null;
        }
        persistedNew = n;
        persistedCur = c;
        return new long[] {n, c};
    }
}
