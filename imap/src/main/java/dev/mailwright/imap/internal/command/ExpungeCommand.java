package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Optional;
import java.util.Set;

/** EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1). */
final class ExpungeCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        Optional<UidSet> only = Optional.empty();
        SelectedMailbox selected = c.selected();
        if (c.uid()) {
            c.args().sp();
            only = Optional.of(selected.resolve(c.args().sequenceSet(), true));
        }
        c.args().end();
        if (selected.readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        if (only.isPresent() && only.get().isEmpty()) {
            return;
        }
        UidSet removed = selected.mailbox().expunge(only);
        selected.expunged(removed, c.out(), c.session().qresync());
        if (c.session().condstore()) {
            c.ok("HIGHESTMODSEQ " + selected.mailbox().changesSince(Long.MAX_VALUE).highestModSeq(), "EXPUNGE completed");
        }
    }
}
