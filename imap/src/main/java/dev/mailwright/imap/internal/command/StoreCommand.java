package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.StoreResult;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.protocol.SequenceSet;
import dev.mailwright.imap.internal.session.SelectedMailbox;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.StringJoiner;

/**
 * STORE and UID STORE (RFC 9051 §6.4.6): FLAGS, +FLAGS and -FLAGS, each optionally
 * .SILENT, with CONDSTORE's UNCHANGEDSINCE and MODIFIED (RFC 7162 §3.1.3).
 */
final class StoreCommand implements Command {

    @Override
    public Set<SessionState> states() {
        return SELECTED;
    }

    @Override
    public boolean expungeAllowed(boolean uid) {
        return uid;
    }

    @Override
    public void execute(CommandContext c) throws ImapException {
        Arguments args = c.args();
        args.sp();
        SequenceSet set = args.sequenceSet();
        args.sp();
        OptionalLong unchangedSince = OptionalLong.empty();
        if (args.tryChar('(')) {
            String modifier = args.keyword();
            if (!modifier.equals("UNCHANGEDSINCE")) {
                throw ImapException.bad("Unknown STORE modifier " + modifier);
            }
            args.sp();
            unchangedSince = OptionalLong.of(args.number64());
            args.expect(')');
            args.sp();
            c.session().enableCondstore();
        }
        String item = args.atom().toUpperCase(java.util.Locale.ROOT);
        FlagUpdate.Mode mode;
        String base = item;
        if (item.startsWith("+")) {
            mode = FlagUpdate.Mode.ADD;
            base = item.substring(1);
        } else if (item.startsWith("-")) {
            mode = FlagUpdate.Mode.REMOVE;
            base = item.substring(1);
        } else {
            mode = FlagUpdate.Mode.REPLACE;
        }
        boolean silent = base.equals("FLAGS.SILENT");
        if (!silent && !base.equals("FLAGS")) {
            throw ImapException.bad("Unknown STORE item " + item);
        }
        args.sp();
        Flags flags = toFlags(args.flagList(true));
        args.end();
        SelectedMailbox selected = c.selected();
        if (selected.readOnly()) {
            throw ImapException.no("READ-ONLY", "Mailbox is read-only");
        }
        UidSet uids = selected.resolve(set, c.uid());
        StoreResult result = uids.isEmpty() ? new StoreResult(List.of(), UidSet.EMPTY)
                : selected.mailbox().store(uids, new FlagUpdate(mode, flags), unchangedSince);
        ResponseWriter out = c.out();
        boolean condstore = c.session().condstore();
        for (MessageInfo m : result.messages()) {
            int seq = selected.seq(m.uid());
            if (seq == 0) {
                continue;
            }
            selected.reported(m.uid(), m.modSeq());
            // RFC 7162 §3.1.3: with UNCHANGEDSINCE the new MODSEQ is reported even when silent.
            if (silent && unchangedSince.isEmpty()) {
                continue;
            }
            StringJoiner items = new StringJoiner(" ");
            if (!silent) {
                items.add("FLAGS " + m.flags());
            }
            if (c.uid() || c.session().qresync()) {
                items.add("UID " + m.uid());
            }
            if (condstore) {
                items.add("MODSEQ (" + m.modSeq() + ")");
            }
            out.append("* ").append(seq).append(" FETCH (").append(items.toString()).append(')').crlf();
        }
        if (!result.modified().isEmpty()) {
            c.ok("MODIFIED " + (c.uid() ? result.modified().toString() : toSeqs(selected, result.modified())), "Conditional STORE failed for some messages");
        }
    }

    private static String toSeqs(SelectedMailbox selected, UidSet uids) {
        UidSet.Builder seqs = UidSet.builder();
        for (long uid : uids) {
            int seq = selected.seq(uid);
            if (seq > 0) {
                seqs.add(seq);
            }
        }
        return seqs.build().toString();
    }

    /** Flag names as stored flags; {@code \Recent} cannot be stored and is ignored (RFC 3501 §2.3.2). */
    static Flags toFlags(List<String> names) throws ImapException {
        List<String> kept = new ArrayList<>(names.size());
        for (String name : names) {
            if (!name.equalsIgnoreCase("\\Recent")) {
                kept.add(name);
            }
        }
        try {
            return Flags.of(kept);
        } catch (IllegalArgumentException e) {
            if (kept.size() > Flags.MAX_KEYWORDS) {
                throw ImapException.no("LIMIT", "At most " + Flags.MAX_KEYWORDS + " keywords per message");
            }
            throw ImapException.bad("Invalid flag: " + e.getMessage());
        }
    }
}
