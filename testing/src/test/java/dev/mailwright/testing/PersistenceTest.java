package dev.mailwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mailboxes in Maildir directories outlive the server that filled them. */
class PersistenceTest {

    @TempDir
    Path root;

    @Test
    void aLaterServerOnTheSameDirectoryServesTheMailAgain() throws Exception {
        try (TestMailServer first = TestMailServer.builder().protocols(Protocol.SMTP).maildir(root).start()) {
            Mails.send(first.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "Kept", "für später");
            first.awaitMessages(1);
        }
        try (TestMailServer second = TestMailServer.builder().protocols(Protocol.IMAP).maildir(root)
                .user("bob@example.com", "pw").start()) {
            assertThat(second.messages()).as("the record of received messages is per server").isEmpty();
            assertThat(subjects(second, "bob@example.com", "pw")).containsExactly("Kept");
            second.purge();
            assertThat(subjects(second, "bob@example.com", "pw")).isEmpty();
        }
    }

    @Test
    void aStoreAndAMaildirAreAlternatives() {
        assertThatThrownBy(() -> TestMailServer.builder().store(new InMemoryMailStore()).maildir(root).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store(...) and maildir(...) are alternatives: set one");
    }

    @Test
    void aStoreGivenByTheTestOutlivesTheServer() throws Exception {
        InMemoryMailStore store = new InMemoryMailStore();
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP).store(store).start()) {
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "Stays", "text");
            mail.awaitMessages(1);
        }
        assertThat(store.accounts()).containsExactly("bob@example.com");
        try (UserMail bob = store.open("bob@example.com")) {
            assertThat(bob.status(MailboxName.INBOX).messages()).isEqualTo(1);
        }
        store.close();
    }

    private static List<String> subjects(TestMailServer mail, String user, String password) throws Exception {
        Store store = mail.session(Protocol.IMAP, user, password).getStore();
        store.connect();
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> subjects = new ArrayList<>();
            for (Message m : inbox.getMessages()) {
                subjects.add(m.getSubject());
            }
            inbox.close(false);
            return subjects;
        } finally {
            store.close();
        }
    }
}
