package dev.mailwright.postgres;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.SpoolingOutputStream;
import dev.mailwright.postgres.internal.Database;
import dev.mailwright.postgres.internal.QueueTables;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueueUpdate;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbound queue in PostgreSQL, shared by every node. Nodes claim due messages with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} and a lease (owner and expiry written in the same
 * statement), so no two nodes ever hold the same message. A node that dies leaves its leases
 * to run out; after that any node claims the messages and resumes them, with each recipient's
 * state as last written (recipients already delivered are not tried again). A node that stops
 * gives its leases back on {@link #close()}.
 *
 * <p>Lease times are the callers' clock readings: the nodes' clocks must agree (NTP) to well
 * within a lease.
 */
public final class PostgresQueueStorage implements QueueStorage {

    private static final Logger log = LoggerFactory.getLogger(PostgresQueueStorage.class);
    /** Messages read per query when visiting the whole queue. */
    private static final int PAGE = 200;

    private final Database database;
    private final Path spoolDir;
    private final int spoolThreshold;
    /** This storage instance, recorded with each lease it grants, so that close gives them back. */
    private final String instance;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresQueueStorage(Database database, Path spoolDir, int spoolThreshold) {
        this.database = database;
        this.spoolDir = spoolDir;
        this.spoolThreshold = spoolThreshold;
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        this.instance = java.util.HexFormat.of().formatHex(random);
    }

    /** The queue in {@code database}; messages read back are spooled in the system's temporary directory. */
    public static PostgresQueueStorage open(PostgresDatabase database) {
        return open(database, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** The queue in {@code database}; messages read back over 1 MiB are spooled in {@code spoolDir}. */
    public static PostgresQueueStorage open(PostgresDatabase database, Path spoolDir) {
        return new PostgresQueueStorage(database.database, Objects.requireNonNull(spoolDir, "spoolDir"),
                SpoolingOutputStream.DEFAULT_THRESHOLD);
    }

    @Override
    public QueuedMessage enqueue(Envelope envelope, MessageContent content, Instant now) {
        if (envelope.recipients().isEmpty()) {
            throw new IllegalArgumentException("a queued message needs at least one recipient");
        }
        String id = newId(now);
        return write("queueing a message", c -> QueueTables.insert(c, id, envelope, content, now));
    }

    private static String newId(Instant now) {
        return Long.toString(now.toEpochMilli(), 36).toUpperCase(Locale.ROOT) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36).toUpperCase(Locale.ROOT);
    }

    @Override
    public List<QueuedMessage> claim(String owner, Instant now, Duration leaseTime, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        Instant expires = now.plus(leaseTime);
        List<QueuedMessage> claimed = write("claiming queued messages", c -> {
            List<String> ids = new ArrayList<>();
            // Rows another node is claiming right now are skipped, not waited for.
            try (PreparedStatement p = c.prepareStatement("WITH due AS (SELECT id FROM queue_messages "
                    + "WHERE next_attempt <= ? AND (lease_expires IS NULL OR lease_expires <= ?) "
                    + "ORDER BY next_attempt, id LIMIT ? FOR UPDATE SKIP LOCKED) "
                    + "UPDATE queue_messages q SET lease_owner = ?, lease_expires = ?, lease_instance = ? "
                    + "FROM due WHERE q.id = due.id RETURNING q.id")) {
                setInstant(p, 1, now);
                setInstant(p, 2, now);
                p.setInt(3, limit);
                p.setString(4, owner);
                setInstant(p, 5, expires);
                p.setString(6, instance);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return QueueTables.load(c, ids);
        });
        List<QueuedMessage> ordered = new ArrayList<>(claimed);
        ordered.sort(Comparator.comparing(QueuedMessage::nextAttempt).thenComparing(QueuedMessage::id));
        return ordered;
    }

    @Override
    public boolean renew(String id, String owner, Instant expires) {
        return update("renewing a lease", "UPDATE queue_messages SET lease_expires = ? WHERE id = ? AND lease_owner = ?",
                p -> {
                    setInstant(p, 1, expires);
                    p.setString(2, id);
                    p.setString(3, owner);
                }) > 0;
    }

    @Override
    public boolean update(String id, String owner, QueueUpdate update) {
        return write("recording a delivery round", c -> QueueTables.update(c, id, owner, update));
    }

    @Override
    public boolean complete(String id, String owner) {
        return update("completing a queued message", "DELETE FROM queue_messages WHERE id = ? AND lease_owner = ?", p -> {
            p.setString(1, id);
            p.setString(2, owner);
        }) > 0;
    }

    @Override
    public boolean release(String id, String owner) {
        return update("releasing a lease", "UPDATE queue_messages SET lease_owner = NULL, lease_expires = NULL, "
                + "lease_instance = NULL WHERE id = ? AND lease_owner = ?", p -> {
                    p.setString(1, id);
                    p.setString(2, owner);
                }) > 0;
    }

    @Override
    public MessageContent content(String id) {
        Optional<MessageContent> content = read("reading a queued message",
                c -> QueueTables.content(c, id, spoolDir, spoolThreshold));
        return content.orElseThrow(() -> new QueueException("no queued message " + id));
    }

    @Override
    public Optional<QueuedMessage> find(String id) {
        return read("reading a queued message", c -> QueueTables.load(c, List.of(id))).stream().findFirst();
    }

    @Override
    public void forEach(Consumer<QueuedMessage> visitor) {
        String after = "";
        while (true) {
            String from = after;
            List<QueuedMessage> page = read("listing the queue", c -> {
                List<String> ids = new ArrayList<>();
                try (PreparedStatement p = c.prepareStatement(
                        "SELECT id FROM queue_messages WHERE id > ? ORDER BY id LIMIT " + PAGE)) {
                    p.setString(1, from);
                    try (ResultSet rs = p.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                }
                return QueueTables.load(c, ids);
            });
            // The visitor runs outside any transaction: it may take its time.
            page.forEach(visitor);
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    @Override
    public boolean remove(String id) {
        return update("removing a queued message", "DELETE FROM queue_messages WHERE id = ?", p -> p.setString(1, id)) > 0;
    }

    @Override
    public int reschedule(Instant when) {
        // A lease that has run out by then counts as none: its holder is gone.
        return update("rescheduling the queue", "UPDATE queue_messages SET next_attempt = ? "
                + "WHERE lease_owner IS NULL OR lease_expires <= ?", p -> {
                    setInstant(p, 1, when);
                    setInstant(p, 2, when);
                });
    }

    @Override
    public Optional<Instant> nextDue() {
        return read("reading the queue schedule", c -> {
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT min(next_attempt) FROM queue_messages WHERE lease_owner IS NULL");
                 ResultSet rs = p.executeQuery()) {
                rs.next();
                OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                return Optional.ofNullable(t).map(OffsetDateTime::toInstant);
            }
        });
    }

    /**
     * Gives back the leases this instance granted that no delivery has written back: a node
     * that stops hands its work to the others at once. (Its delivery logic releases them too;
     * this covers the rest.)
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            int released = database.write(c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE queue_messages SET lease_owner = NULL, "
                        + "lease_expires = NULL, lease_instance = NULL WHERE lease_instance = ?")) {
                    p.setString(1, instance);
                    return p.executeUpdate();
                }
            });
            if (released > 0) {
                log.info("gave back the leases of {} queued messages", released);
            }
        } catch (SQLException | IOException e) {
            log.warn("cannot give back this node's queue leases; they lapse when they expire: {}", e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "PostgresQueueStorage";
    }

    private static void setInstant(PreparedStatement p, int index, Instant instant) throws SQLException {
        p.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    private interface Binder {
        void bind(PreparedStatement p) throws SQLException;
    }

    private int update(String what, String sql, Binder binder) {
        return write(what, c -> {
            try (PreparedStatement p = c.prepareStatement(sql)) {
                binder.bind(p);
                return p.executeUpdate();
            }
        });
    }

    private <T> T write(String what, Database.Work<T> work) {
        checkOpen();
        try {
            return database.write(work);
        } catch (SQLException | IOException e) {
            throw new QueueException(what + " failed: " + e.getMessage(), e);
        }
    }

    private <T> T read(String what, Database.Work<T> work) {
        checkOpen();
        try {
            return database.read(work);
        } catch (SQLException | IOException e) {
            throw new QueueException(what + " failed: " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new QueueException("the queue storage is closed");
        }
    }
}
