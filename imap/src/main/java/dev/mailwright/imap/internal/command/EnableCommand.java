package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.ImapSession;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/** ENABLE (RFC 5161) for CONDSTORE, QRESYNC, IMAP4rev2 and UTF8=ACCEPT; others are ignored. */
final class EnableCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return Set.of(SessionState.AUTHENTICATED);
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        StringBuilder enabled = new StringBuilder();
        ImapSession s = c.session();
        if (c.args().atEnd()) {
            throw ImapException.bad("ENABLE needs at least one capability");
        }
        while (!c.args().atEnd()) {
            c.args().sp();
            String capability = c.args().keyword();
            boolean newly = switch (capability) {
                case "CONDSTORE" -> {
                    boolean was = s.condstore();
                    s.enableCondstore();
                    yield !was;
                }
                case "QRESYNC" -> {
                    boolean was = s.qresync();
                    s.enableQresync();
                    yield !was;
                }
                case "IMAP4REV2" -> {
                    boolean was = s.rev2();
                    s.enableRev2();
                    yield !was;
                }
                case "UTF8=ACCEPT" -> {
                    boolean was = s.utf8();
                    s.enableUtf8();
                    yield !was;
                }
                default -> false;
            };
            if (newly) {
                enabled.append(' ').append(capability);
            }
        }
        c.out().append("* ENABLED").append(enabled.toString()).crlf();
    }
}
