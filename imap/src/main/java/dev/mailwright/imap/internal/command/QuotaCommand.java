package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.Quota;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208): one quota root, {@code ""}, for the whole account,
 * with STORAGE in KiB (rounded up) and MESSAGE counts, each shown only when limited.
 */
final class QuotaCommand implements Command {

    private final boolean byMailbox;

    QuotaCommand(boolean byMailbox) {
        this.byMailbox = byMailbox;
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        if (byMailbox) {
            MailboxName name = MailboxArgument.read(c);
            c.args().end();
            c.session().mail().status(name);
            c.out().append("* QUOTAROOT ");
            MailboxArgument.write(c, name);
            c.out().append(" \"\"").crlf();
        } else {
            String root = c.args().astring();
            c.args().end();
            if (!root.isEmpty()) {
                throw ImapException.no("NONEXISTENT", "No such quota root; the account's root is \"\"");
            }
        }
        write(c.out(), c.session().mail().quota());
    }

    static void write(ResponseWriter out, Quota quota) {
        out.append("* QUOTA \"\" (");
        boolean any = false;
        if (quota.limitBytes().isPresent()) {
            out.append("STORAGE ").append(kib(quota.usedBytes())).append(' ').append(quota.limitBytes().getAsLong() / 1024);
            any = true;
        }
        if (quota.limitMessages().isPresent()) {
            out.append(any ? " " : "").append("MESSAGE ").append(quota.usedMessages()).append(' ')
                    .append(quota.limitMessages().getAsLong());
        }
        out.append(')').crlf();
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
