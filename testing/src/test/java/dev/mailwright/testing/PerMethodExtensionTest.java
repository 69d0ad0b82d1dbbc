package dev.mailwright.testing;

import static dev.mailwright.testing.MailAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server for every test, on an instance field as GreenMail users write it. */
class PerMethodExtensionTest {

    @RegisterExtension
    MailServerExtension mail = MailServerExtension.perMethod();

    @Test
    void firstTestSendsOne() throws Exception {
        Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "One", "text");
        assertThat(mail.awaitMessages(1)).singleElement().satisfies(m -> assertThat(m).hasSubject("One"));
    }

    @Test
    void secondTestSendsTwoAndSeesOnlyThose() throws Exception {
        Mails.send(mail.session(Protocol.SMTPS), "alice@example.com", "bob@example.com", "Two", "text");
        Mails.send(mail.session(Protocol.SMTPS), "alice@example.com", "carol@example.com", "Three", "text");
        assertThat(mail.awaitMessages(2)).hasSize(2);
        assertThat(mail.messagesFor("carol@example.com")).singleElement().satisfies(m -> assertThat(m).hasSubject("Three"));
    }

    @Test
    void aFreshServerHasNoMail(TestMailServer server) {
        assertThat(server.messages()).isEmpty();
        assertThat(server).isSameAs(mail.server());
    }

    @Nested
    class Inside {
        @Test
        void nestedTestsGetAServerToo(TestMailServer server) throws Exception {
            Mails.send(server.session(Protocol.SMTP), "alice@example.com", "bob@example.com", "Nested", "text");
            assertThat(server.awaitMessages(1)).hasSize(1);
        }
    }
}
