package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.imap.internal.mailbox.MailboxNames;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;

/** Mailbox names as command arguments and in responses, in the session's wire encoding. */
final class MailboxArgument {

    private MailboxArgument() {}

    /** Reads and validates a mailbox name. */
    static MailboxName read(CommandContext c) throws ImapException {
        return MailboxNames.decode(c.args().astringBytes(), c.session().utf8());
    }

    /** Writes a mailbox name as a string (quoted or literal). */
    static void write(CommandContext c, MailboxName name) {
        write(c.out(), name.toString(), c.session().utf8());
    }

    static void write(ResponseWriter out, String name, boolean utf8) {
        out.string(MailboxNames.encode(name, utf8));
    }
}
