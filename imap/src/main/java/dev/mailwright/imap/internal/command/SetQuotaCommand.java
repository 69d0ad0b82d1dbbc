package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** SETQUOTA (RFC 9208 §4.1.4): limits are the administrator's, so it is refused. */
final class SetQuotaCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        throw ImapException.no("NOPERM", "Quota limits are set by the administrator");
    }
}
