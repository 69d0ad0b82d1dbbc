package dev.mailwright.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.mailwright.postgres.internal.Database;
import dev.mailwright.postgres.internal.Migrations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One PostgreSQL database shared by every node: a connection pool, with the schema brought
 * up to date when it opens. The mail store, user directory, queue and MTA-STS store of a node
 * all use one instance; close it after them.
 *
 * <pre>{@code
 * PostgresDatabase db = PostgresDatabase.builder()
 *         .url("jdbc:postgresql://db.example.org:5432/mailwright")
 *         .user("mailwright").password(secret).poolSize(10)
 *         .build();
 * MailStore store = PostgresMailStore.builder(db).build();
 * }</pre>
 *
 * <p>To keep Mailwright's tables apart from others in one database, give the JDBC URL a
 * {@code currentSchema} parameter naming an existing schema.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresDatabase.class);

    final Database database;
    private final String displayUrl;

    private PostgresDatabase(Database database, String displayUrl) {
        this.database = database;
        this.displayUrl = displayUrl;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The pool, for hosts that keep tables of their own beside Mailwright's. */
    public DataSource dataSource() {
        return database.pool();
    }

    /** Closes the pool. Close the stores that use it first. */
    @Override
    public void close() {
        database.close();
    }

    @Override
    public String toString() {
        return "PostgresDatabase[" + displayUrl + "]";
    }

    /** The URL without its query string, which may hold a password. */
    static String display(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    /** Settings of a {@link PostgresDatabase}; {@link #url} is required. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private int poolSize = 10;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration statementTimeout = Duration.ofSeconds(60);
        private String applicationName = "mailwright";

        private Builder() {}

        /** The JDBC URL, {@code jdbc:postgresql://host:port/database}. */
        public Builder url(String url) {
            this.url = Objects.requireNonNull(url, "url");
            return this;
        }

        public Builder user(String user) {
            this.user = Objects.requireNonNull(user, "user");
            return this;
        }

        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Most connections in the pool (default 10); each node holds one more for change events. */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /** How long to wait for the database to accept a connection (default 10 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** The longest a statement may run, and a row lock be waited for (default 60 s). */
        public Builder statementTimeout(Duration statementTimeout) {
            this.statementTimeout = Objects.requireNonNull(statementTimeout, "statementTimeout");
            return this;
        }

        /** The name the database shows for these connections (default {@code mailwright}). */
        public Builder applicationName(String applicationName) {
            this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
            return this;
        }

        /**
         * Connects, brings the schema up to date and returns the database.
         *
         * @throws IllegalArgumentException naming a setting that is wrong ({@code url: ...})
         * @throws IllegalStateException with one line when the database cannot be reached or
         *     its schema cannot be brought up to date
         */
        public PostgresDatabase build() {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("url: is required");
            }
            if (!url.startsWith("jdbc:postgresql:") || org.postgresql.Driver.parseURL(url, null) == null) {
                throw new IllegalArgumentException("url: not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                        + display(url));
            }
            if (poolSize < 1 || poolSize > 1000) {
                throw new IllegalArgumentException("pool-size: must be 1 to 1000, not " + poolSize);
            }
            if (connectTimeout.toMillis() < 250 || statementTimeout.toMillis() < 1000) {
                throw new IllegalArgumentException("connectTimeout must be at least 250 ms and statementTimeout at least 1 s");
            }
            String shown = display(url);
            Properties properties = properties();
            HikariConfig config = new HikariConfig();
            config.setPoolName("mailwright-postgres");
            config.setDriverClassName(org.postgresql.Driver.class.getName());
            config.setJdbcUrl(url);
            config.setDataSourceProperties(properties);
            config.setMaximumPoolSize(poolSize);
            config.setMinimumIdle(Math.min(2, poolSize));
            config.setConnectionTimeout(connectTimeout.toMillis());
            config.setInitializationFailTimeout(1);
            HikariDataSource pool;
            try {
                pool = new HikariDataSource(config);
            } catch (RuntimeException e) {
                throw new IllegalStateException("cannot connect to " + shown + ": " + rootMessage(e), e);
            }
            try {
                String channel = prepareSchema(pool);
                log.info("connected to {}", shown);
                return new PostgresDatabase(new Database(pool, url, properties, channel), shown);
            } catch (SQLException | RuntimeException e) {
                pool.close();
                throw new IllegalStateException("cannot prepare the database " + shown + ": " + rootMessage(e), e);
            }
        }

        private Properties properties() {
            Properties p = new Properties();
            if (user != null) {
                p.setProperty("user", user);
            }
            if (password != null) {
                p.setProperty("password", password);
            }
            p.setProperty("ApplicationName", applicationName);
            p.setProperty("connectTimeout", Long.toString(Math.max(1, connectTimeout.toSeconds())));
            p.setProperty("tcpKeepAlive", "true");
            long ms = statementTimeout.toMillis();
            // Every wait inside the database is bounded: statements, row locks, and a transaction
            // left open by a node that hangs.
            p.setProperty("options", "-c statement_timeout=" + ms + " -c lock_timeout=" + ms
                    + " -c idle_in_transaction_session_timeout=" + ms);
            return p;
        }

        /** Runs the migrations and returns the change-event channel of the schema in use. */
        private static String prepareSchema(HikariDataSource pool) throws SQLException {
            try (Connection c = pool.getConnection()) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                    rs.next();
                    String schema = rs.getString(1);
                    if (schema == null) {
                        throw new SQLException("the schema named by currentSchema in the URL does not exist");
                    }
                    Migrations.apply(c);
                    return channel(schema);
                }
            }
        }

        /** One channel per schema, so that schemas sharing a database do not wake each other. */
        private static String channel(String schema) {
            String channel = schema.equals("public") ? "mailwright" : "mailwright_" + schema;
            // Channel names are identifiers: at most 63 bytes.
            return channel.length() <= 63 ? channel : "mailwright_" + Integer.toHexString(schema.hashCode());
        }

        private static String rootMessage(Throwable e) {
            Throwable t = e;
            while (t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            return message.replaceAll("\\s+", " ").strip();
        }
    }
}
