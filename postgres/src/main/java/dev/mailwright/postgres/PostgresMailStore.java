package dev.mailwright.postgres;

import dev.mailwright.core.SpoolingOutputStream;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.postgres.internal.PgUserMail;
import dev.mailwright.postgres.internal.StoreContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The mail store for several nodes: every account, mailbox and message in one PostgreSQL
 * database. It passes the same contract suite as the in-memory and Maildir stores.
 *
 * <ul>
 *   <li>UIDs, UIDNEXT and MODSEQ come from an {@code UPDATE ... RETURNING} on the mailbox row
 *       in the transaction of the change; UIDVALIDITY from a sequence. Two nodes never hand
 *       out the same UID, and no UID is handed out twice.
 *   <li>Message bytes are stored once, in chunks, with the parsed MIME structure beside them;
 *       COPY adds a row that points at the same bytes.
 *   <li>Changes reach watchers on every node through LISTEN/NOTIFY.
 *   <li>Quota usage is counted in the account row, under its lock, in the transaction of
 *       every change, so it stays exact with concurrent writers on any number of nodes.
 * </ul>
 *
 * <p>Durability is PostgreSQL's: a change is acknowledged when its transaction has committed
 * (with the server's default {@code synchronous_commit = on}, after the WAL reached disk).
 */
public final class PostgresMailStore implements MailStore {

    /** Longest account name, in UTF-8 bytes: that of {@code Usernames}. */
    static final int MAX_ACCOUNT_BYTES = 320;

    private final PostgresDatabase database;
    private final StoreContext context;
    private final boolean ownsDatabase;

    private PostgresMailStore(PostgresDatabase database, StoreContext context, boolean ownsDatabase) {
        this.database = database;
        this.context = context;
        this.ownsDatabase = ownsDatabase;
    }

    public static Builder builder(PostgresDatabase database) {
        return new Builder(database);
    }

    @Override
    public UserMail open(String account) {
        long id = context.query("opening an account", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM mail_accounts WHERE name = ?")) {
                p.setString(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw MailStoreException.noSuchAccount(account);
                    }
                    return rs.getLong(1);
                }
            }
        });
        return new PgUserMail(context, id, account);
    }

    @Override
    public boolean exists(String account) {
        return context.query("looking up an account", c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM mail_accounts WHERE name = ?")) {
                p.setString(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    @Override
    public void createAccount(String account) {
        if (account == null || account.isBlank() || account.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)
                || account.getBytes(StandardCharsets.UTF_8).length > MAX_ACCOUNT_BYTES) {
            throw new MailStoreException(Reason.INVALID_NAME, "invalid account name");
        }
        context.write("creating an account", c -> {
            long id;
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mail_accounts (name) VALUES (?) RETURNING id")) {
                p.setString(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            } catch (SQLException e) {
                if ("23505".equals(e.getSQLState())) {
                    throw new MailStoreException(Reason.ACCOUNT_EXISTS, "account already exists: " + account);
                }
                throw e;
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO mailboxes (account_id, name, uid_validity) "
                    + "VALUES (?, 'INBOX', nextval('uid_validity'))")) {
                p.setLong(1, id);
                p.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void deleteAccount(String account) {
        long[] mailboxes = context.write("deleting an account", c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT b.id FROM mail_accounts a "
                    + "LEFT JOIN mailboxes b ON b.account_id = a.id WHERE a.name = ? FOR UPDATE OF a")) {
                p.setString(1, account);
                try (ResultSet rs = p.executeQuery()) {
                    if (!rs.next()) {
                        throw MailStoreException.noSuchAccount(account);
                    }
                    do {
                        long id = rs.getLong(1);
                        if (!rs.wasNull()) {
                            ids.add(id);
                        }
                    } while (rs.next());
                }
            }
            // Mailboxes, messages and subscriptions go by cascade; the trigger on messages releases the bodies.
            try (PreparedStatement p = c.prepareStatement("DELETE FROM mail_accounts WHERE name = ?")) {
                p.setString(1, account);
                p.executeUpdate();
            }
            long[] all = ids.stream().mapToLong(Long::longValue).toArray();
            if (all.length > 0) {
                context.notify(c, all);
            }
            return all;
        });
        context.changed(mailboxes);
    }

    @Override
    public List<String> accounts() {
        return context.query("listing accounts", c -> {
            List<String> names = new ArrayList<>();
            try (PreparedStatement p = c.prepareStatement("SELECT name FROM mail_accounts")) {
                p.setFetchSize(5000);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
            }
            names.sort(null);
            return names;
        });
    }

    /** Stops the change-event listener; the database too if the store {@link Builder#ownsDatabase owns} it. */
    @Override
    public void close() {
        context.close();
        if (ownsDatabase) {
            database.close();
        }
    }

    @Override
    public String toString() {
        return "PostgresMailStore[" + database + "]";
    }

    /** Settings of a {@link PostgresMailStore}. */
    public static final class Builder {
        private final PostgresDatabase database;
        private QuotaPolicy quota = QuotaPolicy.UNLIMITED;
        private Path spoolDir = Path.of(System.getProperty("java.io.tmpdir"));
        private int spoolThreshold = SpoolingOutputStream.DEFAULT_THRESHOLD;
        private boolean ownsDatabase;

        private Builder(PostgresDatabase database) {
            this.database = Objects.requireNonNull(database, "database");
        }

        /** Per-account limits; unlimited by default. */
        public Builder quota(QuotaPolicy quota) {
            this.quota = Objects.requireNonNull(quota, "quota");
            return this;
        }

        /**
         * Where messages read from the database wait while a session uses them: in memory up
         * to {@code threshold} bytes, in a temporary file in {@code dir} beyond (default: the
         * system's temporary directory, 1 MiB).
         */
        public Builder spool(Path dir, int threshold) {
            this.spoolDir = Objects.requireNonNull(dir, "dir");
            if (threshold < 0) {
                throw new IllegalArgumentException("spool threshold must not be negative: " + threshold);
            }
            this.spoolThreshold = threshold;
            return this;
        }

        /**
         * Makes the store close the database when it closes; for a store that is the only user
         * of its database (a command-line tool). By default the database belongs to the caller.
         */
        public Builder ownsDatabase() {
            this.ownsDatabase = true;
            return this;
        }

        public PostgresMailStore build() {
            return new PostgresMailStore(database, new StoreContext(database.database, quota, spoolDir, spoolThreshold),
                    ownsDatabase);
        }
    }
}
