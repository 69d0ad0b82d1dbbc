package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.protocol.SequenceSet;
import dev.mailwright.imap.internal.session.ImapSession;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;
import java.util.TreeSet;

/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2, §6.3.3), with the CONDSTORE parameter (RFC 7162
 * §3.1.8) and QRESYNC (§3.2.5): after the usual responses, a resynchronising client gets
 * VANISHED (EARLIER) and FETCH responses for what changed since its MODSEQ.
 */
final class SelectCommand implements Command {

    private static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public Set<SessionState> states() {
        return AUTHENTICATED;
    }

    /** QRESYNC parameters. */
    private record Resync(long uidValidity, long modSeq, SequenceSet knownUids) {}

    @Override
    public void execute(CommandContext c) throws ImapException {
        Arguments args = c.args();
        args.sp();
        MailboxName name = MailboxArgument.read(c);
        Resync resync = null;
        if (args.tryChar(' ')) {
            args.expect('(');
            do {
                String parameter = args.keyword();
                if (parameter.equals("CONDSTORE")) {
                    c.session().enableCondstore();
                } else if (parameter.equals("QRESYNC")) {
                    if (!c.session().qresync()) {
                        throw ImapException.bad("QRESYNC must be enabled first");
                    }
                    resync = resync(args);
                } else {
                    throw ImapException.bad("Unknown SELECT parameter " + parameter);
                }
            } while (args.tryChar(' '));
            args.expect(')');
        }
        args.end();

        ImapSession session = c.session();
        boolean hadMailbox = session.selected() != null;
        session.unselect();
        if (hadMailbox) {
            c.out().append("* OK [CLOSED] Previous mailbox closed").crlf();
        }
        Mailbox mailbox = session.mail().select(name);
        SelectedMailbox selected;
        try {
            selected = new SelectedMailbox(mailbox, readOnly, session::mailboxChanged);
        } catch (RuntimeException e) {
            mailbox.close();
            throw e;
        }
        session.select(selected);
        MailboxSnapshot snapshot = selected.takeInitialSnapshot();
        writeSelectResponses(c, selected, snapshot);
        if (resync != null) {
            resync(c, selected, resync);
        }
        c.ok(readOnly ? "READ-ONLY" : "READ-WRITE", (readOnly ? "EXAMINE" : "SELECT") + " completed");
    }

    private static Resync resync(Arguments args) throws ImapException {
        args.sp();
        args.expect('(');
        long uidValidity = args.nzNumber();
        args.sp();
        long modSeq = args.number64();
        SequenceSet known = null;
        if (args.tryChar(' ')) {
            if (args.peek() != '(') {
                known = args.sequenceSet();
                if (known.usesStar()) {
                    throw ImapException.bad("known-uids must not contain '*'");
                }
                args.tryChar(' ');
            }
            if (args.tryChar('(')) {
                // seq-match-data: the client's sample of sequence numbers and UIDs. The full
                // VANISHED list below makes it unnecessary, so it is checked and not used.
                args.sequenceSet();
                args.sp();
                args.sequenceSet();
                args.expect(')');
            }
        }
        args.expect(')');
        return new Resync(uidValidity, modSeq, known);
    }

    private void writeSelectResponses(CommandContext c, SelectedMailbox selected, MailboxSnapshot snapshot) {
        ResponseWriter out = c.out();
        TreeSet<String> keywords = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        long firstUnseen = 0;
        int seq = 0;
        for (MessageInfo m : snapshot.messages()) {
            seq++;
            keywords.addAll(m.flags().keywords());
            if (firstUnseen == 0 && !m.flags().contains(Flags.SystemFlag.SEEN)) {
                firstUnseen = seq;
            }
        }
        StringBuilder flags = new StringBuilder(SYSTEM_FLAGS);
        for (String k : keywords) {
            flags.append(' ').append(k);
        }
        out.append("* FLAGS (").append(flags.toString()).append(')').crlf();
        if (readOnly) {
            out.append("* OK [PERMANENTFLAGS ()] Read-only mailbox").crlf();
        } else {
            out.append("* OK [PERMANENTFLAGS (").append(flags.toString()).append(" \\*)] Flags permitted").crlf();
        }
        out.append("* ").append(selected.count()).append(" EXISTS").crlf();
        if (!c.session().rev2()) {
            out.append("* 0 RECENT").crlf();
            if (firstUnseen > 0) {
                out.append("* OK [UNSEEN ").append(firstUnseen).append("] First unseen message").crlf();
            }
        }
        out.append("* OK [UIDVALIDITY ").append(snapshot.uidValidity()).append("] UIDs valid").crlf();
        out.append("* OK [UIDNEXT ").append(snapshot.uidNext()).append("] Predicted next UID").crlf();
        out.append("* OK [HIGHESTMODSEQ ").append(snapshot.highestModSeq()).append("] Highest").crlf();
        if (c.session().rev2()) {
            out.append("* LIST () \"/\" ");
            MailboxArgument.write(c, selected.name());
            out.crlf();
        }
    }

    private static void resync(CommandContext c, SelectedMailbox selected, Resync resync) {
        if (resync.uidValidity() != selected.uidValidity()) {
            return;
        }
        MailboxChanges changes = selected.mailbox().changesSince(resync.modSeq());
        UidSet vanished = changes.vanished();
        if (resync.knownUids() != null) {
            UidSet known = resync.knownUids().resolve(UidSet.MAX_UID);
            UidSet.Builder kept = UidSet.builder();
            for (long uid : vanished) {
                if (known.contains(uid)) {
                    kept.add(uid);
                }
            }
            if (!changes.vanishedComplete()) {
                // The store forgot old expunges: every known UID that is not here any more vanished.
                UidSet present = selected.all();
                for (int r = 0; r < known.rangeCount() && known.size() <= 1_000_000; r++) {
                    for (long uid = known.rangeStart(r); uid <= known.rangeEnd(r); uid++) {
                        if (uid < selected.uidNext() && !present.contains(uid)) {
                            kept.add(uid);
                        }
                    }
                }
            }
            vanished = kept.build();
        }
        ResponseWriter out = c.out();
        if (!vanished.isEmpty()) {
            out.append("* VANISHED (EARLIER) ").append(vanished.toString()).crlf();
        }
        for (MessageInfo m : changes.changed()) {
            int seq = selected.seq(m.uid());
            if (seq == 0) {
                continue;
            }
            out.append("* ").append(seq).append(" FETCH (UID ").append(m.uid()).append(" FLAGS ")
                    .append(m.flags().toString()).append(" MODSEQ (").append(m.modSeq()).append("))").crlf();
            selected.reported(m.uid(), m.modSeq());
        }
    }
}
