package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.Capabilities;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** CAPABILITY (RFC 9051 §6.1.1). */
final class CapabilityCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return ANY;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        c.out().append("* CAPABILITY ").append(Capabilities.of(c.session())).crlf();
    }
}
