package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.7, §6.3.8). */
final class SubscribeCommand implements Command {

    private final boolean subscribe;

    SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        MailboxName name = MailboxArgument.read(c);
        c.args().end();
        if (subscribe) {
            // RFC 9051 §6.3.7: subscribing to a mailbox that does not exist is refused.
            c.session().mail().status(name);
        }
        c.session().mail().subscribe(name, subscribe);
    }
}
