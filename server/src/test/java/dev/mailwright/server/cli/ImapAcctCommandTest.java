package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.maildir.MaildirMailStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImapAcctCommandTest {

    @TempDir
    Path dir;

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) throws IOException {
        out = new StringWriter();
        err = new StringWriter();
        Path config = dir.resolve("mailwright.toml");
        Files.writeString(config, "hostname = \"mx.example.org\"\ndomains = [\"example.org\"]\ndata-dir = \"data\"\n");
        String[] full = java.util.Arrays.copyOf(args, args.length + 2);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        return Mailwright.execute(full, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void createListRemove() throws IOException {
        assertThat(run("imap-acct", "create", "Alice@Example.org")).isZero();
        assertThat(out.toString()).isEqualTo("created mail account alice@example.org\n");
        assertThat(run("imap-acct", "create", "alice@example.org")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mailwright: mail account already exists: alice@example.org\n");
        assertThat(run("imap-acct", "create", "bob@example.org")).isZero();

        try (MaildirMailStore store = MaildirMailStore.builder().root(dir.resolve("data/mail")).build();
                UserMail mail = store.open("alice@example.org")) {
            assertThat(mail.mailboxes()).extracting(m -> m.name().toString())
                    .containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash");
            assertThat(mail.mailboxes()).filteredOn(m -> !m.specialUse().isEmpty()).hasSize(5);
        }

        assertThat(run("imap-acct", "list")).isZero();
        assertThat(out.toString()).isEqualTo("alice@example.org\nbob@example.org\n");

        assertThat(run("imap-acct", "remove", "bob@example.org")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mailwright: this deletes all mail of bob@example.org; add --yes to confirm\n");
        assertThat(run("imap-acct", "remove", "bob@example.org", "--yes")).isZero();
        assertThat(run("imap-acct", "list")).isZero();
        assertThat(out.toString()).isEqualTo("alice@example.org\n");
        assertThat(run("imap-acct", "remove", "nobody@example.org", "--yes")).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("mailwright: no such account: nobody@example.org\n");
    }
}
