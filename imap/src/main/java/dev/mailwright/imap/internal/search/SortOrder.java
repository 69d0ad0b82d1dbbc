package dev.mailwright.imap.internal.search;

import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A SORT program (RFC 5256 §3): criteria, each optionally REVERSE, ties broken by sequence number. */
public final class SortOrder {

    private final Comparator<SortItem> comparator;
    private final boolean needsHeader;

    private SortOrder(Comparator<SortItem> comparator, boolean needsHeader) {
        this.comparator = comparator;
        this.needsHeader = needsHeader;
    }

    /** Parses {@code (criteria)}. */
    public static SortOrder parse(Arguments args) throws ImapException {
        args.expect('(');
        List<Comparator<SortItem>> parts = new ArrayList<>();
        boolean needsHeader = false;
        do {
            String key = args.keyword();
            boolean reverse = false;
            if (key.equals("REVERSE")) {
                reverse = true;
                args.sp();
                key = args.keyword();
            }
            Comparator<SortItem> c = switch (key) {
                case "ARRIVAL" -> Comparator.comparing(SortItem::arrival);
                case "SIZE" -> Comparator.comparingLong(SortItem::size);
                case "DATE" -> Comparator.comparing(SortItem::sent);
                case "FROM" -> Comparator.comparing(SortItem::from);
                case "TO" -> Comparator.comparing(SortItem::to);
                case "CC" -> Comparator.comparing(SortItem::cc);
                case "SUBJECT" -> Comparator.comparing(SortItem::subject);
                default -> throw ImapException.bad("Unknown sort criterion " + key);
            };
            needsHeader |= !key.equals("ARRIVAL") && !key.equals("SIZE");
            parts.add(reverse ? c.reversed() : c);
            if (parts.size() > 20) {
                throw ImapException.bad("Too many sort criteria");
            }
        } while (args.tryChar(' '));
        args.expect(')');
        Comparator<SortItem> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.thenComparing(parts.get(i));
        }
        return new SortOrder(all.thenComparingInt(SortItem::seq), needsHeader);
    }

    public Comparator<SortItem> comparator() {
        return comparator;
    }

    public boolean needsHeader() {
        return needsHeader;
    }
}
