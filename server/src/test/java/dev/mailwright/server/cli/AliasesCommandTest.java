package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailwright aliases} with the Maildir backend: the aliases of the configuration and the aliases file. */
class AliasesCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsTheConfiguredAliasesAndWhereEachComesFrom() throws IOException {
        Files.writeString(dir.resolve("aliases"), "# the team\nteam@example.org: alice@example.org, bob@example.org\n");
        Files.writeString(dir.resolve("mailwright.toml"), CliHarness.EXAMPLE_CONFIG + """
                [rewrite]
                aliases-file = "aliases"
                [rewrite.aliases]
                "info@example.org" = "alice@example.org"
                """);
        CliHarness cli = new CliHarness(dir.resolve("mailwright.toml"));

        assertThat(cli.run("", "aliases", "list")).isZero();
        assertThat(cli.out()).isEqualTo("info@example.org: alice@example.org    # mailwright.toml\n"
                + "team@example.org: alice@example.org, bob@example.org    # " + dir.resolve("aliases") + "\n");
    }

    @Test
    void sharedAliasesNeedPostgresql() throws IOException {
        CliHarness cli = new CliHarness(dir.resolve("mailwright.toml"));
        assertThat(cli.run("", "aliases", "set", "team@example.org", "alice@example.org")).isEqualTo(2);
        assertThat(cli.err()).startsWith("mailwright: aliases set: shared aliases need [storage] backend = \"postgres\"");
        assertThat(cli.run("", "aliases", "remove", "team@example.org")).isEqualTo(2);
        assertThat(cli.run("", "aliases", "list")).isZero();
        assertThat(cli.out()).isEmpty();
        assertThat(cli.run("", "aliases", "set", "team@example.org")).as("no target").isEqualTo(2);
    }
}
