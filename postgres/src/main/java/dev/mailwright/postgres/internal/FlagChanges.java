package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.StoreResult;
import dev.mailwright.core.store.UidSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * STORE (RFC 3501 §6.4.6) with UNCHANGEDSINCE (RFC 7162 §3.1.3): the addressed rows are read
 * under lock, the new flags computed here (keywords compare case-insensitively, which SQL
 * would not), and the rows that changed are written back in one statement with one new MODSEQ.
 */
final class FlagChanges {

    private FlagChanges() {}

    /** The result, and whether anything changed (then the mailbox's watchers are told). */
    record Outcome(StoreResult result, boolean changedAny) {}

    /** Runs with the mailbox row locked by the caller. */
    static Outcome apply(Connection c, long mailboxId, MailboxName name, UidSet uids, FlagUpdate update,
            OptionalLong unchangedSince) throws SQLException {
        if (uids.isEmpty()) {
            return new Outcome(new StoreResult(List.of(), UidSet.EMPTY), false);
        }
        List<MessageInfo> current;
        try (PreparedStatement p = c.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM messages m"
                + MessageRows.IN_RANGES + "WHERE m.mailbox_id = ? ORDER BY m.uid FOR UPDATE OF m")) {
            p.setFetchSize(5000);
            int next = MessageRows.bindRanges(c, p, 1, uids);
            p.setLong(next, mailboxId);
            try (ResultSet rs = p.executeQuery()) {
                current = new MessageRows.Reader().readAll(rs);
            }
        }
        UidSet.Builder modified = UidSet.builder();
        List<MessageInfo> kept = new ArrayList<>(current.size());
        List<Integer> changing = new ArrayList<>();
        List<Flags> newFlags = new ArrayList<>();
        for (MessageInfo info : current) {
            if (unchangedSince.isPresent() && info.modSeq() > unchangedSince.getAsLong()) {
                modified.add(info.uid());
                continue;
            }
            Flags next = update.applyTo(info.flags());
            if (!next.equals(info.flags())) {
                changing.add(kept.size());
                newFlags.add(next);
            }
            kept.add(info);
        }
        if (changing.isEmpty()) {
            return new Outcome(new StoreResult(kept, modified.build()), false);
        }
        long modSeq = MailboxRows.nextModSeq(c, mailboxId, name);
        long[] uidColumn = new long[changing.size()];
        Short[] bitsColumn = new Short[changing.size()];
        String[] keywordsColumn = new String[changing.size()];
        for (int i = 0; i < changing.size(); i++) {
            int index = changing.get(i);
            Flags flags = newFlags.get(i);
            MessageInfo before = kept.get(index);
            uidColumn[i] = before.uid();
            bitsColumn[i] = (short) MessageRows.bits(flags);
            // Keywords are atoms: no spaces, so a space-joined string carries a row's array.
            keywordsColumn[i] = String.join(" ", flags.keywords());
            kept.set(index, before.withFlags(flags, modSeq));
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE messages m SET flags = u.flags, "
                + "keywords = string_to_array(u.keywords, ' '), modseq = ? "
                + "FROM unnest(?::bigint[], ?::smallint[], ?::text[]) AS u(uid, flags, keywords) "
                + "WHERE m.mailbox_id = ? AND m.uid = u.uid")) {
            p.setLong(1, modSeq);
            p.setArray(2, Sql.bigints(c, uidColumn));
            p.setArray(3, c.createArrayOf("smallint", bitsColumn));
            p.setArray(4, c.createArrayOf("text", keywordsColumn));
            p.setLong(5, mailboxId);
            p.executeUpdate();
        }
        return new Outcome(new StoreResult(kept, modified.build()), true);
    }
}
