package dev.mailwright.postgres.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date at start: the versioned scripts under {@code db/migration}
 * that the {@code schema_version} table does not list yet are run in order, in one
 * transaction, while holding an advisory lock so that nodes starting together do not race.
 * A script already applied must not change (its checksum is kept), and a database whose
 * schema is newer than this code is refused rather than used.
 */
public final class Migrations {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    /** Every migration, in order. A schema change is a new entry here, never an edit of an old script. */
    static final List<Script> SCRIPTS = List.of(new Script(1, "schema"));

    /** Arbitrary but fixed: the advisory lock that serialises migrations of one database. */
    private static final long LOCK_KEY = 0x6d61696c77726967L;

    private Migrations() {}

    /** One versioned script, {@code db/migration/V<version>__<description>.sql}. */
    record Script(int version, String description) {
        String resource() {
            return "/db/migration/V" + version + "__" + description + ".sql";
        }

        String text() {
            try (InputStream in = Migrations.class.getResourceAsStream(resource())) {
                if (in == null) {
                    throw new IllegalStateException("migration script missing from the jar: " + resource());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + resource(), e);
            }
        }
    }

    /**
     * Applies what is missing and commits.
     *
     * @return the versions applied now (empty when the schema was current)
     * @throws SQLException if a script fails (nothing of this run is kept) or the database
     *     holds a schema this code must not touch; the message says which
     */
    public static List<Integer> apply(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            List<Integer> applied = applyLocked(c, SCRIPTS);
            c.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static List<Integer> applyLocked(Connection c, List<Script> scripts) throws SQLException {
        try (Statement s = c.createStatement()) {
            // A migration of a large table may take long, and so may waiting for another node's.
            s.execute("SET LOCAL statement_timeout = '15min'");
            s.execute("SET LOCAL lock_timeout = '15min'");
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version integer PRIMARY KEY, description text NOT NULL, checksum text NOT NULL, "
                    + "applied timestamptz NOT NULL DEFAULT now())");
        }
        Map<Integer, String> done = new TreeMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version, checksum FROM schema_version")) {
            while (rs.next()) {
                done.put(rs.getInt(1), rs.getString(2));
            }
        }
        int newest = scripts.get(scripts.size() - 1).version();
        for (int version : done.keySet()) {
            if (version > newest) {
                throw new SQLException("the database schema is at version " + version
                        + ", newer than this Mailwright knows (" + newest + "); upgrade Mailwright");
            }
        }
        List<Integer> applied = new java.util.ArrayList<>();
        for (Script script : scripts) {
            String text = script.text();
            String checksum = checksum(text);
            String recorded = done.get(script.version());
            if (recorded != null) {
                if (!recorded.equals(checksum)) {
                    throw new SQLException("migration V" + script.version() + " was changed after it was applied"
                            + " (schema changes go into a new migration)");
                }
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute(text);
            }
            try (PreparedStatement p = c.prepareStatement(
                    "INSERT INTO schema_version (version, description, checksum) VALUES (?, ?, ?)")) {
                p.setInt(1, script.version());
                p.setString(2, script.description());
                p.setString(3, checksum);
                p.executeUpdate();
            }
            applied.add(script.version());
            log.info("applied database migration V{} ({})", script.version(), script.description());
        }
        return applied;
    }

    static String checksum(String text) {
        try {
            // Line ends do not count: a checkout that turned LF into CRLF has not changed a script.
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
