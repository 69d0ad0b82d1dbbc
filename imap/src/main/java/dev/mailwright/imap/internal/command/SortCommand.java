package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.search.SearchKey;
import dev.mailwright.imap.internal.search.SearchParser;
import dev.mailwright.imap.internal.search.Searcher;
import dev.mailwright.imap.internal.search.SortItem;
import dev.mailwright.imap.internal.search.SortOrder;
import dev.mailwright.imap.internal.search.Threader;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.List;
import java.util.Set;

/**
 * SORT and THREAD, plain and UID (RFC 5256): select with search criteria, then order by the
 * sort criteria or group into threads by ORDEREDSUBJECT or REFERENCES.
 */
final class SortCommand implements Command {

    private final boolean thread;

    SortCommand(boolean thread) {
        this.thread = thread;
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public boolean expungeAllowed(boolean uid) {
        return uid;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        Arguments args = c.args();
        args.sp();
        SortOrder order = null;
        String algorithm = null;
        if (thread) {
            algorithm = args.keyword();
            if (!algorithm.equals("ORDEREDSUBJECT") && !algorithm.equals("REFERENCES")) {
                throw ImapException.bad("Unknown threading algorithm " + algorithm);
            }
        } else {
            order = SortOrder.parse(args);
        }
        args.sp();
        String charset = args.astring();
        if (!charset.equalsIgnoreCase("UTF-8") && !charset.equalsIgnoreCase("US-ASCII")) {
            throw ImapException.no("BADCHARSET (UTF-8 US-ASCII)", "Unsupported charset " + charset);
        }
        args.sp();
        SearchKey key = new SearchParser(args, c.selected()).parseAll();
        args.end();
        boolean withHeader = thread || order.needsHeader();
        List<SortItem> items = new Searcher(c.selected(), c.engine().cache(), c.session().account())
                .collect(key, view -> SortItem.of(view, withHeader));
        ResponseWriter out = c.out();
        if (thread) {
            List<Threader.Node> threads = algorithm.equals("REFERENCES") ? Threader.references(items) : Threader.orderedSubject(items);
            out.append("* THREAD");
            if (!threads.isEmpty()) {
                out.append(' ').append(Threader.render(threads, c.uid()));
            }
            out.crlf();
            return;
        }
        items.sort(order.comparator());
        out.append("* SORT");
        for (SortItem item : items) {
            out.append(' ').append(c.uid() ? item.uid() : item.seq());
        }
        out.crlf();
    }
}
