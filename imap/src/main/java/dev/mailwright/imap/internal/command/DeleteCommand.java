package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** DELETE (RFC 9051 §6.3.5). */
final class DeleteCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        MailboxName name = MailboxArgument.read(c);
        c.args().end();
        if (c.session().selected() != null && c.session().selected().name().equals(name)) {
            // The client loses the mailbox it works in; go back to the authenticated state first.
            c.session().unselect();
        }
        c.session().mail().delete(name);
    }
}
