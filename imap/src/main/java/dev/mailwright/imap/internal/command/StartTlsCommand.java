package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * STARTTLS (RFC 9051 §6.2.1): the OK goes out in plaintext and TLS starts right after it;
 * anything the client pipelined behind the command is discarded unread.
 */
final class StartTlsCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return NOT_AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().end();
        if (!c.session().connection().canStartTls()) {
            throw ImapException.bad(c.session().connection().isSecure() ? "TLS is already active" : "STARTTLS is not available here");
        }
        c.out().flush();
        c.session().connection().startTls((c.tag() + " OK Begin TLS negotiation now\r\n").getBytes(StandardCharsets.US_ASCII));
        c.replied();
    }
}
