package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Optional;
import java.util.Set;

/**
 * CLOSE (RFC 9051 §6.4.1), which silently expunges unless the mailbox is read-only, and
 * UNSELECT (RFC 3691), which does not.
 */
final class CloseCommand implements Command {

    private final boolean expunge;

    CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        SelectedMailbox selected = c.selected();
        if (expunge && !selected.readOnly()) {
            selected.mailbox().expunge(Optional.empty());
        }
        c.session().unselect();
    }
}
