package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.maildir.MaildirMailStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImapAcctCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    private int run(String... args) throws IOException {
        if (cli == null) {
            cli = new CliHarness(dir.resolve("mailwright.toml"));
        }
        return cli.run("", args);
    }

    @Test
    void createListRemove() throws IOException {
        assertThat(run("imap-acct", "create", "Alice@Example.org")).isZero();
        assertThat(cli.out()).isEqualTo("created mail account alice@example.org\n");
        assertThat(run("imap-acct", "create", "alice@example.org")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: mail account already exists: alice@example.org\n");
        assertThat(run("imap-acct", "create", "bob@example.org")).isZero();

        try (MaildirMailStore store = MaildirMailStore.builder().root(dir.resolve("data/mail")).build();
                UserMail mail = store.open("alice@example.org")) {
            assertThat(mail.mailboxes()).extracting(m -> m.name().toString())
                    .containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash");
            assertThat(mail.mailboxes()).filteredOn(m -> !m.specialUse().isEmpty()).hasSize(5);
        }

        assertThat(run("imap-acct", "list")).isZero();
        assertThat(cli.out()).isEqualTo("alice@example.org\nbob@example.org\n");

        assertThat(run("imap-acct", "remove", "bob@example.org")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: this deletes all mail of bob@example.org; add --yes to confirm\n");
        assertThat(run("imap-acct", "remove", "bob@example.org", "--yes")).isZero();
        assertThat(run("imap-acct", "list")).isZero();
        assertThat(cli.out()).isEqualTo("alice@example.org\n");
        assertThat(run("imap-acct", "remove", "nobody@example.org", "--yes")).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("mailwright: no such account: nobody@example.org\n");
    }
}
