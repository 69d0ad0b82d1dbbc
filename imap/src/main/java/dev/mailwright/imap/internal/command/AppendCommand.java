package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.AppendResult;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.Literal;
import dev.mailwright.imap.internal.session.SessionState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * APPEND (RFC 9051 §6.3.12) with flags and internal date, {@code literal8} (RFC 3516) and
 * the UTF8 form (RFC 6855 §4). The size limit was enforced when the literal was
 * announced (APPENDLIMIT, RFC 7889); the reply carries APPENDUID (RFC 4315).
 */
final class AppendCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        Arguments args = c.args();
        args.sp();
        MailboxName name = MailboxArgument.read(c);
        args.sp();
        Flags flags = Flags.NONE;
        if (args.peek() == '(') {
            flags = StoreCommand.toFlags(args.flagList(false));
            args.sp();
        }
        Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (args.peek() == '"') {
            date = args.dateTime().toInstant();
            args.sp();
        }
        Literal message;
        if (args.peekKeyword("UTF8")) {
            args.keyword();
            args.sp();
            args.expect('(');
            message = args.literal();
            if (!message.binary()) {
                throw ImapException.bad("UTF8 APPEND needs a literal8");
            }
            args.expect(')');
        } else {
            message = args.literal();
        }
        args.end();
        if (message.size() == 0) {
            throw ImapException.no("An empty message cannot be appended");
        }
        if (message.size() > c.engine().limits().appendLimit()) {
            throw ImapException.no("TOOBIG", "Message larger than the limit of " + c.engine().limits().appendLimit() + " bytes");
        }
        AppendResult result;
        try {
            result = c.session().mail().append(name, message.content(), flags, date);
        } catch (MailStoreException e) {
            if (e.reason() == MailStoreException.Reason.NO_SUCH_MAILBOX) {
                throw ImapException.no("TRYCREATE", "No such mailbox; create it first");
            }
            throw e;
        }
        c.ok("APPENDUID " + result.uidValidity() + " " + result.uid(), "APPEND completed");
    }
}
