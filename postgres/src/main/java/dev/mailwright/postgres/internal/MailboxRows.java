package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UidSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The rows that carry a mailbox's and an account's counters, and the row locks that order
 * every write: the account row first (quota), then mailbox rows, then message rows. UIDs and
 * MODSEQs come from {@code UPDATE ... RETURNING} on the mailbox row inside the transaction of
 * the change: the row lock makes writers on every node take turns, so no two get the same UID,
 * and a UID that was committed is never handed out again (one reserved by a transaction that
 * rolled back was never seen by anyone and is given to the next message).
 */
final class MailboxRows {

    /** Expunged UIDs remembered per mailbox for QRESYNC; the older half is forgotten past this. */
    static final int MAX_EXPUNGED = 100_000;

    private MailboxRows() {}

    /** The counters of a mailbox after a change reserved {@code count} UIDs and one MODSEQ. */
    record Reserved(long firstUid, long modSeq, long uidValidity) {}

    static MailStoreException noSuchAccount(String account) {
        return MailStoreException.noSuchAccount(account);
    }

    /** The id of an account's mailbox; fails with NO_SUCH_MAILBOX, or NO_SUCH_ACCOUNT if the account is gone. */
    static long idOf(Connection c, long accountId, String account, MailboxName name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM mailboxes WHERE account_id = ? AND name = ?")) {
            p.setLong(1, accountId);
            p.setString(2, name.toString());
            try (ResultSet rs = p.executeQuery()) {
                if (rs.next()) {
                    return rs.getLong(1);
                }
            }
        }
        checkAccount(c, accountId, account);
        throw MailStoreException.noSuchMailbox(name);
    }

    static void checkAccount(Connection c, long accountId, String account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM mail_accounts WHERE id = ?")) {
            p.setLong(1, accountId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw noSuchAccount(account);
                }
            }
        }
    }

    /** Takes the account's row lock: the first lock of every write that changes quota or mailboxes. */
    static void lockAccount(Connection c, long accountId, String account) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM mail_accounts WHERE id = ? FOR UPDATE")) {
            p.setLong(1, accountId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw noSuchAccount(account);
                }
            }
        }
    }

    /** Takes a mailbox's row lock and returns its current name; NO_SUCH_MAILBOX if it was deleted. */
    static MailboxName lockMailbox(Connection c, long mailboxId, MailboxName knownAs) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT name FROM mailboxes WHERE id = ? FOR UPDATE")) {
            p.setLong(1, mailboxId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw MailStoreException.noSuchMailbox(knownAs);
                }
                return MailboxName.of(rs.getString(1));
            }
        }
    }

    /**
     * Reserves {@code count} UIDs and one new MODSEQ in a mailbox. The row stays locked until
     * the transaction ends.
     */
    static Reserved reserve(Connection c, long mailboxId, MailboxName name, long count) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE mailboxes SET uid_next = uid_next + ?, "
                + "highest_modseq = highest_modseq + 1 WHERE id = ? RETURNING uid_next, highest_modseq, uid_validity")) {
            p.setLong(1, count);
            p.setLong(2, mailboxId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw MailStoreException.noSuchMailbox(name);
                }
                long next = rs.getLong(1);
                if (next - 1 > UidSet.MAX_UID) {
                    throw new MailStoreException(Reason.LIMIT, "mailbox " + name + " has used up its UIDs");
                }
                return new Reserved(next - count, rs.getLong(2), rs.getLong(3));
            }
        }
    }

    /** A new MODSEQ for a change that adds no message (flags, expunges). */
    static long nextModSeq(Connection c, long mailboxId, MailboxName name) throws SQLException {
        return reserve(c, mailboxId, name, 0).modSeq();
    }

    /**
     * Records {@code uids} as expunged at {@code modSeq} for QRESYNC, forgetting the older
     * half of the records when a mailbox has more than {@link #MAX_EXPUNGED}.
     */
    static void recordExpunged(Connection c, long mailboxId, long[] uids, long modSeq) throws SQLException {
        if (uids.length == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO expunged (mailbox_id, uid, modseq) "
                + "SELECT ?, u, ? FROM unnest(?::bigint[]) AS u "
                + "ON CONFLICT (mailbox_id, uid) DO UPDATE SET modseq = EXCLUDED.modseq")) {
            p.setLong(1, mailboxId);
            p.setLong(2, modSeq);
            p.setArray(3, Sql.bigints(c, uids));
            p.executeUpdate();
        }
        long count;
        try (PreparedStatement p = c.prepareStatement(
                "UPDATE mailboxes SET expunged_count = expunged_count + ? WHERE id = ? RETURNING expunged_count")) {
            p.setInt(1, uids.length);
            p.setLong(2, mailboxId);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                count = rs.getLong(1);
            }
        }
        if (count > MAX_EXPUNGED) {
            forgetOlderHalf(c, mailboxId, count);
        }
    }

    private static void forgetOlderHalf(Connection c, long mailboxId, long count) throws SQLException {
        long cutoff;
        try (PreparedStatement p = c.prepareStatement(
                "SELECT modseq FROM expunged WHERE mailbox_id = ? ORDER BY modseq OFFSET ? LIMIT 1")) {
            p.setLong(1, mailboxId);
            p.setLong(2, count / 2);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                cutoff = rs.getLong(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("WITH gone AS (DELETE FROM expunged WHERE mailbox_id = ? "
                + "AND modseq <= ? RETURNING 1) UPDATE mailboxes SET expunged_count = expunged_count - (SELECT count(*) FROM gone), "
                + "expunged_forgotten_to = GREATEST(expunged_forgotten_to, ?) WHERE id = ?")) {
            p.setLong(1, mailboxId);
            p.setLong(2, cutoff);
            p.setLong(3, cutoff);
            p.setLong(4, mailboxId);
            p.executeUpdate();
        }
    }

    /**
     * Adds to an account's usage (negative to give back) under its row lock, refusing with
     * OVER_QUOTA when an addition would pass a limit.
     */
    static void charge(Connection c, long accountId, String account, QuotaPolicy.Limits limits, long bytes, long messages)
            throws SQLException {
        if (bytes == 0 && messages == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE mail_accounts SET used_bytes = used_bytes + ?, "
                + "used_messages = used_messages + ? WHERE id = ? RETURNING used_bytes, used_messages")) {
            p.setLong(1, bytes);
            p.setLong(2, messages);
            p.setLong(3, accountId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw noSuchAccount(account);
                }
                boolean adding = bytes > 0 || messages > 0;
                if (adding && (limits.bytes().isPresent() && rs.getLong(1) > limits.bytes().getAsLong()
                        || limits.messages().isPresent() && rs.getLong(2) > limits.messages().getAsLong())) {
                    throw new MailStoreException(Reason.OVER_QUOTA, "quota exceeded for " + account);
                }
            }
        }
    }
}
