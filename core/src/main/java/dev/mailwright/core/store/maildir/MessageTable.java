package dev.mailwright.core.store.maildir;

import dev.mailwright.core.store.UidSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A folder's messages in UID order, in one array: compact for 100,000 messages, appends at
 * the end (UIDs only grow), lookups by binary search. Guarded by the account lock.
 */
final class MessageTable {

    private Entry[] entries = new Entry[16];
    private int size;

    int size() {
        return size;
    }

    Entry get(int index) {
        return entries[index];
    }

    Entry find(long uid) {
        int at = indexOf(uid);
        return at >= 0 ? entries[at] : null;
    }

    void add(Entry entry) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, size + (size >> 1) + 16);
        }
        if (size == 0 || entries[size - 1].uid < entry.uid) {
            entries[size++] = entry;
            return;
        }
        int at = indexOf(entry.uid);
        if (at >= 0) {
            throw new IllegalStateException("UID " + entry.uid + " is already in the table");
        }
        int insert = -at - 1;
        System.arraycopy(entries, insert, entries, insert + 1, size - insert);
        entries[insert] = entry;
        size++;
    }

    /** Removes every entry the predicate accepts; one pass, whatever the number. */
    void removeIf(Predicate<Entry> remove) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (!remove.test(entries[i])) {
                entries[kept++] = entries[i];
            }
        }
        Arrays.fill(entries, kept, size, null);
        size = kept;
    }

    /** The entries among {@code uids}, ascending. */
    List<Entry> in(UidSet uids) {
        List<Entry> found = new ArrayList<>();
        for (int r = 0; r < uids.rangeCount(); r++) {
            int from = indexOf(uids.rangeStart(r));
            from = from >= 0 ? from : -from - 1;
            for (int i = from; i < size && entries[i].uid <= uids.rangeEnd(r); i++) {
                found.add(entries[i]);
            }
        }
        return found;
    }

    /** The entries by base name, for matching a directory listing. */
    Map<String, Entry> byBase() {
        Map<String, Entry> map = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            map.put(entries[i].base, entries[i]);
        }
        return map;
    }

    private int indexOf(long uid) {
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long at = entries[mid].uid;
            if (at < uid) {
                lo = mid + 1;
            } else if (at > uid) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }
}
