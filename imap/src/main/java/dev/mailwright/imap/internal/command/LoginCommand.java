package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** LOGIN (RFC 9051 §6.2.3), refused without TLS unless the server allows it (LOGINDISABLED). */
final class LoginCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        String user = c.args().astring();
        c.args().sp();
        String password = c.args().astring();
        c.args().end();
        Authentication.requireSafeChannel(c.session());
        c.suspend();
        Authentication.attempt(c.session(), user, password);
    }
}
