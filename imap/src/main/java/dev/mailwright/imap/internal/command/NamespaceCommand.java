package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** NAMESPACE (RFC 2342): one personal namespace with "/" as delimiter; no shared or other-user namespaces. */
final class NamespaceCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        c.out().append("* NAMESPACE ((\"\" \"/\")) NIL NIL").crlf();
    }
}
