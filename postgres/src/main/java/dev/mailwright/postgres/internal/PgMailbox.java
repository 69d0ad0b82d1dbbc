package dev.mailwright.postgres.internal;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeStructure;
import dev.mailwright.core.store.CopyResult;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxListener;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.StoreResult;
import dev.mailwright.core.store.Subscription;
import dev.mailwright.core.store.UidSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An open mailbox in PostgreSQL, addressed by its row id, so that it keeps working across a
 * rename and reports NO_SUCH_MAILBOX once deleted (a mailbox created again under the same
 * name is another row with another UIDVALIDITY).
 */
public final class PgMailbox implements Mailbox {

    private final StoreContext context;
    private final long accountId;
    private final String account;
    private final QuotaPolicy.Limits limits;
    private final long id;
    private final long uidValidity;
    private volatile MailboxName name;

    PgMailbox(StoreContext context, long accountId, String account, QuotaPolicy.Limits limits, long id,
            MailboxName name, long uidValidity) {
        this.context = context;
        this.accountId = accountId;
        this.account = account;
        this.limits = limits;
        this.id = id;
        this.name = name;
        this.uidValidity = uidValidity;
    }

    /** The mailbox row's counters at one instant. */
    private record Head(long uidNext, long highestModSeq, long forgottenTo) {}

    private Head head(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT name, uid_next, highest_modseq, expunged_forgotten_to FROM mailboxes WHERE id = ?")) {
            p.setLong(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    throw MailStoreException.noSuchMailbox(name);
                }
                name = MailboxName.of(rs.getString(1));
                return new Head(rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    @Override
    public MailboxName name() {
        return name;
    }

    @Override
    public long uidValidity() {
        return uidValidity;
    }

    @Override
    public MailboxSnapshot snapshot() {
        return context.read("reading a mailbox", c -> {
            Head head = head(c);
            try (PreparedStatement p = c.prepareStatement("SELECT " + MessageRows.COLUMNS
                    + " FROM messages m WHERE m.mailbox_id = ? ORDER BY m.uid")) {
                p.setFetchSize(5000);
                p.setLong(1, id);
                try (ResultSet rs = p.executeQuery()) {
                    return new MailboxSnapshot(uidValidity, head.uidNext(), head.highestModSeq(),
                            new MessageRows.Reader().readAll(rs));
                }
            }
        });
    }

    @Override
    public List<MessageInfo> messages(UidSet uids) {
        if (uids.isEmpty()) {
            return List.of();
        }
        return context.read("reading messages", c -> {
            head(c);
            try (PreparedStatement p = c.prepareStatement("SELECT " + MessageRows.COLUMNS + " FROM messages m"
                    + MessageRows.IN_RANGES + "WHERE m.mailbox_id = ? ORDER BY m.uid")) {
                p.setFetchSize(5000);
                int next = MessageRows.bindRanges(c, p, 1, uids);
                p.setLong(next, id);
                try (ResultSet rs = p.executeQuery()) {
                    return new MessageRows.Reader().readAll(rs);
                }
            }
        });
    }

    @Override
    public MailboxChanges changesSince(long modSeq) {
        return context.read("reading mailbox changes", c -> {
            Head head = head(c);
            List<MessageInfo> changed;
            try (PreparedStatement p = c.prepareStatement("SELECT " + MessageRows.COLUMNS
                    + " FROM messages m WHERE m.mailbox_id = ? AND m.modseq > ? ORDER BY m.uid")) {
                p.setFetchSize(5000);
                p.setLong(1, id);
                p.setLong(2, modSeq);
                try (ResultSet rs = p.executeQuery()) {
                    changed = new MessageRows.Reader().readAll(rs);
                }
            }
            UidSet.Builder vanished = UidSet.builder();
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid")) {
                p.setFetchSize(5000);
                p.setLong(1, id);
                p.setLong(2, modSeq);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        vanished.add(rs.getLong(1));
                    }
                }
            }
            return new MailboxChanges(head.highestModSeq(), head.uidNext(), changed, vanished.build(),
                    modSeq >= head.forgottenTo());
        });
    }

    @Override
    public MessageContent content(long uid) {
        return context.read("reading a message", c -> {
            long[] body = body(c, uid);
            return Bodies.read(c, body[0], body[1], context.spoolDir, context.spoolThreshold);
        });
    }

    /**
     * The MIME structure parsed when the message was stored, so that FETCH BODYSTRUCTURE
     * need not read and parse the message again.
     *
     * @throws MailStoreException {@code NO_SUCH_MESSAGE}
     */
    @Override
    public Optional<MimeStructure> storedStructure(long uid) {
        return context.read("reading a message structure", c -> Bodies.structure(c, body(c, uid)[0]));
    }

    /** The body id and size of a message. */
    private long[] body(Connection c, long uid) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT body_id, size FROM messages WHERE mailbox_id = ? AND uid = ?")) {
            p.setLong(1, id);
            p.setLong(2, uid);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    head(c);
                    throw new MailStoreException(Reason.NO_SUCH_MESSAGE, "no message with UID " + uid);
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    @Override
    public StoreResult store(UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        FlagChanges.Outcome outcome = context.write("changing flags", c -> {
            name = MailboxRows.lockMailbox(c, id, name);
            FlagChanges.Outcome o = FlagChanges.apply(c, id, name, uids, update, unchangedSince);
            if (o.changedAny()) {
                context.notify(c, id);
            }
            return o;
        });
        if (outcome.changedAny()) {
            context.changed(id);
        }
        return outcome.result();
    }

    @Override
    public CopyResult copy(UidSet uids, MailboxName target) {
        return transfer(uids, target, false);
    }

    @Override
    public CopyResult move(UidSet uids, MailboxName target) {
        return transfer(uids, target, true);
    }

    private CopyResult transfer(UidSet uids, MailboxName targetName, boolean move) {
        long[] targetId = new long[1];
        CopyResult result = context.write(move ? "moving messages" : "copying messages", c -> {
            MailboxRows.lockAccount(c, accountId, account);
            long target = MailboxRows.idOf(c, accountId, account, targetName);
            targetId[0] = target;
            name = MailboxRows.lockMailbox(c, id, name);
            // The source rows are locked, so no one expunges them (and their bodies) meanwhile.
            long[] found = new long[0];
            long bytes = 0;
            if (!uids.isEmpty()) {
                try (PreparedStatement p = c.prepareStatement("SELECT m.uid, m.size FROM messages m" + MessageRows.IN_RANGES
                        + "WHERE m.mailbox_id = ? ORDER BY m.uid FOR " + (move ? "UPDATE" : "SHARE") + " OF m")) {
                    int next = MessageRows.bindRanges(c, p, 1, uids);
                    p.setLong(next, id);
                    try (ResultSet rs = p.executeQuery()) {
                        java.util.List<Long> list = new java.util.ArrayList<>();
                        while (rs.next()) {
                            list.add(rs.getLong(1));
                            bytes += rs.getLong(2);
                        }
                        found = list.stream().mapToLong(Long::longValue).toArray();
                    }
                }
            }
            Transfers.Target to = new Transfers.Target(target, targetName);
            if (move) {
                CopyResult moved = Transfers.move(c, id, name, found, to);
                if (found.length > 0) {
                    context.notify(c, target, id);
                }
                return moved;
            }
            MailboxRows.charge(c, accountId, account, limits, bytes, found.length);
            CopyResult copied = Transfers.copy(c, id, found, to);
            if (found.length > 0) {
                context.notify(c, target);
            }
            return copied;
        });
        if (!result.mapping().isEmpty()) {
            context.changed(targetId[0]);
            if (move && targetId[0] != id) {
                context.changed(id);
            }
        }
        return result;
    }

    @Override
    public UidSet expunge(Optional<UidSet> onlyThese) {
        if (onlyThese.isPresent() && onlyThese.get().isEmpty()) {
            return UidSet.EMPTY;
        }
        UidSet removed = context.write("expunging messages", c -> {
            MailboxRows.lockAccount(c, accountId, account);
            name = MailboxRows.lockMailbox(c, id, name);
            String sql = "DELETE FROM messages m WHERE m.mailbox_id = ? AND m.flags & " + MessageRows.DELETED + " <> 0"
                    + (onlyThese.isPresent() ? " AND m.uid IN (SELECT m2.uid FROM messages m2 JOIN unnest(?::bigint[], "
                            + "?::bigint[]) AS r(lo, hi) ON m2.uid BETWEEN r.lo AND r.hi WHERE m2.mailbox_id = ?)" : "")
                    + " RETURNING m.uid, m.size";
            UidSet.Builder gone = UidSet.builder();
            java.util.List<Long> list = new java.util.ArrayList<>();
            long bytes = 0;
            try (PreparedStatement p = c.prepareStatement(sql)) {
                p.setLong(1, id);
                if (onlyThese.isPresent()) {
                    int next = MessageRows.bindRanges(c, p, 2, onlyThese.get());
                    p.setLong(next, id);
                }
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        list.add(rs.getLong(1));
                        gone.add(rs.getLong(1));
                        bytes += rs.getLong(2);
                    }
                }
            }
            if (list.isEmpty()) {
                return UidSet.EMPTY;
            }
            long[] uids = list.stream().mapToLong(Long::longValue).sorted().toArray();
            long modSeq = MailboxRows.nextModSeq(c, id, name);
            MailboxRows.recordExpunged(c, id, uids, modSeq);
            MailboxRows.charge(c, accountId, account, limits, -bytes, -uids.length);
            context.notify(c, id);
            return gone.build();
        });
        if (!removed.isEmpty()) {
            context.changed(id);
        }
        return removed;
    }

    @Override
    public Subscription watch(MailboxListener listener) {
        return context.feed().watch(id, this::name, listener);
    }

    @Override
    public void close() {
        // Watchers are cancelled by their subscriptions; the handle holds nothing else.
    }
}
