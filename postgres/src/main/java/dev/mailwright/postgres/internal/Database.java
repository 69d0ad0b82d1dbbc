package dev.mailwright.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool and the transaction discipline every table class uses: writes run in READ
 * COMMITTED transactions that take row locks in one order (account, then mailbox, then
 * messages), and are retried when PostgreSQL aborts them for a deadlock or a serialization
 * failure; reads that need one consistent instant run REPEATABLE READ.
 */
public final class Database implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Database.class);
    private static final int MAX_TRIES = 5;

    private final HikariDataSource pool;
    private final String url;
    private final Properties properties;
    private final String channel;

    public Database(HikariDataSource pool, String url, Properties properties, String channel) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.url = Objects.requireNonNull(url, "url");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** Work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    public HikariDataSource pool() {
        return pool;
    }

    /** The LISTEN/NOTIFY channel of this schema's change events. */
    public String channel() {
        return channel;
    }

    /** A connection outside the pool, for a session that must stay open (LISTEN). */
    public Connection openUnpooled() throws SQLException {
        return DriverManager.getConnection(url, properties);
    }

    /**
     * Runs {@code work} in a read-write transaction and commits it; retried from the start
     * (so it must have no effects outside the transaction) after a deadlock or serialization
     * failure.
     */
    public <T> T write(Work<T> work) throws SQLException, IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work, false);
            } catch (SQLException e) {
                if (attempt >= MAX_TRIES || !isRetryable(e)) {
                    throw e;
                }
                log.debug("transaction aborted ({}), trying again", e.getSQLState());
                pause(attempt);
            }
        }
    }

    /** Runs {@code work} in a read-only REPEATABLE READ transaction: every query sees the same instant. */
    public <T> T read(Work<T> work) throws SQLException, IOException {
        return transaction(work, true);
    }

    /** Runs {@code work} outside a transaction: for single statements, one round trip each. */
    public <T> T query(Work<T> work) throws SQLException, IOException {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        }
    }

    private <T> T transaction(Work<T> work, boolean readOnly) throws SQLException, IOException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (readOnly) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    }
                }
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException | Error e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    private static void rollbackQuietly(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Deadlock detected, serialization failure: the transaction may simply be run again. */
    static boolean isRetryable(SQLException e) {
        String state = e.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
