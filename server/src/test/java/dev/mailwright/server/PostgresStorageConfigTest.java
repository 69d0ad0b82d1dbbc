package dev.mailwright.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.server.config.ConfigException;
import dev.mailwright.server.config.MailwrightConfig;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [storage] backend = "postgres"} that cannot work fails at start with one line naming the setting. */
class PostgresStorageConfigTest {

    @TempDir
    Path dir;

    private final ZoneFileResolver dns = ZoneFileResolver.builder().build();

    private MailwrightConfig config(String postgres) throws Exception {
        return TestServers.config(dir, "mx.example.org", "example.org", "[storage]\nbackend = \"postgres\"\n"
                + "[storage.postgres]\n" + postgres);
    }

    @Test
    void anUnreachableDatabaseNamesTheUrl() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        MailwrightConfig config = config("url = \"jdbc:postgresql://127.0.0.1:" + port + "/mail\"\npassword = \"secret\"\n");
        assertThatThrownBy(() -> MailServer.builder(config).dns(dns).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("storage.postgres.url: cannot connect to jdbc:postgresql://127.0.0.1:" + port + "/mail: ")
                .hasMessageNotContaining("secret")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefused() throws Exception {
        MailwrightConfig config = config("url = \"jdbc:mysql://db.example.org/mail\"\n");
        assertThatThrownBy(() -> MailServer.builder(config).dns(dns).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("storage.postgres.url: not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): "
                        + "jdbc:mysql://db.example.org/mail");
    }

    @Test
    void passwordSettingsAreChecked() throws Exception {
        Files.writeString(dir.resolve("pg-password"), "");
        MailwrightConfig both = config("url = \"jdbc:postgresql://127.0.0.1:1/mail\"\npassword = \"x\"\npassword-file = \"pg-password\"\n");
        assertThatThrownBy(() -> MailServer.builder(both).dns(dns).build())
                .hasMessage("storage.postgres.password-file: give password or password-file, not both");
        MailwrightConfig empty = config("url = \"jdbc:postgresql://127.0.0.1:1/mail\"\npassword-file = \"pg-password\"\n");
        assertThatThrownBy(() -> MailServer.builder(empty).dns(dns).build())
                .hasMessage("storage.postgres.password-file: " + dir.resolve("pg-password") + " is empty");
        MailwrightConfig missing = config("url = \"jdbc:postgresql://127.0.0.1:1/mail\"\npassword-file = \"nope\"\n");
        assertThatThrownBy(() -> MailServer.builder(missing).dns(dns).build())
                .hasMessage("storage.postgres.password-file: cannot read " + dir.resolve("nope"));
    }
}
