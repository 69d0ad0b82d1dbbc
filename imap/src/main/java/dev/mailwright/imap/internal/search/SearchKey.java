package dev.mailwright.imap.internal.search;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.UidSet;
import java.time.LocalDate;
import java.util.List;

/**
 * A search criterion (RFC 9051 §6.4.4, RFC 3501 §6.4.4, RFC 7162 MODSEQ): a tree of these
 * is what a SEARCH, SORT or THREAD command selects messages with.
 */
public sealed interface SearchKey {

    /** Every key must match. */
    record And(List<SearchKey> keys) implements SearchKey {
        public And {
            keys = List.copyOf(keys);
        }
    }

    record Or(SearchKey left, SearchKey right) implements SearchKey {}

    record Not(SearchKey key) implements SearchKey {}

    record All() implements SearchKey {}

    /** A constant: RECENT and NEW never match here, OLD always does (\Recent is not kept). */
    record Constant(boolean value) implements SearchKey {}

    /** A system flag set ({@code set} true) or not set. */
    record SystemFlag(Flags.SystemFlag flag, boolean set) implements SearchKey {}

    record Keyword(String keyword, boolean set) implements SearchKey {}

    /** Messages by sequence number; resolved to UIDs before evaluation. */
    record Sequence(UidSet uids) implements SearchKey {}

    record Uids(UidSet uids) implements SearchKey {}

    /** Substring of a header field's decoded value; an empty string matches any message with the field. */
    record Header(String field, String text) implements SearchKey {}

    record Body(String text) implements SearchKey {}

    record Text(String text) implements SearchKey {}

    /** Internal date (BEFORE, ON, SINCE) or Date header (SENTBEFORE, SENTON, SENTSINCE). */
    record Date(Comparison comparison, LocalDate date, boolean sent) implements SearchKey {}

    record Size(boolean larger, long size) implements SearchKey {}

    record ModSeq(long modSeq) implements SearchKey {}

    enum Comparison { BEFORE, ON, SINCE }
}
