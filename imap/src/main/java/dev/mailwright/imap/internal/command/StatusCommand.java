package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxStatus;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * STATUS (RFC 9051 §6.3.11) with HIGHESTMODSEQ (RFC 7162), SIZE (RFC 8438) and DELETED;
 * also writes the STATUS responses of LIST-STATUS (RFC 5819).
 */
final class StatusCommand implements Command {

    private static final Set<String> ITEMS = Set.of("MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED",
            "SIZE", "HIGHESTMODSEQ");

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        MailboxName name = MailboxArgument.read(c);
        c.args().sp();
        List<String> items = items(c.args());
        c.args().end();
        if (items.contains("HIGHESTMODSEQ")) {
            c.session().enableCondstore();
        }
        write(c, c.session().mail(), name, items);
    }

    /** The status items in parentheses. */
    static List<String> items(Arguments args) throws ImapException {
        args.expect('(');
        List<String> items = new ArrayList<>();
        do {
            String item = args.keyword();
            if (!ITEMS.contains(item)) {
                throw ImapException.bad("Unknown STATUS item " + item);
            }
            items.add(item);
        } while (args.tryChar(' '));
        args.expect(')');
        return items;
    }

    static void write(CommandContext c, UserMail mail, MailboxName name, List<String> items) {
        MailboxStatus status = mail.status(name);
        ResponseWriter out = c.out();
        out.append("* STATUS ");
        MailboxArgument.write(c, name);
        out.append(" (");
        boolean first = true;
        for (String item : items) {
            if (!first) {
                out.append(' ');
            }
            first = false;
            out.append(item).append(' ');
            switch (item) {
                case "MESSAGES" -> out.append(status.messages());
                case "RECENT" -> out.append(0);
                case "UIDNEXT" -> out.append(status.uidNext());
                case "UIDVALIDITY" -> out.append(status.uidValidity());
                case "UNSEEN" -> out.append(status.unseen());
                case "DELETED" -> out.append(status.deleted());
                case "SIZE" -> out.append(status.size());
                case "HIGHESTMODSEQ" -> out.append(status.highestModSeq());
                default -> throw new IllegalStateException(item);
            }
        }
        out.append(')').crlf();
    }
}
