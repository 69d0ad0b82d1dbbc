package dev.mailwright.postgres.internal;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.QuotaPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every part of a PostgreSQL mail store shares: the database, the change feed, the
 * quota policy, where fetched messages are spooled, and the translation of database
 * failures into {@link MailStoreException}s whose text is safe to show a user.
 */
public final class StoreContext {

    private static final Logger log = LoggerFactory.getLogger(StoreContext.class);

    final Database database;
    final ChangeFeed feed;
    final QuotaPolicy quota;
    final Path spoolDir;
    final int spoolThreshold;
    private final AtomicBoolean closed = new AtomicBoolean();

    public StoreContext(Database database, QuotaPolicy quota, Path spoolDir, int spoolThreshold) {
        this.database = database;
        this.feed = new ChangeFeed(database);
        this.quota = quota;
        this.spoolDir = spoolDir;
        this.spoolThreshold = spoolThreshold;
    }

    /** Runs a write transaction; {@code what} names the operation in the log if it fails. */
    public <T> T write(String what, Database.Work<T> work) {
        checkOpen();
        try {
            return database.write(work);
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    /** Runs a read-only transaction that sees one instant. */
    public <T> T read(String what, Database.Work<T> work) {
        checkOpen();
        try {
            return database.read(work);
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    /** Runs a single statement outside a transaction: one round trip. */
    public <T> T query(String what, Database.Work<T> work) {
        checkOpen();
        try {
            return database.query(work);
        } catch (SQLException | IOException e) {
            throw failure(what, e);
        }
    }

    private static MailStoreException failure(String what, Exception e) {
        // The database's text may name tables and values; it goes to the log, not to the user.
        log.warn("{} failed: {}", what, e.getMessage());
        return new MailStoreException(Reason.STORAGE, "the mail database is unavailable, try again later", e);
    }

    /** Queues a change event for these mailboxes; PostgreSQL sends it when the transaction commits. */
    public void notify(Connection c, long... mailboxIds) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            StringJoiner ids = new StringJoiner(",");
            for (long id : mailboxIds) {
                // A payload must stay under 8000 bytes: many mailboxes take several notifications.
                if (ids.length() > 7000) {
                    send(p, ids.toString());
                    ids = new StringJoiner(",");
                }
                ids.add(Long.toString(id));
            }
            send(p, ids.toString());
        }
    }

    private void send(PreparedStatement p, String payload) throws SQLException {
        p.setString(1, database.channel());
        p.setString(2, payload);
        p.execute();
    }

    /** Wakes this node's watchers of these mailboxes; call after commit. */
    public void changed(long... mailboxIds) {
        for (long id : mailboxIds) {
            feed.changed(id);
        }
    }

    public ChangeFeed feed() {
        return feed;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new MailStoreException(Reason.STORAGE, "the mail store is closed");
        }
    }

    public void close() {
        if (closed.compareAndSet(false, true)) {
            feed.close();
        }
    }
}
