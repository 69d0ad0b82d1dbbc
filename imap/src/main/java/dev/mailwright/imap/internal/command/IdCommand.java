package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** ID (RFC 2971): reads the client's fields (within the RFC's limits) and names the server. */
final class IdCommand implements Command {

    private static final int MAX_PAIRS = 30;

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        if (!c.args().peekKeyword("NIL")) {
            c.args().expect('(');
            int pairs = 0;
            if (!c.args().tryChar(')')) {
                do {
                    if (++pairs > MAX_PAIRS) {
                        throw ImapException.bad("More than " + MAX_PAIRS + " ID fields");
                    }
                    String field = c.args().string();
                    c.args().sp();
                    String value = c.args().nstring();
                    if (field.length() > 30 || value != null && value.length() > 1024) {
                        throw ImapException.bad("ID field or value too long");
                    }
                } while (c.args().tryChar(' '));
                c.args().expect(')');
            }
        } else {
            c.args().atom();
        }
        c.args().end();
        c.out().append("* ID (\"name\" \"Mailwright\" \"vendor\" \"Mailwright\")").crlf();
    }
}
