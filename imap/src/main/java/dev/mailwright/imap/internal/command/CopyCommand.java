package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.SequenceSet;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/**
 * COPY (RFC 9051 §6.4.7) and MOVE (RFC 6851), plain and UID, answered with COPYUID
 * (RFC 4315). MOVE sends COPYUID untagged before the expunges of the moved messages.
 */
final class CopyCommand implements Command {

    private final boolean move;

    CopyCommand(boolean move) {
        this.move = move;
    }

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        c.args().sp();
        SequenceSet set = c.args().sequenceSet();
        c.args().sp();
        MailboxName target = MailboxArgument.read(c);
        c.args().end();
        SelectedMailbox selected = c.selected();
        UidSet uids = selected.resolve(set, c.uid());
        if (move && selected.readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        if (uids.isEmpty()) {
            if (c.uid()) {
                return;
            }
            throw ImapException.no("No messages to " + (move ? "move" : "copy"));
        }
        CopyResult result;
        try {
            result = move ? selected.mailbox().move(uids, target) : selected.mailbox().copy(uids, target);
        } catch (MailStoreException e) {
            if (e.reason() == MailStoreException.Reason.NO_SUCH_MAILBOX) {
                throw ImapException.no("TRYCREATE", "No such mailbox; create it first");
            }
            throw e;
        }
        String copyUid = result.mapping().isEmpty() ? null
                : "COPYUID " + result.targetUidValidity() + " " + result.sourceUids() + " " + result.targetUids();
        if (move) {
            if (copyUid != null) {
                c.out().append("* OK [").append(copyUid).append("] Moved").crlf();
            }
            selected.expunged(result.sourceUids(), c.out(), c.session().qresync());
            return;
        }
        if (copyUid != null) {
            c.ok(copyUid, "COPY completed");
        }
    }
}
