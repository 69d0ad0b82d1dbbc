package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.MailboxName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * COPY and MOVE inside one transaction: the target's UIDs are reserved with one update of its
 * row, and the messages are added (COPY: new rows sharing the bodies) or re-homed (MOVE: the
 * rows change mailbox and UID, so bodies and quota stay as they are, and the source records
 * the old UIDs as expunged). The caller holds the account lock and passes the source UIDs,
 * ascending, of messages it has locked.
 */
final class Transfers {

    private Transfers() {}

    /** The target of a transfer. */
    record Target(long id, MailboxName name) {}

    static CopyResult copy(Connection c, long sourceId, long[] uids, Target target) throws SQLException {
        MailboxRows.Reserved reserved = MailboxRows.reserve(c, target.id(), target.name(), uids.length);
        if (uids.length > 0) {
            try (PreparedStatement p = c.prepareStatement("INSERT INTO messages "
                    + "(mailbox_id, uid, modseq, flags, keywords, internal_date, size, body_id) "
                    + "SELECT ?, ? + r.ord - 1, ?, m.flags, m.keywords, m.internal_date, m.size, m.body_id "
                    + "FROM unnest(?::bigint[]) WITH ORDINALITY AS r(uid, ord) "
                    + "JOIN messages m ON m.mailbox_id = ? AND m.uid = r.uid")) {
                p.setLong(1, target.id());
                p.setLong(2, reserved.firstUid());
                p.setLong(3, reserved.modSeq());
                p.setArray(4, Sql.bigints(c, uids));
                p.setLong(5, sourceId);
                p.executeUpdate();
            }
        }
        return result(uids, reserved);
    }

    static CopyResult move(Connection c, long sourceId, MailboxName sourceName, long[] uids, Target target)
            throws SQLException {
        MailboxRows.Reserved reserved = MailboxRows.reserve(c, target.id(), target.name(), uids.length);
        if (uids.length > 0) {
            // The new UIDs are at least the target's old UIDNEXT, so no row can be in their way,
            // also when source and target are the same mailbox.
            try (PreparedStatement p = c.prepareStatement("UPDATE messages m SET mailbox_id = ?, "
                    + "uid = ? + r.ord - 1, modseq = ? FROM unnest(?::bigint[]) WITH ORDINALITY AS r(uid, ord) "
                    + "WHERE m.mailbox_id = ? AND m.uid = r.uid")) {
                p.setLong(1, target.id());
                p.setLong(2, reserved.firstUid());
                p.setLong(3, reserved.modSeq());
                p.setArray(4, Sql.bigints(c, uids));
                p.setLong(5, sourceId);
                p.executeUpdate();
            }
            long modSeq = MailboxRows.nextModSeq(c, sourceId, sourceName);
            MailboxRows.recordExpunged(c, sourceId, uids, modSeq);
        }
        return result(uids, reserved);
    }

    private static CopyResult result(long[] uids, MailboxRows.Reserved reserved) {
        List<CopyResult.UidMapping> mapping = new ArrayList<>(uids.length);
        for (int i = 0; i < uids.length; i++) {
            mapping.add(new CopyResult.UidMapping(uids[i], reserved.firstUid() + i));
        }
        return new CopyResult(reserved.uidValidity(), mapping);
    }
}
