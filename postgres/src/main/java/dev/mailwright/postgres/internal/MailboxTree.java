package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.SpecialUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * An account's mailbox hierarchy: create with parents, delete, rename with children (RFC 3501
 * §6.3). Every change runs with the account row locked by the caller, so the checks (name
 * taken, special use taken, children present) and the change see the same tree.
 */
final class MailboxTree {

    /** Most mailboxes one account may have. */
    static final int MAX_MAILBOXES = 10_000;

    private final long accountId;
    private final String account;

    MailboxTree(long accountId, String account) {
        this.accountId = accountId;
        this.account = account;
    }

    /** One mailbox row. */
    record Row(long id, MailboxName name, Set<SpecialUse> specialUse) {}

    /** Every mailbox of the account, sorted by name; NO_SUCH_ACCOUNT if the account is gone. */
    List<Row> rows(Connection c) throws SQLException {
        TreeMap<MailboxName, Row> rows = new TreeMap<>();
        boolean account = false;
        try (PreparedStatement p = c.prepareStatement("SELECT a.id, b.id AS mailbox, b.name, b.special_use "
                + "FROM mail_accounts a LEFT JOIN mailboxes b ON b.account_id = a.id WHERE a.id = ?")) {
            p.setLong(1, accountId);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    account = true;
                    String name = rs.getString("name");
                    if (name != null) {
                        Set<SpecialUse> uses = EnumSet.noneOf(SpecialUse.class);
                        for (String use : Sql.texts(rs, "special_use")) {
                            uses.add(SpecialUse.valueOf(use));
                        }
                        MailboxName parsed = MailboxName.of(name);
                        rows.put(parsed, new Row(rs.getLong("mailbox"), parsed, uses));
                    }
                }
            }
        }
        if (!account) {
            throw MailStoreException.noSuchAccount(this.account);
        }
        return new ArrayList<>(rows.values());
    }

    void create(Connection c, MailboxName name, Set<SpecialUse> specialUse) throws SQLException {
        TreeMap<MailboxName, Row> existing = byName(rows(c));
        if (existing.containsKey(name)) {
            throw MailStoreException.mailboxExists(name);
        }
        for (SpecialUse use : specialUse) {
            for (Row other : existing.values()) {
                if (other.specialUse().contains(use)) {
                    throw new MailStoreException(Reason.CANNOT, use.attribute() + " is already used by " + other.name());
                }
            }
        }
        List<MailboxName> missing = new ArrayList<>();
        for (MailboxName parent = name.parent().orElse(null); parent != null; parent = parent.parent().orElse(null)) {
            if (!existing.containsKey(parent)) {
                missing.add(parent);
            }
        }
        if (existing.size() + missing.size() + 1 > MAX_MAILBOXES) {
            throw new MailStoreException(Reason.LIMIT, "an account may have at most " + MAX_MAILBOXES + " mailboxes");
        }
        for (MailboxName parent : missing) {
            insert(c, parent, Set.of());
        }
        insert(c, name, specialUse);
    }

    private long insert(Connection c, MailboxName name, Set<SpecialUse> specialUse) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO mailboxes (account_id, name, special_use, uid_validity) "
                + "VALUES (?, ?, ?, nextval('uid_validity')) RETURNING id")) {
            p.setLong(1, accountId);
            p.setString(2, name.toString());
            p.setArray(3, Sql.texts(c, specialUse.stream().map(Enum::name).sorted().toList()));
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Deletes a childless mailbox other than INBOX, gives its usage back, and returns its id. */
    long delete(Connection c, MailboxName name) throws SQLException {
        TreeMap<MailboxName, Row> existing = byName(rows(c));
        Row row = existing.get(name);
        if (row == null) {
            throw MailStoreException.noSuchMailbox(name);
        }
        if (name.isInbox()) {
            throw new MailStoreException(Reason.CANNOT, "INBOX cannot be deleted");
        }
        MailboxName next = existing.higherKey(name);
        if (next != null && name.isAncestorOf(next)) {
            throw new MailStoreException(Reason.HAS_CHILDREN, "mailbox has children: " + name);
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE mail_accounts a SET used_bytes = a.used_bytes - s.bytes, "
                + "used_messages = a.used_messages - s.n FROM (SELECT coalesce(sum(size), 0) AS bytes, count(*) AS n "
                + "FROM messages WHERE mailbox_id = ?) s WHERE a.id = ?")) {
            p.setLong(1, row.id());
            p.setLong(2, accountId);
            p.executeUpdate();
        }
        // Messages and expunge records go by cascade; the trigger on messages releases the bodies.
        try (PreparedStatement p = c.prepareStatement("DELETE FROM mailboxes WHERE id = ?")) {
            p.setLong(1, row.id());
            p.executeUpdate();
        }
        return row.id();
    }

    /** Renames a mailbox with its children; returns the ids of mailboxes whose content changed. */
    long[] rename(Connection c, MailboxName from, MailboxName to) throws SQLException {
        TreeMap<MailboxName, Row> existing = byName(rows(c));
        Row source = existing.get(from);
        if (source == null) {
            throw MailStoreException.noSuchMailbox(from);
        }
        if (existing.containsKey(to)) {
            throw MailStoreException.mailboxExists(to);
        }
        if (from.equals(to) || from.isAncestorOf(to)) {
            throw new MailStoreException(Reason.CANNOT, "cannot rename " + from + " to a name below itself");
        }
        if (from.isInbox()) {
            return renameInbox(c, source, to);
        }
        List<Row> moving = new ArrayList<>();
        moving.add(source);
        for (Row row : existing.tailMap(from, false).values()) {
            if (!from.isAncestorOf(row.name())) {
                break;
            }
            moving.add(row);
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE mailboxes SET name = ? WHERE id = ?")) {
            for (Row row : moving) {
                p.setString(1, row.name().reparent(from, to).toString());
                p.setLong(2, row.id());
                p.addBatch();
            }
            p.executeBatch();
        }
        // Parents of the new name that do not exist yet appear, as CREATE would make them.
        TreeMap<MailboxName, Row> after = byName(rows(c));
        for (MailboxName parent = to.parent().orElse(null); parent != null; parent = parent.parent().orElse(null)) {
            if (!after.containsKey(parent)) {
                insert(c, parent, Set.of());
            }
        }
        return moving.stream().mapToLong(Row::id).toArray();
    }

    /** RFC 3501 §6.3.5: INBOX's messages move to a new mailbox; INBOX stays, empty, with its UIDVALIDITY. */
    private long[] renameInbox(Connection c, Row inbox, MailboxName to) throws SQLException {
        create(c, to, Set.of());
        long targetId = -1;
        for (Row row : rows(c)) {
            if (row.name().equals(to)) {
                targetId = row.id();
            }
        }
        List<Long> uids = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement(
                "SELECT uid FROM messages WHERE mailbox_id = ? ORDER BY uid FOR UPDATE")) {
            p.setLong(1, inbox.id());
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getLong(1));
                }
            }
        }
        long[] all = uids.stream().mapToLong(Long::longValue).toArray();
        Transfers.move(c, inbox.id(), inbox.name(), all, new Transfers.Target(targetId, to));
        return new long[] {inbox.id(), targetId};
    }

    private static TreeMap<MailboxName, Row> byName(List<Row> rows) {
        TreeMap<MailboxName, Row> map = new TreeMap<>();
        for (Row row : rows) {
            map.put(row.name(), row);
        }
        return map;
    }
}
