package dev.mailwright.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** What SMTP accepted, read back with Jakarta Mail's IMAP client. */
class ImapReadBackTest {

    private static final String SUBJECT = "Grüße aus Köln — 東京 📬";
    private static final String BODY = "Ünïcödé body: naïve café, Ελληνικά, 日本語.\r\n";

    @Test
    void utf8SubjectAndBodyComeBackOverImapWithStarttls() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP, Protocol.IMAP)
                .allowPlaintextLogin(false).start()) {
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com", SUBJECT, BODY);
            mail.awaitMessages(1);
            // An auto-created user's password is its address, as in GreenMail.
            Store store = mail.session(Protocol.IMAP, "bob@example.com", "bob@example.com").getStore();
            store.connect();
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message[] messages = inbox.getMessages();
                assertThat(messages).hasSize(1);
                MimeMessage m = (MimeMessage) messages[0];
                assertThat(m.getSubject()).isEqualTo(SUBJECT);
                assertThat(m.getContent()).isEqualTo(BODY);
                assertThat(m.getHeader("Return-Path")).containsExactly("<alice@example.com>");
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void imapsReadsTheMailboxOfACreatedUser() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTPS, Protocol.IMAPS)
                .autoCreateUsers(false).user("carol@example.com", "pw").start()) {
            Mails.send(mail.session(Protocol.SMTPS), "alice@example.com", "carol@example.com", "First", "one");
            Mails.send(mail.session(Protocol.SMTPS), "alice@example.com", "carol@example.com", "Second", "two");
            mail.awaitMessagesFor("carol@example.com", 2, TestMailServer.DEFAULT_TIMEOUT);
            assertThat(subjects(mail, Protocol.IMAPS, "carol@example.com", "pw")).containsExactly("First", "Second");

            assertThatThrownBy(() -> mail.session(Protocol.IMAPS, "carol@example.com", "wrong").getStore().connect())
                    .isInstanceOf(AuthenticationFailedException.class);
            assertThatThrownBy(() -> mail.session(Protocol.IMAPS, "nobody@example.com", "pw").getStore().connect())
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void aLoginWithAnUnknownNameCreatesTheUser() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.IMAP).start()) {
            assertThat(subjects(mail, Protocol.IMAP, "newcomer@example.com", "chosen")).isEmpty();
            assertThat(mail.users()).containsExactly("newcomer@example.com");
            assertThatThrownBy(() -> subjects(mail, Protocol.IMAP, "newcomer@example.com", "other"))
                    .isInstanceOf(AuthenticationFailedException.class);
        }
    }

    @Test
    void purgeEmptiesTheMailboxesAndKeepsTheUsers() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.SMTP, Protocol.IMAP).start()) {
            Mails.send(mail.session(Protocol.SMTP), "alice@example.com", "bob@example.com, carol@example.com", "Hi", "x");
            mail.awaitMessages(1);
            assertThat(subjects(mail, Protocol.IMAP, "bob@example.com", "bob@example.com")).containsExactly("Hi");

            mail.purge();

            assertThat(mail.messages()).isEmpty();
            assertThat(subjects(mail, Protocol.IMAP, "bob@example.com", "bob@example.com")).isEmpty();
            assertThat(subjects(mail, Protocol.IMAP, "carol@example.com", "carol@example.com")).isEmpty();
            assertThat(mail.users()).containsExactly("bob@example.com", "carol@example.com");
        }
    }

    @Test
    void plaintextImapLoginIsRefusedWhenTlsIsRequired() throws Exception {
        try (TestMailServer mail = TestMailServer.builder().protocols(Protocol.IMAP).allowPlaintextLogin(false)
                .user("bob@example.com", "pw").start()) {
            Properties p = mail.sessionProperties(Protocol.IMAP);
            p.setProperty("mail.imap.starttls.enable", "false");
            Store store = jakarta.mail.Session.getInstance(p).getStore();
            // LOGINDISABLED until STARTTLS (RFC 9051 §6.2.3): the client has no way to log in.
            assertThatThrownBy(() -> store.connect("bob@example.com", "pw")).isInstanceOf(jakarta.mail.MessagingException.class)
                    .hasMessageContaining("No login methods supported");
        }
    }

    private static List<String> subjects(TestMailServer mail, Protocol protocol, String user, String password)
            throws Exception {
        Store store = mail.session(protocol, user, password).getStore();
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
