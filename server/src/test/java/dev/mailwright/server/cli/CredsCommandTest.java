package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.user.FileUserDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredsCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    private int run(String stdin, String... args) throws IOException {
        if (cli == null) {
            cli = new CliHarness(dir.resolve("mailwright.toml"));
        }
        return cli.run(stdin, args);
    }

    @Test
    void createListPasswordRemove() throws IOException {
        assertThat(run("s3cret\n", "creds", "create", "Alice@Example.org", "--password-stdin")).isZero();
        assertThat(cli.out()).isEqualTo("created Alice@Example.org\n");
        assertThat(run("", "creds", "create", "bob@example.org", "--password-stdin")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: no password on standard input\n");
        assertThat(run("pw\n", "creds", "create", "bob@example.org", "--password-stdin")).isZero();

        assertThat(run("", "creds", "list")).isZero();
        assertThat(cli.out()).isEqualTo("alice@example.org\nbob@example.org\n");

        FileUserDirectory users = FileUserDirectory.open(dir.resolve("data/users"));
        assertThat(users.authenticate("alice@example.org", "s3cret")).hasValue("alice@example.org");

        assertThat(run("n3w\n", "creds", "password", "alice@example.org", "--password-stdin")).isZero();
        assertThat(FileUserDirectory.open(dir.resolve("data/users")).authenticate("alice@example.org", "n3w")).isPresent();

        assertThat(run("", "creds", "remove", "bob@example.org")).isZero();
        assertThat(run("", "creds", "list")).isZero();
        assertThat(cli.out()).isEqualTo("alice@example.org\n");
        String file = Files.readString(dir.resolve("data/users"));
        assertThat(file).doesNotContain("s3cret").doesNotContain("n3w");
    }

    @Test
    void mistakesAreOneLine() throws IOException {
        assertThat(run("pw\n", "creds", "create", "alice@example.org", "--password-stdin")).isZero();
        assertThat(run("pw\n", "creds", "create", "alice@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mailwright: user already exists: alice@example.org\n");
        assertThat(run("pw\n", "creds", "password", "nobody@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mailwright: no such user: nobody@example.org\n");
        assertThat(run("pw\n", "creds", "create", "bad user@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(cli.err().strip()).startsWith("mailwright: ").doesNotContain("\n");
        assertThat(run("", "creds", "create", "carol@example.org")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: no terminal to ask for the password: use --password-stdin\n");
    }

    @Test
    void badConfigIsOneLine() throws IOException {
        Files.writeString(dir.resolve("mailwright.toml"), "hostname = \"mx.example.org\"\n");
        assertThat(run("", "creds", "list")).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mailwright: " + dir.resolve("mailwright.toml") + ": domains: at least one domain is needed\n");
    }
}
