package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Names that try to leave the account's tree get NO, whatever their spelling. */
class MailboxNameSafetyTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"../bob\"", "\"a/../../bob\"", "\"/etc\"", "\"~bob\"", "\"a/~b\"", "\"&AC4-&AC4-/x\"",
        "\"&AC8-etc\"", "\"&AH4-bob\"", "\"a\u0001b\"", "\"a//b\"", "\"x/\"\"", "\"*\"", "\"a%b\"", "{2+}\r\n.."})
    void escapingNamesAreRefused(String name) throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            for (String command : new String[] {"CREATE ", "SELECT ", "DELETE ", "STATUS "}) {
                String suffix = command.equals("STATUS ") ? " (MESSAGES)" : "";
                String reply = String.join("\n", c.command("t", command + name + suffix));
                assertThat(reply).as(command + name).matches("(?s).*t (NO|BAD) .*");
            }
            assertThat(server.store.open("alice").mailboxes()).hasSize(6);
            assertThat(server.store.open("bob").mailboxes()).hasSize(6);
        }
    }

    @Test
    void utf8NamesAfterEnableAndModifiedUtf7Before() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("a", "CREATE Entw&APw-rfe")).containsExactly("a OK CREATE completed");
            assertThat(c.command("b", "LIST \"\" Entw*")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"", "b OK LIST completed");
            c.command("e", "ENABLE UTF8=ACCEPT");
            assertThat(c.command("c", "LIST \"\" Entw*")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" {9}", "Entwürfe", "c OK LIST completed");
            assertThat(c.command("d", "SELECT \"Entwürfe\"")).last().isEqualTo("d OK [READ-WRITE] SELECT completed");
            // In UTF-8 mode "&" is just a character, so this is another name.
            assertThat(c.command("f", "STATUS \"Entw&APw-rfe\" (MESSAGES)")).containsExactly("f NO [NONEXISTENT] No such mailbox");
        }
    }

    @Test
    void usersSeeOnlyTheirOwnMailboxes() throws Exception {
        server.deliver("bob", "INBOX", TestServer.message("for bob"));
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("a", "LIST \"\" *")).noneMatch(l -> l.contains("bob"));
            assertThat(c.command("b", "NAMESPACE")).containsExactly("* NAMESPACE ((\"\" \"/\")) NIL NIL", "b OK NAMESPACE completed");
            assertThat(c.command("c", "STATUS INBOX (MESSAGES)")).containsExactly(
                    "* STATUS \"INBOX\" (MESSAGES 0)", "c OK STATUS completed");
            assertThat(c.command("d", "LIST \"\" \"%/%\"")).containsExactly("d OK LIST completed");
        }
    }
}
