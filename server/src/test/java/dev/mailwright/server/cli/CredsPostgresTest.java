package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.postgres.PostgresDatabase;
import dev.mailwright.postgres.PostgresUserDirectory;
import dev.mailwright.postgres.TestDatabases;
import dev.mailwright.server.Stores;
import dev.mailwright.server.config.MailwrightConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mailwright creds} with {@code [storage] backend = "postgres"}: the accounts every node shares. */
@TestDatabases.RequiresPostgres
class CredsPostgresTest {

    @TempDir
    Path dir;

    private TestDatabases.TestSchema schema;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void config() throws IOException {
        schema = TestDatabases.schema();
        Files.writeString(dir.resolve("mailwright.toml"), """
                hostname = "mx.example.org"
                domains = ["example.org"]
                data-dir = "data"
                [storage]
                backend = "postgres"
                [storage.postgres]
                url = "%s"
                pool-size = 2
                """.formatted(schema.url()));
    }

    @AfterEach
    void drop() {
        schema.close();
    }

    private int run(String stdin, String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--config";
        full[args.length + 1] = dir.resolve("mailwright.toml").toString();
        return Mailwright.execute(full, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new ByteArrayOutputStream(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void createListPasswordRemoveInTheDatabase() {
        assertThat(run("s3cret\n", "creds", "create", "Alice@Example.org", "--password-stdin")).isZero();
        assertThat(run("pw\n", "creds", "create", "bob@example.org", "--password-stdin")).isZero();
        assertThat(run("pw\n", "creds", "create", "bob@example.org", "--password-stdin")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mailwright: user already exists: bob@example.org\n");
        assertThat(run("", "creds", "list")).isZero();
        assertThat(out.toString()).isEqualTo("alice@example.org\nbob@example.org\n");

        try (PostgresDatabase database = schema.open()) {
            PostgresUserDirectory users = PostgresUserDirectory.open(database);
            assertThat(users.authenticate("alice@example.org", "s3cret")).hasValue("alice@example.org");
            assertThat(run("n3w\n", "creds", "password", "alice@example.org", "--password-stdin")).isZero();
            assertThat(users.authenticate("alice@example.org", "n3w")).isPresent();
            assertThat(run("", "creds", "remove", "bob@example.org")).isZero();
            assertThat(users.list()).containsExactly("alice@example.org");
        }
        assertThat(dir.resolve("data/users")).doesNotExist();
    }

    @Test
    void sharedAliasesAreSetListedAndRemovedInTheDatabase() {
        assertThat(run("", "aliases", "set", "team@example.org", "alice@example.org", "bob@example.net")).isZero();
        assertThat(run("", "aliases", "set", "sales", "carol@example.org")).isZero();
        assertThat(run("", "aliases", "list")).isZero();
        assertThat(out.toString()).isEqualTo("sales: carol@example.org    # shared\n"
                + "team@example.org: alice@example.org, bob@example.net    # shared\n");
        try (PostgresDatabase database = schema.open()) {
            assertThat(PostgresUserDirectory.open(database).aliases().all())
                    .containsEntry("team@example.org", java.util.List.of("alice@example.org", "bob@example.net"));
        }

        assertThat(run("", "aliases", "set", "team@example.org", "not an address")).isEqualTo(2);
        assertThat(err.toString()).startsWith("mailwright: aliases set: alias target 'not an address' is not an address");
        assertThat(run("", "aliases", "remove", "sales")).isZero();
        assertThat(run("", "aliases", "remove", "sales")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mailwright: no such shared alias: sales\n");
        assertThat(run("", "aliases", "list")).isZero();
        assertThat(out.toString()).isEqualTo("team@example.org: alice@example.org, bob@example.net    # shared\n");
    }

    @Test
    void administrationCommandsOpenTheSharedMailStore() {
        MailwrightConfig config = MailwrightConfig.load(dir.resolve("mailwright.toml"));
        try (MailStore store = Stores.openMailStore(config)) {
            store.provision("carol@example.org");
        }
        try (MailStore store = Stores.openMailStore(config); UserMail mail = store.open("carol@example.org")) {
            assertThat(store.accounts()).containsExactly("carol@example.org");
            assertThat(mail.mailboxes()).hasSize(6);
        }
        assertThat(dir.resolve("data/mail")).doesNotExist();
    }
}
