package dev.mailwright.postgres.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.EsmtpExtension;
import dev.mailwright.core.EsmtpParameters;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.smtp.outbound.spi.AttemptRecord;
import dev.mailwright.smtp.outbound.spi.Lease;
import dev.mailwright.smtp.outbound.spi.QueueUpdate;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientOutcome;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The outbound queue's rows: one per message (envelope, schedule, lease), one per recipient
 * (its state and last outcome), one per recent attempt, and the bytes in chunks. Messages are
 * read in batches: three queries for any number of them.
 */
public final class QueueTables {

    private static final Set<EsmtpExtension> ALL = EsmtpExtension.all();

    private QueueTables() {}

    /** Inserts a new message with every recipient pending, and its bytes. */
    public static QueuedMessage insert(Connection c, String id, Envelope envelope, MessageContent content, Instant now)
            throws SQLException, IOException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO queue_messages "
                + "(id, sender, mail_params, created, next_attempt, size) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, id);
            p.setString(2, envelope.sender().map(MailAddress::toString).orElse(""));
            p.setString(3, envelope.mailOptions().toParameters().toString());
            Sql.setInstant(p, 4, now);
            Sql.setInstant(p, 5, now);
            p.setLong(6, content.size());
            p.executeUpdate();
        }
        List<RecipientState> recipients = new ArrayList<>();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO queue_recipients "
                + "(message_id, position, address, params, status) VALUES (?, ?, ?, ?, ?)")) {
            int position = 0;
            for (Envelope.Recipient r : envelope.recipients()) {
                RecipientState state = RecipientState.pending(r);
                recipients.add(state);
                p.setString(1, id);
                p.setInt(2, position++);
                p.setString(3, r.address().toString());
                p.setString(4, r.options().toParameters().toString());
                p.setString(5, state.status().name());
                p.addBatch();
            }
            p.executeBatch();
        }
        Bodies.writeChunks(c, "INSERT INTO queue_chunks (message_id, seq, data) VALUES (?, ?, ?)", id, content);
        return new QueuedMessage(id, envelope.sender(), envelope.mailOptions(), recipients, now, now, 0, content.size(),
                List.of(), false, Optional.empty());
    }

    /** The bytes of a message, spooled; empty if there is no such message. */
    public static Optional<MessageContent> content(Connection c, String id, Path spoolDir, int threshold)
            throws SQLException, IOException {
        long size;
        try (PreparedStatement p = c.prepareStatement("SELECT size FROM queue_messages WHERE id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                size = rs.getLong(1);
            }
        }
        return Optional.of(Bodies.readChunks(c, "SELECT data FROM queue_chunks WHERE message_id = ? ORDER BY seq",
                id, size, spoolDir, threshold));
    }

    /** The messages with these ids that exist, in the order given. */
    public static List<QueuedMessage> load(Connection c, List<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, List<RecipientState>> recipients = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM queue_recipients WHERE message_id = ANY (?) "
                + "ORDER BY message_id, position")) {
            p.setArray(1, Sql.texts(c, ids));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    recipients.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>()).add(recipient(rs));
                }
            }
        }
        Map<String, List<AttemptRecord>> history = new HashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM queue_attempts WHERE message_id = ANY (?) "
                + "ORDER BY message_id, seq")) {
            p.setArray(1, Sql.texts(c, ids));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    history.computeIfAbsent(rs.getString("message_id"), k -> new ArrayList<>()).add(attempt(rs));
                }
            }
        }
        Map<String, QueuedMessage> found = new LinkedHashMap<>();
        try (PreparedStatement p = c.prepareStatement("SELECT * FROM queue_messages WHERE id = ANY (?)")) {
            p.setArray(1, Sql.texts(c, ids));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("id");
                    found.put(id, message(rs, recipients.getOrDefault(id, List.of()), history.getOrDefault(id, List.of())));
                }
            }
        }
        List<QueuedMessage> ordered = new ArrayList<>(found.size());
        for (String id : ids) {
            QueuedMessage m = found.get(id);
            if (m != null) {
                ordered.add(m);
            }
        }
        return ordered;
    }

    private static QueuedMessage message(ResultSet rs, List<RecipientState> recipients, List<AttemptRecord> history)
            throws SQLException {
        String sender = rs.getString("sender");
        String owner = rs.getString("lease_owner");
        Instant expires = Sql.instant(rs, "lease_expires");
        Optional<Lease> lease = owner == null || expires == null ? Optional.empty() : Optional.of(new Lease(owner, expires));
        return new QueuedMessage(rs.getString("id"),
                sender.isEmpty() ? Optional.empty() : Optional.of(MailAddress.parse(sender)),
                MailOptions.fromParameters(EsmtpParameters.parse(rs.getString("mail_params")), ALL),
                recipients, Sql.instant(rs, "created"), Sql.instant(rs, "next_attempt"), rs.getInt("attempts"),
                rs.getLong("size"), history, rs.getBoolean("delay_notified"), lease);
    }

    private static RecipientState recipient(ResultSet rs) throws SQLException {
        Envelope.Recipient recipient = new Envelope.Recipient(MailAddress.parse(rs.getString("address")),
                RcptOptions.fromParameters(EsmtpParameters.parse(rs.getString("params")), ALL));
        int code = rs.getInt("last_code");
        Optional<RecipientOutcome> last = rs.wasNull() ? Optional.empty()
                : Optional.of(new RecipientOutcome(Sql.instant(rs, "last_time"), code, rs.getString("last_enhanced"),
                        rs.getString("last_text"), rs.getString("last_remote")));
        return new RecipientState(recipient, RecipientState.Status.valueOf(rs.getString("status")), last);
    }

    private static AttemptRecord attempt(ResultSet rs) throws SQLException {
        TlsOutcome tls = new TlsOutcome(TlsOutcome.Security.valueOf(rs.getString("tls_security")),
                TlsOutcome.Policy.valueOf(rs.getString("tls_policy")), rs.getString("tls_protocol"),
                rs.getString("tls_cipher"), rs.getString("tls_failure"));
        return new AttemptRecord(Sql.instant(rs, "time"), rs.getString("domain"), rs.getString("host"),
                rs.getString("address"), tls, rs.getString("result"));
    }

    /**
     * Writes a delivery round back and clears the lease, if {@code owner} holds it; the message
     * row is locked first, so the round and a competing claim never interleave.
     */
    public static boolean update(Connection c, String id, String owner, QueueUpdate update) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("UPDATE queue_messages SET attempts = ?, next_attempt = ?, "
                + "delay_notified = ?, lease_owner = NULL, lease_expires = NULL, lease_instance = NULL "
                + "WHERE id = ? AND lease_owner = ?")) {
            p.setInt(1, update.attempts());
            Sql.setInstant(p, 2, update.nextAttempt());
            p.setBoolean(3, update.delayNotified());
            p.setString(4, id);
            p.setString(5, owner);
            if (p.executeUpdate() == 0) {
                return false;
            }
        }
        try (PreparedStatement p = c.prepareStatement("UPDATE queue_recipients SET status = ?, last_time = ?, "
                + "last_code = ?, last_enhanced = ?, last_text = ?, last_remote = ? WHERE message_id = ? AND position = ?")) {
            int position = 0;
            for (RecipientState r : update.recipients()) {
                p.setString(1, r.status().name());
                RecipientOutcome last = r.last().orElse(null);
                Sql.setInstant(p, 2, last == null ? null : last.time());
                if (last == null) {
                    p.setNull(3, Types.INTEGER);
                } else {
                    p.setInt(3, last.code());
                }
                p.setString(4, last == null ? null : last.enhancedStatus());
                p.setString(5, last == null ? null : last.text());
                p.setString(6, last == null ? null : last.remoteMta());
                p.setString(7, id);
                p.setInt(8, position++);
                p.addBatch();
            }
            p.executeBatch();
        }
        appendAttempts(c, id, update.newAttempts());
        return true;
    }

    private static void appendAttempts(Connection c, String id, List<AttemptRecord> attempts) throws SQLException {
        if (attempts.isEmpty()) {
            return;
        }
        int next;
        try (PreparedStatement p = c.prepareStatement("SELECT coalesce(max(seq) + 1, 0) FROM queue_attempts WHERE message_id = ?")) {
            p.setString(1, id);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO queue_attempts (message_id, seq, time, domain, host, "
                + "address, tls_security, tls_policy, tls_protocol, tls_cipher, tls_failure, result) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (AttemptRecord a : attempts) {
                p.setString(1, id);
                p.setInt(2, next++);
                Sql.setInstant(p, 3, a.time());
                p.setString(4, a.domain());
                p.setString(5, a.host());
                p.setString(6, a.address());
                p.setString(7, a.tls().security().name());
                p.setString(8, a.tls().policy().name());
                p.setString(9, a.tls().protocol());
                p.setString(10, a.tls().cipherSuite());
                p.setString(11, a.tls().failure());
                p.setString(12, a.result());
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("DELETE FROM queue_attempts WHERE message_id = ? AND seq < ?")) {
            p.setString(1, id);
            p.setInt(2, next - QueuedMessage.MAX_HISTORY);
            p.executeUpdate();
        }
    }
}
