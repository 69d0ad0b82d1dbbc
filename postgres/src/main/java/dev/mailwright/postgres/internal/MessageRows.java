package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Flags.SystemFlag;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code messages} table as {@link MessageInfo}s: system flags as bits of a smallint,
 * keywords as a text array, and the queries that address messages by UID ranges.
 */
final class MessageRows {

    /** The columns {@link Reader#read} expects, prefixed with the table alias {@code m}. */
    static final String COLUMNS = "m.uid, m.flags, m.keywords, m.modseq, m.internal_date, m.size";

    /**
     * Joins {@code messages m} to the UID ranges given as two bigint array parameters
     * (starts, then ends), so that {@code 1:100000} costs one index range scan.
     */
    static final String IN_RANGES = " JOIN unnest(?::bigint[], ?::bigint[]) AS r(lo, hi) ON m.uid BETWEEN r.lo AND r.hi ";

    static final int SEEN = 1;
    static final int DELETED = 8;

    private MessageRows() {}

    static int bits(Flags flags) {
        int bits = 0;
        for (SystemFlag flag : SystemFlag.values()) {
            if (flags.contains(flag)) {
                bits |= bit(flag);
            }
        }
        return bits;
    }

    static int bit(SystemFlag flag) {
        return switch (flag) {
            case SEEN -> 1;
            case ANSWERED -> 2;
            case FLAGGED -> 4;
            case DELETED -> 8;
            case DRAFT -> 16;
        };
    }

    /** Binds the ranges of {@code uids} as the two array parameters of {@link #IN_RANGES}. */
    static int bindRanges(Connection c, PreparedStatement p, int index, UidSet uids) throws SQLException {
        long[] starts = new long[uids.rangeCount()];
        long[] ends = new long[uids.rangeCount()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = uids.rangeStart(i);
            ends[i] = uids.rangeEnd(i);
        }
        p.setArray(index, Sql.bigints(c, starts));
        p.setArray(index + 1, Sql.bigints(c, ends));
        return index + 2;
    }

    /**
     * Turns rows into {@link MessageInfo}s. Messages mostly share a handful of flag
     * combinations, so each reader builds every combination once.
     */
    static final class Reader {
        private final Map<String, Flags> seen = new HashMap<>();

        MessageInfo read(ResultSet rs) throws SQLException {
            int bits = rs.getShort("flags");
            String[] keywords = Sql.texts(rs, "keywords");
            return new MessageInfo(rs.getLong("uid"), flags(bits, keywords), rs.getLong("modseq"),
                    Sql.instant(rs, "internal_date"), rs.getLong("size"));
        }

        List<MessageInfo> readAll(ResultSet rs) throws SQLException {
            List<MessageInfo> out = new ArrayList<>();
            while (rs.next()) {
                out.add(read(rs));
            }
            return out;
        }

        Flags flags(int bits, String[] keywords) {
            String key = keywords.length == 0 ? Integer.toString(bits) : bits + " " + String.join(" ", keywords);
            Flags cached = seen.get(key);
            if (cached == null) {
                List<String> names = new ArrayList<>(SystemFlag.values().length + keywords.length);
                for (SystemFlag flag : SystemFlag.values()) {
                    if ((bits & bit(flag)) != 0) {
                        names.add(flag.imapName());
                    }
                }
                names.addAll(Arrays.asList(keywords));
                cached = Flags.of(names);
                if (seen.size() < 10_000) {
                    seen.put(key, cached);
                }
            }
            return cached;
        }
    }
}
