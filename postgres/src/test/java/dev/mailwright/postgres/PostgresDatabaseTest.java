package dev.mailwright.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings that cannot work fail at start with one line naming the problem; no database needed. */
class PostgresDatabaseTest {

    @Test
    void aUrlThatIsNotPostgresIsRefused() {
        assertThatThrownBy(() -> PostgresDatabase.builder().url("jdbc:mysql://db/mail").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url: not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): jdbc:mysql://db/mail");
        assertThatThrownBy(() -> PostgresDatabase.builder().url("jdbc:postgresql://db:99999999/mail").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("url: not a PostgreSQL JDBC URL");
        assertThatThrownBy(() -> PostgresDatabase.builder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("url: is required");
        assertThatThrownBy(() -> PostgresDatabase.builder().url("jdbc:postgresql://db/mail").poolSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pool-size: must be 1 to 1000, not 0");
    }

    @Test
    void anUnreachableDatabaseFailsAtOnceWithOneLineThatHidesThePassword() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/mail?password=secret";
        assertThatThrownBy(() -> PostgresDatabase.builder().url(url).connectTimeout(Duration.ofSeconds(2)).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:" + port + "/mail: ")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
