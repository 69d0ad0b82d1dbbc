package dev.mailwright.postgres.internal;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeStructure;
import dev.mailwright.core.store.AppendResult;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxStatus;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.Quota;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.SpecialUse;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One account's mail in PostgreSQL. Handles are cheap: an account id and a name. */
public final class PgUserMail implements UserMail {

    private final StoreContext context;
    private final long accountId;
    private final String account;
    private final QuotaPolicy.Limits limits;
    private final MailboxTree tree;

    public PgUserMail(StoreContext context, long accountId, String account) {
        this.context = context;
        this.accountId = accountId;
        this.account = account;
        this.limits = context.quota.limitsFor(account);
        this.tree = new MailboxTree(accountId, account);
    }

    @Override
    public String account() {
        return account;
    }

    @Override
    public List<MailboxInfo> mailboxes() {
        return context.read("listing mailboxes", c -> {
            List<MailboxInfo> list = new ArrayList<>();
            for (MailboxTree.Row row : tree.rows(c)) {
                list.add(new MailboxInfo(row.name(), row.specialUse()));
            }
            return list;
        });
    }

    @Override
    public void create(MailboxName name, Set<SpecialUse> specialUse) {
        context.write("creating a mailbox", c -> {
            MailboxRows.lockAccount(c, accountId, account);
            tree.create(c, name, specialUse);
            return null;
        });
    }

    @Override
    public void delete(MailboxName name) {
        long id = context.write("deleting a mailbox", c -> {
            MailboxRows.lockAccount(c, accountId, account);
            long gone = tree.delete(c, name);
            context.notify(c, gone);
            return gone;
        });
        context.changed(id);
    }

    @Override
    public void rename(MailboxName from, MailboxName to) {
        long[] changed = context.write("renaming a mailbox", c -> {
            MailboxRows.lockAccount(c, accountId, account);
            long[] ids = tree.rename(c, from, to);
            if (ids.length > 0) {
                context.notify(c, ids);
            }
            return ids;
        });
        context.changed(changed);
    }

    @Override
    public List<MailboxName> subscriptions() {
        return context.read("listing subscriptions", c -> {
            MailboxRows.checkAccount(c, accountId, account);
            List<MailboxName> names = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT mailbox FROM subscriptions WHERE account_id = ?")) {
                p.setLong(1, accountId);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        names.add(MailboxName.of(rs.getString(1)));
                    }
                }
            }
            names.sort(null);
            return names;
        });
    }

    @Override
    public void subscribe(MailboxName name, boolean subscribed) {
        context.write("changing a subscription", c -> {
            MailboxRows.checkAccount(c, accountId, account);
            String sql = subscribed
                    ? "INSERT INTO subscriptions (account_id, mailbox) VALUES (?, ?) ON CONFLICT DO NOTHING"
                    : "DELETE FROM subscriptions WHERE account_id = ? AND mailbox = ?";
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, accountId);
                p.setString(2, name.toString());
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public MailboxStatus status(MailboxName name) {
        return context.read("reading mailbox status", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT b.uid_next, b.uid_validity, b.highest_modseq, "
                    + "count(m.uid) AS messages, "
                    + "count(m.uid) FILTER (WHERE m.flags & " + MessageRows.SEEN + " = 0) AS unseen, "
                    + "coalesce(sum(m.size), 0) AS size, "
                    + "count(m.uid) FILTER (WHERE m.flags & " + MessageRows.DELETED + " <> 0) AS deleted "
                    + "FROM mailboxes b LEFT JOIN messages m ON m.mailbox_id = b.id "
                    + "WHERE b.account_id = ? AND b.name = ? GROUP BY b.id")) {
                p.setLong(1, accountId);
                p.setString(2, name.toString());
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        return new MailboxStatus(rs.getLong("messages"), rs.getLong("unseen"), rs.getLong("uid_next"),
                                rs.getLong("uid_validity"), rs.getLong("highest_modseq"), rs.getLong("size"),
                                rs.getLong("deleted"));
                    }
                }
            }
            MailboxRows.checkAccount(c, accountId, account);
            throw MailStoreException.noSuchMailbox(name);
        });
    }

    @Override
    public AppendResult append(MailboxName name, MessageContent content, Flags flags, Instant internalDate) {
        // Parsed before the transaction, once: FETCH BODYSTRUCTURE then reads it from the row.
        MimeStructure structure;
        try {
            structure = MimeStructure.parse(content);
        } catch (IOException e) {
            throw new MailStoreException(Reason.STORAGE, "cannot read the message to store", e);
        }
        long size = content.size();
        long[] mailbox = new long[1];
        AppendResult result = context.write("appending a message", c -> {
            long mailboxId = MailboxRows.idOf(c, accountId, account, name);
            mailbox[0] = mailboxId;
            checkRoom(c, size);
            // The bytes go in before any lock is taken, so a large upload delays no one.
            long bodyId = Bodies.insert(c, content, structure);
            // The charge's UPDATE takes the account row lock: the first lock of this transaction.
            MailboxRows.charge(c, accountId, account, limits, size, 1);
            MailboxRows.Reserved reserved = MailboxRows.reserve(c, mailboxId, name, 1);
            try (PreparedStatement p = c.prepareStatement("INSERT INTO messages "
                    + "(mailbox_id, uid, modseq, flags, keywords, internal_date, size, body_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                p.setLong(1, mailboxId);
                p.setLong(2, reserved.firstUid());
                p.setLong(3, reserved.modSeq());
                p.setShort(4, (short) MessageRows.bits(flags));
                p.setArray(5, Sql.texts(c, flags.keywords()));
                Sql.setInstant(p, 6, internalDate);
                p.setLong(7, size);
                p.setLong(8, bodyId);
                p.executeUpdate();
            }
            context.notify(c, mailboxId);
            return new AppendResult(reserved.uidValidity(), reserved.firstUid(), reserved.modSeq());
        });
        context.changed(mailbox[0]);
        return result;
    }

    /** Refuses early, without uploading, what would be over quota already; the exact check comes under the lock. */
    private void checkRoom(Connection c, long size) throws SQLException {
        if (limits.bytes().isEmpty() && limits.messages().isEmpty()) {
            return;
        }
        Quota now = quota(c);
        if (!now.allows(size, 1)) {
            throw new MailStoreException(Reason.OVER_QUOTA, "quota exceeded for " + account);
        }
    }

    @Override
    public Mailbox select(MailboxName name) {
        return context.read("opening a mailbox", c -> {
            long id = MailboxRows.idOf(c, accountId, account, name);
            try (PreparedStatement p = c.prepareStatement("SELECT uid_validity FROM mailboxes WHERE id = ?")) {
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    return new PgMailbox(context, accountId, account, limits, id, name, rs.getLong(1));
                }
            }
        });
    }

    @Override
    public Quota quota() {
        return context.read("reading quota", this::quota);
    }

    private Quota quota(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT used_bytes, used_messages FROM mail_accounts WHERE id = ?")) {
            p.setLong(1, accountId);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw MailStoreException.noSuchAccount(account);
                }
                return new Quota(rs.getLong(1), rs.getLong(2), limits.bytes(), limits.messages());
            }
        }
    }

    @Override
    public void close() {
        // A handle holds no connection; each call borrows one from the pool.
    }
}
