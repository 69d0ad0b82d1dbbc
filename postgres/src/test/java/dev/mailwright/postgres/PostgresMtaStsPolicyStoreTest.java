package dev.mailwright.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.smtp.outbound.spi.StoredPolicy;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@TestDatabases.RequiresPostgres
class PostgresMtaStsPolicyStoreTest {

    private static final String POLICY = "version: STSv1\r\nmode: enforce\r\nmx: mx.example.net\r\nmax_age: 86400\r\n";

    private TestDatabases.TestSchema schema;
    private PostgresDatabase nodeA;
    private PostgresDatabase nodeB;

    @BeforeEach
    void open() {
        schema = TestDatabases.schema();
        nodeA = schema.open();
        nodeB = schema.open();
    }

    @AfterEach
    void close() {
        nodeA.close();
        nodeB.close();
        schema.close();
    }

    @Test
    void aPolicyOneNodeFetchedServesTheOther() {
        PostgresMtaStsPolicyStore a = PostgresMtaStsPolicyStore.open(nodeA);
        PostgresMtaStsPolicyStore b = PostgresMtaStsPolicyStore.open(nodeB);
        StoredPolicy first = new StoredPolicy("20260301", POLICY, Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-02T10:00:00Z"));
        StoredPolicy second = new StoredPolicy("20260302", POLICY.replace("86400", "604800"),
                Instant.parse("2026-03-02T09:00:00Z"), Instant.parse("2026-03-09T09:00:00Z"));

        assertThat(b.load("example.net")).isEmpty();
        a.store("example.net", first);
        assertThat(b.load("example.net")).contains(first);
        b.store("example.net", second);
        assertThat(a.load("example.net")).contains(second);
        a.remove("example.net");
        assertThat(b.load("example.net")).isEmpty();
        assertThatThrownBy(() -> a.load("Example.NET")).isInstanceOf(IllegalArgumentException.class);
    }
}
