package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.user.FileUserDirectory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredsCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String stdin, String... args) throws IOException {
        out = new StringWriter();
        err = new StringWriter();
        Path config = dir.resolve("mailwright.toml");
        if (!Files.exists(config)) {
            Files.writeString(config, "hostname = \"mx.example.org\"\ndomains = [\"example.org\"]\ndata-dir = \"data\"\n");
        }
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        return Mailwright.execute(full, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void createListPasswordRemove() throws IOException {
        assertThat(run("s3cret\n", "creds", "create", "Alice@Example.org", "--password-stdin")).isZero();
        assertThat(out.toString()).isEqualTo("created Alice@Example.org\n");
        assertThat(run("", "creds", "create", "bob@example.org", "--password-stdin")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mailwright: no password on standard input\n");
        assertThat(run("pw\n", "creds", "create", "bob@example.org", "--password-stdin")).isZero();

        assertThat(run("", "creds", "list")).isZero();
        assertThat(out.toString()).isEqualTo("alice@example.org\nbob@example.org\n");

        FileUserDirectory users = FileUserDirectory.open(dir.resolve("data/users"));
        assertThat(users.authenticate("alice@example.org", "s3cret")).hasValue("alice@example.org");

        assertThat(run("n3w\n", "creds", "password", "alice@example.org", "--password-stdin")).isZero();
        assertThat(FileUserDirectory.open(dir.resolve("data/users")).authenticate("alice@example.org", "n3w")).isPresent();

        assertThat(run("", "creds", "remove", "bob@example.org")).isZero();
        assertThat(run("", "creds", "list")).isZero();
        assertThat(out.toString()).isEqualTo("alice@example.org\n");
        String file = Files.readString(dir.resolve("data/users"));
        assertThat(file).doesNotContain("s3cret").doesNotContain("n3w");
    }

    @Test
    void mistakesAreOneLine() throws IOException {
        assertThat(run("pw\n", "creds", "create", "alice@example.org", "--password-stdin")).isZero();
        assertThat(run("pw\n", "creds", "create", "alice@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mailwright: user already exists: alice@example.org\n");
        assertThat(run("pw\n", "creds", "password", "nobody@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mailwright: no such user: nobody@example.org\n");
        assertThat(run("pw\n", "creds", "create", "bad user@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("mailwright: ").doesNotContain("\n");
        assertThat(run("", "creds", "create", "carol@example.org")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mailwright: no terminal to ask for the password: use --password-stdin\n");
    }

    @Test
    void badConfigIsOneLine() throws IOException {
        Files.writeString(dir.resolve("mailwright.toml"), "hostname = \"mx.example.org\"\n");
        assertThat(run("", "creds", "list")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mailwright: " + dir.resolve("mailwright.toml") + ": domains: at least one domain is needed\n");
    }
}
