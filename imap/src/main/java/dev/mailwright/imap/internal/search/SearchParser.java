package dev.mailwright.imap.internal.search;

import dev.mailwright.core.store.Flags;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.SequenceSet;
import dev.mailwright.imap.internal.search.SearchKey.Comparison;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses search criteria (RFC 9051 §6.4.4 {@code search-key}, RFC 3501, RFC 7162 MODSEQ)
 * with their CHARSET. Sequence sets are resolved against the selected mailbox as they are
 * read, so that evaluation only deals with UIDs. Nesting depth and key count are bounded.
 */
public final class SearchParser {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_KEYS = 1000;

    private final Arguments args;
    private final SelectedMailbox selected;
    private int keys;
    private boolean usesModSeq;

    public SearchParser(Arguments args, SelectedMailbox selected) {
        this.args = args;
        this.selected = selected;
    }

    /** Whether a MODSEQ key was used, which adds MODSEQ to the result (RFC 7162 §3.1.5). */
    public boolean usesModSeq() {
        return usesModSeq;
    }

    /** Reads an optional {@code CHARSET name SP}, refusing charsets other than UTF-8 and US-ASCII. */
    public static void charset(Arguments args) throws ImapException {
        if (args.peekKeyword("CHARSET")) {
            args.keyword();
            args.sp();
            String charset = args.astring().toUpperCase(Locale.ROOT);
            if (!charset.equals("UTF-8") && !charset.equals("US-ASCII") && !charset.equals("UTF8")) {
                throw ImapException.no("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset " + charset);
            }
            args.sp();
        }
    }

    /** The keys up to the end of the command, ANDed. */
    public SearchKey parseAll() throws ImapException {
        List<SearchKey> all = new ArrayList<>();
        do {
            all.add(key(0));
        } while (args.tryChar(' '));
        return all.size() == 1 ? all.get(0) : new SearchKey.And(all);
    }

    private SearchKey key(int depth) throws ImapException {
        if (depth > MAX_DEPTH) {
            throw ImapException.bad("Search criteria nested too deeply");
        }
        if (++keys > MAX_KEYS) {
            throw ImapException.bad("Too many search criteria");
        }
        if (args.tryChar('(')) {
            List<SearchKey> inner = new ArrayList<>();
            do {
                inner.add(key(depth + 1));
            } while (args.tryChar(' '));
            args.expect(')');
            return inner.size() == 1 ? inner.get(0) : new SearchKey.And(inner);
        }
        if (args.peekSequenceSet()) {
            SequenceSet set = args.sequenceSet();
            return new SearchKey.Sequence(selected.resolve(set, false));
        }
        String name = args.keyword();
        switch (name) {
            case "ALL": return new SearchKey.All();
            case "ANSWERED": return flag(Flags.SystemFlag.ANSWERED, true);
            case "DELETED": return flag(Flags.SystemFlag.DELETED, true);
            case "DRAFT": return flag(Flags.SystemFlag.DRAFT, true);
            case "FLAGGED": return flag(Flags.SystemFlag.FLAGGED, true);
            case "SEEN": return flag(Flags.SystemFlag.SEEN, true);
            case "UNANSWERED": return flag(Flags.SystemFlag.ANSWERED, false);
            case "UNDELETED": return flag(Flags.SystemFlag.DELETED, false);
            case "UNDRAFT": return flag(Flags.SystemFlag.DRAFT, false);
            case "UNFLAGGED": return flag(Flags.SystemFlag.FLAGGED, false);
            case "UNSEEN": return flag(Flags.SystemFlag.SEEN, false);
            case "RECENT", "NEW": return new SearchKey.Constant(false);
            case "OLD": return new SearchKey.Constant(true);
            case "KEYWORD": return new SearchKey.Keyword(flagArg(), true);
            case "UNKEYWORD": return new SearchKey.Keyword(flagArg(), false);
            case "BCC", "CC", "FROM", "TO", "SUBJECT": return new SearchKey.Header(headerName(name), stringArg());
            case "HEADER": {
                args.sp();
                String field = args.astring();
                if (field.isEmpty() || !field.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
                    throw ImapException.bad("Invalid header field name");
                }
                return new SearchKey.Header(field, stringArg());
            }
            case "BODY": return new SearchKey.Body(stringArg());
            case "TEXT": return new SearchKey.Text(stringArg());
            case "BEFORE": return date(Comparison.BEFORE, false);
            case "ON": return date(Comparison.ON, false);
            case "SINCE": return date(Comparison.SINCE, false);
            case "SENTBEFORE": return date(Comparison.BEFORE, true);
            case "SENTON": return date(Comparison.ON, true);
            case "SENTSINCE": return date(Comparison.SINCE, true);
            case "LARGER": return new SearchKey.Size(true, numberArg());
            case "SMALLER": return new SearchKey.Size(false, numberArg());
            case "UID": {
                args.sp();
                return new SearchKey.Uids(selected.resolve(args.sequenceSet(), true));
            }
            case "NOT": {
                args.sp();
                return new SearchKey.Not(key(depth + 1));
            }
            case "OR": {
                args.sp();
                SearchKey left = key(depth + 1);
                args.sp();
                return new SearchKey.Or(left, key(depth + 1));
            }
            case "MODSEQ": return modSeq();
            default: throw ImapException.bad("Unknown search criterion " + name);
        }
    }

    private static String headerName(String key) {
        return switch (key) {
            case "BCC" -> "Bcc";
            case "CC" -> "Cc";
            case "FROM" -> "From";
            case "TO" -> "To";
            default -> "Subject";
        };
    }

    private static SearchKey flag(Flags.SystemFlag flag, boolean set) {
        return new SearchKey.SystemFlag(flag, set);
    }

    private String flagArg() throws ImapException {
        args.sp();
        String keyword = args.atom();
        if (keyword.startsWith("\\")) {
            throw ImapException.bad("KEYWORD takes a keyword, not a system flag");
        }
        return keyword;
    }

    private String stringArg() throws ImapException {
        args.sp();
        return args.astring();
    }

    private long numberArg() throws ImapException {
        args.sp();
        return args.number64();
    }

    private SearchKey date(Comparison comparison, boolean sent) throws ImapException {
        args.sp();
        return new SearchKey.Date(comparison, args.date(), sent);
    }

    private SearchKey modSeq() throws ImapException {
        args.sp();
        usesModSeq = true;
        if (args.peek() == '"') {
            // entry-name and entry-type-req (RFC 7162 §3.1.5): metadata items are not kept per flag here.
            args.string();
            args.sp();
            String type = args.keyword();
            if (!type.equals("PRIV") && !type.equals("SHARED") && !type.equals("ALL")) {
                throw ImapException.bad("Invalid MODSEQ entry type");
            }
            args.sp();
        }
        return new SearchKey.ModSeq(args.number64());
    }
}
