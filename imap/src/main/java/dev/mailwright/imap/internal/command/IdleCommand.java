package dev.mailwright.imap.internal.command;

import dev.mailwright.core.net.Input;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.ImapSession;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/**
 * IDLE (RFC 2177): after {@code + idling}, mailbox changes are pushed as they happen (the
 * store's change event schedules a sync on the connection's worker) until the client
 * sends DONE. No thread waits meanwhile; the autologout timer still applies.
 */
final class IdleCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        ImapSession session = c.session();
        c.suspend();
        session.idling(true);
        session.out().append("+ idling").crlf();
        if (session.selected() != null) {
            session.selected().markChanged();
            session.idleSync();
        }
        session.out().flush();
        session.expectLine(line -> done(session, line));
    }

    private static void done(ImapSession session, Input.Line line) {
        if (!line.tooLong() && line.latin1().equalsIgnoreCase("DONE")) {
            session.complete(null, null, "IDLE terminated");
        } else {
            session.complete(ImapException.bad("Expected DONE"), null, null);
        }
    }
}
