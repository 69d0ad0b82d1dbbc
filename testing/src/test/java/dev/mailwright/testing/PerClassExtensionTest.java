package dev.mailwright.testing;

import static dev.mailwright.testing.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Store;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One server for the class and its nested classes, used the way a test suite would. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassExtensionTest {

    @RegisterExtension
    static MailServerExtension mail = MailServerExtension.perClass()
            .configure(b -> b.domains("example.com").autoCreateUsers(false).user("bob@example.com", "pw"));

    @Test
    @Order(1)
    void receivesOverSubmissionWithAuth() throws Exception {
        mail.createUser("alice@example.com", "alice-pw");
        Mails.send(mail.session(Protocol.SUBMISSION, "alice@example.com", "alice-pw"),
                "alice@example.com", "bob@example.com", "Per class", "first message");
        assertThat(mail.awaitMessages(1).get(0))
                .isFrom("alice@example.com").isTo("bob@example.com").hasSubject("Per class")
                .bodyContains("first message").wasSentOverTls().wasAuthenticatedAs("alice@example.com");
    }

    @Test
    @Order(2)
    void theSameServerStillHoldsTheFirstMessage(TestMailServer server) {
        assertThat(server).isSameAs(mail.server());
        assertThat(server.messages()).hasSize(1);
    }

    @Nested
    class ReadingItBack {
        @Test
        void overImap(TestMailServer server) throws Exception {
            assertThat(server).isSameAs(mail.server());
            server.awaitMessagesFor("bob@example.com", 1, TestMailServer.DEFAULT_TIMEOUT);
            Store store = mail.session(Protocol.IMAP, "bob@example.com", "pw").getStore();
            store.connect();
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Per class");
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }
}
