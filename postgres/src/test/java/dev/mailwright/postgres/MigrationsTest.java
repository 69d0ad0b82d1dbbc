package dev.mailwright.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The schema is built once, by whichever node starts first, and never from edited scripts. */
@TestDatabases.RequiresPostgres
class MigrationsTest {

    private TestDatabases.TestSchema schema;

    @BeforeEach
    void create() {
        schema = TestDatabases.schema();
    }

    @AfterEach
    void drop() {
        schema.close();
    }

    private List<String> versions() throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = schema.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, description FROM schema_version ORDER BY version")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2));
            }
        }
        return rows;
    }

    @Test
    void nodesStartingTogetherBuildTheSchemaOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PostgresDatabase>> nodes = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                nodes.add(pool.submit(() -> schema.open()));
            }
            for (Future<PostgresDatabase> node : nodes) {
                node.get(60, TimeUnit.SECONDS).close();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(versions()).containsExactly("1 schema");
        schema.open().close();
        assertThat(versions()).containsExactly("1 schema");
    }

    @Test
    void anEditedMigrationIsRefused() throws Exception {
        schema.open().close();
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE schema_version SET checksum = 'edited' WHERE version = 1");
        }
        assertThatThrownBy(() -> schema.open()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("migration V1 was changed after it was applied");
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        schema.open().close();
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO schema_version (version, description, checksum) VALUES (99, 'future', 'x')");
        }
        assertThatThrownBy(() -> schema.open()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database schema is at version 99, newer than this Mailwright knows (1)");
    }
}
