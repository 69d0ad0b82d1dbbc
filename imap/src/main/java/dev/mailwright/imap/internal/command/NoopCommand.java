package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/**
 * NOOP and CHECK (RFC 9051 §6.1.2; CHECK is NOOP in IMAP4rev2): nothing to do but let
 * the pending mailbox updates go out, which every command completion does.
 */
final class NoopCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        if (c.name().equals("CHECK") && c.session().state() != SessionState.SELECTED) {
            throw ImapException.bad("Select a mailbox first");
        }
    }
}
