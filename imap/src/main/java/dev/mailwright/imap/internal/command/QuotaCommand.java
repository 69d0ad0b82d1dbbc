package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.Quota;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/**
 * GETQUOTA and GETQUOTAROOT (RFC 9208): one quota root, {@code ""}, for the whole account,
 * with STORAGE in KiB (rounded up) and MESSAGE counts, each shown only when limited. An
 * account without limits has no quota root at all: a QUOTA response needs at least one
 * resource (RFC 9208 §9).
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
            Quota quota = c.session().mail().quota();
            c.out().append("* QUOTAROOT ");
            MailboxArgument.write(c, name);
            if (limited(quota)) {
                c.out().append(" \"\"").crlf();
                write(c.out(), quota);
            } else {
                c.out().crlf();
            }
        } else {
            String root = c.args().astring();
            c.args().end();
            Quota quota = c.session().mail().quota();
            if (!root.isEmpty() || !limited(quota)) {
                throw ImapException.no("NONEXISTENT", limited(quota)
                        ? "No such quota root; the account's root is \"\"" : "No quota root: this account has no limits");
            }
            write(c.out(), quota);
        }
    }

    private static boolean limited(Quota quota) {
        return quota.limitBytes().isPresent() || quota.limitMessages().isPresent();
    }

    private static void write(ResponseWriter out, Quota quota) {
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
