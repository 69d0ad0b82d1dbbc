package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** LOGOUT (RFC 9051 §6.1.3): BYE, then the tagged OK, then the connection closes. */
final class LogoutCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        c.out().append("* BYE Logging out").crlf();
        c.session().unselect();
        c.session().logout();
    }
}
