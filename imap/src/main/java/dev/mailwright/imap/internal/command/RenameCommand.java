package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** RENAME (RFC 9051 §6.3.6); renaming INBOX moves its messages. */
final class RenameCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        MailboxName from = MailboxArgument.read(c);
        c.args().sp();
        MailboxName to = MailboxArgument.read(c);
        c.args().end();
        c.session().mail().rename(from, to);
    }
}
