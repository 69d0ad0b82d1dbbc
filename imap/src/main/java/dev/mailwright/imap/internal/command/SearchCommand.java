package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.search.SearchKey;
import dev.mailwright.imap.internal.search.SearchParser;
import dev.mailwright.imap.internal.search.Searcher;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4) with CHARSET, ESEARCH result options MIN, MAX,
 * COUNT and ALL (RFC 4731), SAVE (RFC 5182) and CONDSTORE's MODSEQ (RFC 7162 §3.1.5). An
 * IMAP4rev2 client always gets ESEARCH responses.
 */
final class SearchCommand implements Command {

    private enum Option { MIN, MAX, ALL, COUNT, SAVE }

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
        EnumSet<Option> options = null;
        if (args.peekKeyword("RETURN")) {
            args.keyword();
            args.sp();
            args.expect('(');
            options = EnumSet.noneOf(Option.class);
            if (!args.tryChar(')')) {
                do {
                    String name = args.keyword();
                    try {
                        options.add(Option.valueOf(name));
                    } catch (IllegalArgumentException e) {
                        throw ImapException.bad("Unknown SEARCH return option " + name);
                    }
                } while (args.tryChar(' '));
                args.expect(')');
            }
            if (options.isEmpty()) {
                options.add(Option.ALL);
            }
            args.sp();
        } else if (c.session().rev2()) {
            options = EnumSet.of(Option.ALL);
        }
        SearchParser.charset(args);
        SelectedMailbox selected = c.selected();
        SearchParser parser = new SearchParser(args, selected);
        SearchKey key = parser.parseAll();
        args.end();
        if (parser.usesModSeq()) {
            c.session().enableCondstore();
        }
        List<Searcher.Hit> hits = new Searcher(selected, c.engine().cache(), c.session().account()).search(key);
        long modSeq = 0;
        for (Searcher.Hit hit : hits) {
            modSeq = Math.max(modSeq, hit.info().modSeq());
        }
        if (options == null) {
            ResponseWriter out = c.out().append("* SEARCH");
            for (Searcher.Hit hit : hits) {
                out.append(' ').append(c.uid() ? hit.info().uid() : hit.seq());
            }
            if (parser.usesModSeq() && !hits.isEmpty()) {
                out.append(" (MODSEQ ").append(modSeq).append(')');
            }
            out.crlf();
            return;
        }
        if (options.contains(Option.SAVE)) {
            save(selected, hits, options);
        }
        if (options.equals(EnumSet.of(Option.SAVE))) {
            return;
        }
        esearch(c, hits, options, parser.usesModSeq() ? modSeq : 0);
    }

    /** RFC 5182 §2.4: with only MIN and/or MAX, only those are saved. */
    private static void save(SelectedMailbox selected, List<Searcher.Hit> hits, Set<Option> options) {
        UidSet.Builder saved = UidSet.builder();
        boolean minMaxOnly = !options.contains(Option.ALL) && !options.contains(Option.COUNT)
                && (options.contains(Option.MIN) || options.contains(Option.MAX));
        if (!hits.isEmpty() && minMaxOnly) {
            if (options.contains(Option.MIN)) {
                saved.add(hits.get(0).info().uid());
            }
            if (options.contains(Option.MAX)) {
                saved.add(hits.get(hits.size() - 1).info().uid());
            }
        } else {
            for (Searcher.Hit hit : hits) {
                saved.add(hit.info().uid());
            }
        }
        selected.saveResult(saved.build());
    }

    private static void esearch(CommandContext c, List<Searcher.Hit> hits, Set<Option> options, long modSeq) {
        ResponseWriter out = c.out();
        out.append("* ESEARCH (TAG ").string(c.tag()).append(')');
        if (c.uid()) {
            out.append(" UID");
        }
        if (!hits.isEmpty()) {
            if (options.contains(Option.MIN)) {
                out.append(" MIN ").append(number(c, hits.get(0)));
            }
            if (options.contains(Option.MAX)) {
                out.append(" MAX ").append(number(c, hits.get(hits.size() - 1)));
            }
        }
        if (options.contains(Option.COUNT)) {
            out.append(" COUNT ").append(hits.size());
        }
        if (options.contains(Option.ALL) && !hits.isEmpty()) {
            UidSet.Builder all = UidSet.builder();
            for (Searcher.Hit hit : hits) {
                all.add(number(c, hit));
            }
            out.append(" ALL ").append(all.build().toString());
        }
        if (modSeq > 0 && !hits.isEmpty()) {
            out.append(" MODSEQ ").append(modSeq);
        }
        out.crlf();
    }

    private static long number(CommandContext c, Searcher.Hit hit) {
        return c.uid() ? hit.info().uid() : hit.seq();
    }
}
