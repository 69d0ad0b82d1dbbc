package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.SpecialUse;
import dev.mailwright.imap.internal.mailbox.MailboxNames;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.EnumSet;
import java.util.Set;

/**
 * CREATE (RFC 9051 §6.3.4), with CREATE-SPECIAL-USE's USE parameter (RFC 6154 §3). A
 * trailing delimiter only declares the intent to create children (RFC 3501 §6.3.3).
 */
final class CreateCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        String text = MailboxNames.decodeText(c.args().astringBytes(), c.session().utf8());
        if (text.length() > 1 && text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        MailboxName name = MailboxNames.validate(text);
        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
        if (c.args().tryChar(' ')) {
            c.args().expect('(');
            String parameter = c.args().keyword();
            if (!parameter.equals("USE")) {
                throw ImapException.bad("Unknown CREATE parameter " + parameter);
            }
            c.args().sp();
            for (String attribute : c.args().flagList(false)) {
                uses.add(SpecialUse.fromAttribute(attribute)
                        .orElseThrow(() -> ImapException.no("USEATTR", "Unknown special-use attribute " + attribute)));
            }
            c.args().expect(')');
        }
        c.args().end();
        if (name.isInbox()) {
            throw ImapException.no("ALREADYEXISTS", "INBOX always exists");
        }
        try {
            c.session().mail().create(name, uses);
        } catch (dev.mailwright.core.store.MailStoreException e) {
            if (!uses.isEmpty() && e.reason() == dev.mailwright.core.store.MailStoreException.Reason.CANNOT) {
                throw ImapException.no("USEATTR", "That special use is already given to another mailbox");
            }
            throw e;
        }
    }
}
