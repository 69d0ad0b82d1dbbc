package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectoryStampsTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T = 1_700_000_000L * SECOND;

    @Test
    void aDirectoryNeverListedIsListed() {
        assertThat(new DirectoryStamps().curNeedsListing(T, T + 10 * SECOND)).isTrue();
    }

    @Test
    void aCertainListingHoldsWhileTheTimeIsUnchanged() {
        DirectoryStamps stamps = new DirectoryStamps();
        stamps.curListed(T, true);
        assertThat(stamps.curNeedsListing(T, T + 100 * SECOND)).isFalse();
        assertThat(stamps.curNeedsListing(T + 1, T + 100 * SECOND)).isTrue();
    }

    @Test
    void aListingInTheSameClockTickAsAChangeIsRepeatedOnceTheDirectoryIsQuiet() {
        DirectoryStamps stamps = new DirectoryStamps();
        stamps.curListed(T, false);
        // Another change in the same tick would leave the time as it is: trust it only later.
        assertThat(stamps.curNeedsListing(T, T + SECOND / 2)).isFalse();
        assertThat(stamps.curNeedsListing(T, T + SECOND)).isTrue();
        assertThat(DirectoryStamps.isQuiet(T, T + SECOND / 2)).isFalse();
        assertThat(DirectoryStamps.isQuiet(T, T + SECOND)).isTrue();
    }

    @Test
    void onlyCertainTimesAreWrittenToTheIndexAndOnlyOnce() {
        DirectoryStamps stamps = new DirectoryStamps();
        stamps.newListed(T, true);
        stamps.curListed(T + 5, false);
        assertThat(stamps.unpersisted()).containsExactly(T, 0);
        assertThat(stamps.unpersisted()).isNull();
        stamps.curListed(T + 5, true);
        assertThat(stamps.unpersisted()).containsExactly(T, T + 5);
        stamps.persisted(T, T + 5);
        assertThat(stamps.newNeedsListing(T, T + 100 * SECOND)).isFalse();
        assertThat(stamps.curNeedsListing(T + 5, T + 100 * SECOND)).isFalse();
    }
}
