package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted sessions for the basic commands, checked line by line. */
class SessionBasicsTest {

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void greetingCapabilityAndLogout() throws Exception {
        try (RawClient c = new RawClient(server.plain())) {
            assertThat(c.line()).isEqualTo("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE AUTH=PLAIN] Mailwright IMAP ready");
            assertThat(c.command("a1", "CAPABILITY")).containsExactly(
                    "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL+ SASL-IR ID ENABLE AUTH=PLAIN",
                    "a1 OK CAPABILITY completed");
            assertThat(c.command("a2", "NOOP")).containsExactly("a2 OK NOOP completed");
            assertThat(c.command("a3", "LOGOUT")).containsExactly("* BYE Logging out", "a3 OK LOGOUT completed");
            assertThat(c.line()).isNull();
        }
    }

    @Test
    void loginSelectsAndListsTheProvisionedMailboxes() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("a1", "LIST \"\" \"*\"")).containsExactly(
                    "* LIST (\\HasNoChildren \\Archive) \"/\" \"Archive\"",
                    "* LIST (\\HasNoChildren \\Drafts) \"/\" \"Drafts\"",
                    "* LIST (\\HasNoChildren) \"/\" \"INBOX\"",
                    "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"",
                    "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\"",
                    "* LIST (\\HasNoChildren \\Trash) \"/\" \"Trash\"",
                    "a1 OK LIST completed");
            assertThat(c.command("a2", "LIST \"\" \"\"")).containsExactly(
                    "* LIST (\\Noselect) \"/\" \"\"", "a2 OK LIST completed");
            assertThat(c.command("a3", "CREATE Work/Projects/")).containsExactly("a3 OK CREATE completed");
            assertThat(c.command("a4", "LIST \"\" Work/%")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" \"Work/Projects\"", "a4 OK LIST completed");
            assertThat(c.command("a5", "LIST Work %")).containsExactly(
                    "* LIST (\\HasChildren) \"/\" \"Work\"", "a5 OK LIST completed");
            assertThat(c.command("a6", "LSUB \"\" \"*\"")).hasSize(7).last().isEqualTo("a6 OK LSUB completed");
        }
    }

    @Test
    void selectReportsTheMailboxState() throws Exception {
        server.deliver("alice", "INBOX", TestServer.message("one"), "\\Seen");
        server.deliver("alice", "INBOX", TestServer.message("two"), "$Important");
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            List<String> reply = c.command("a1", "SELECT INBOX");
            assertThat(reply.get(0)).isEqualTo("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important)");
            assertThat(reply.get(1)).isEqualTo("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Important \\*)] Flags permitted");
            assertThat(reply.get(2)).isEqualTo("* 2 EXISTS");
            assertThat(reply.get(3)).isEqualTo("* 0 RECENT");
            assertThat(reply.get(4)).isEqualTo("* OK [UNSEEN 2] First unseen message");
            assertThat(reply.get(5)).matches("\\* OK \\[UIDVALIDITY \\d+\\] UIDs valid");
            assertThat(reply.get(6)).isEqualTo("* OK [UIDNEXT 3] Predicted next UID");
            assertThat(reply.get(7)).matches("\\* OK \\[HIGHESTMODSEQ \\d+\\] Highest");
            assertThat(reply.get(8)).isEqualTo("a1 OK [READ-WRITE] SELECT completed");
            assertThat(c.command("a2", "EXAMINE INBOX")).contains("* OK [CLOSED] Previous mailbox closed",
                    "* OK [PERMANENTFLAGS ()] Read-only mailbox", "a2 OK [READ-ONLY] EXAMINE completed");
            // The failed SELECT still closes the mailbox selected before (RFC 9051 §6.3.2).
            assertThat(c.command("a3", "SELECT Nowhere")).containsExactly(
                    "* OK [CLOSED] Previous mailbox closed", "a3 NO [NONEXISTENT] No such mailbox");
            assertThat(c.command("a4", "STORE 1 +FLAGS (\\Seen)")).containsExactly("a4 BAD Select a mailbox first");
        }
    }

    @Test
    void appendWithSynchronizingAndNonSynchronizingLiterals() throws Exception {
        String message = TestServer.message("hello");
        int size = message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.send("a1 APPEND INBOX (\\Seen) \"01-Mar-2024 10:15:30 +0100\" {" + size + "}\r\n");
            assertThat(c.line()).isEqualTo("+ Ready for literal data");
            c.send(message + "\r\n");
            assertThat(c.until("a1").get(0)).matches("a1 OK \\[APPENDUID \\d+ 1\\] APPEND completed");
            c.send("a2 APPEND Drafts {" + size + "+}\r\n" + message + "\r\n");
            assertThat(c.until("a2").get(0)).matches("a2 OK \\[APPENDUID \\d+ 1\\] APPEND completed");
            assertThat(c.command("a3", "APPEND Nowhere {1+}\r\nx")).containsExactly("a3 NO [TRYCREATE] No such mailbox; create it first");
            assertThat(c.command("a4", "STATUS INBOX (MESSAGES UNSEEN UIDNEXT SIZE)")).containsExactly(
                    "* STATUS \"INBOX\" (MESSAGES 1 UNSEEN 0 UIDNEXT 2 SIZE " + size + ")", "a4 OK STATUS completed");
        }
    }

    @Test
    void storeExpungeCopyAndMoveKeepSequenceNumbersRight() throws Exception {
        for (int i = 1; i <= 5; i++) {
            server.deliver("alice", "INBOX", TestServer.message("m" + i));
        }
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("a1", "STORE 2:3 +FLAGS (\\Deleted)")).containsExactly(
                    "* 2 FETCH (FLAGS (\\Deleted))", "* 3 FETCH (FLAGS (\\Deleted))", "a1 OK STORE completed");
            assertThat(c.command("a2", "STORE 5 +FLAGS.SILENT (\\Deleted)")).containsExactly("a2 OK STORE completed");
            assertThat(c.command("a3", "UID STORE 1 FLAGS ($Later)")).containsExactly(
                    "* 1 FETCH (FLAGS ($Later) UID 1)", "a3 OK UID STORE completed");
            // RFC 3501 §6.4.3: each EXPUNGE renumbers the messages after it.
            assertThat(c.command("a4", "EXPUNGE")).containsExactly(
                    "* 2 EXPUNGE", "* 2 EXPUNGE", "* 3 EXPUNGE", "a4 OK EXPUNGE completed");
            List<String> copy = c.command("a5", "COPY 1:2 Archive");
            assertThat(copy).hasSize(1);
            assertThat(copy.get(0)).matches("a5 OK \\[COPYUID \\d+ 1,4 1:2\\] COPY completed");
            List<String> move = c.command("a6", "UID MOVE 4 Trash");
            assertThat(move.get(0)).matches("\\* OK \\[COPYUID \\d+ 4 1\\] Moved");
            assertThat(move.subList(1, 3)).containsExactly("* 2 EXPUNGE", "a6 OK UID MOVE completed");
            assertThat(c.command("a7", "STORE 2 +FLAGS (\\Seen)")).containsExactly("a7 BAD Invalid message sequence number: 2 (mailbox has 1)");
            assertThat(c.command("a8", "UID EXPUNGE 1:*")).containsExactly("a8 OK UID EXPUNGE completed");
            assertThat(c.command("a9", "CLOSE")).containsExactly("a9 OK CLOSE completed");
        }
    }

    @Test
    void otherSessionsChangesArriveOnNoopButExpungesWaitDuringFetchStoreSearch() throws Exception {
        for (int i = 1; i <= 3; i++) {
            server.deliver("alice", "INBOX", TestServer.message("m" + i));
        }
        try (RawClient a = new RawClient(server.plain()).login("alice");
                RawClient b = new RawClient(server.plain()).login("alice")) {
            a.command("s", "SELECT INBOX");
            b.command("s", "SELECT INBOX");
            b.command("b1", "STORE 1 +FLAGS (\\Deleted \\Flagged)");
            b.command("b2", "EXPUNGE");
            server.deliver("alice", "INBOX", TestServer.message("m4"));
            // STORE may not announce the expunge; it reports the new message and the flag change.
            assertThat(a.command("a1", "STORE 3 +FLAGS.SILENT (\\Seen)")).containsExactly(
                    "* 4 EXISTS", "a1 OK STORE completed");
            assertThat(a.command("a2", "NOOP")).containsExactly("* 1 EXPUNGE", "a2 OK NOOP completed");
            b.command("b3", "STORE 1 +FLAGS (\\Answered)");
            assertThat(a.command("a3", "NOOP")).containsExactly("* 1 FETCH (FLAGS (\\Answered))", "a3 OK NOOP completed");
        }
    }

    @Test
    void aSelectedMailboxDeletedElsewhereIsClosed() throws Exception {
        try (RawClient a = new RawClient(server.plain()).login("alice");
                RawClient b = new RawClient(server.plain()).login("alice")) {
            a.command("c", "CREATE Doomed");
            a.command("s", "SELECT Doomed");
            a.send("i IDLE\r\n");
            assertThat(a.line()).isEqualTo("+ idling");
            assertThat(b.command("d", "DELETE Doomed")).containsExactly("d OK DELETE completed");
            assertThat(a.line()).isEqualTo("* OK [CLOSED] The selected mailbox was deleted");
            a.send("DONE\r\n");
            assertThat(a.line()).isEqualTo("i OK IDLE terminated");
            assertThat(a.command("f", "FETCH 1 FLAGS")).containsExactly("f BAD Select a mailbox first");
        }
    }

    @Test
    void idleReportsDeliveriesUntilDone() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            c.send("i1 IDLE\r\n");
            assertThat(c.line()).isEqualTo("+ idling");
            server.deliver("alice", "INBOX", TestServer.message("new"));
            assertThat(c.line()).isEqualTo("* 1 EXISTS");
            server.deliver("alice", "INBOX", TestServer.message("newer"));
            assertThat(c.line()).isEqualTo("* 2 EXISTS");
            c.send("DONE\r\n");
            assertThat(c.line()).isEqualTo("i1 OK IDLE terminated");
            assertThat(c.command("n", "NOOP")).containsExactly("n OK NOOP completed");
        }
    }

    @Test
    void unknownAndMisplacedCommandsAreBad() throws Exception {
        try (RawClient c = new RawClient(server.plain())) {
            c.line();
            assertThat(c.command("a1", "FROB")).containsExactly("a1 BAD Unknown command FROB");
            assertThat(c.command("a2", "SELECT INBOX")).containsExactly("a2 BAD Log in first");
            assertThat(c.command("a3", "LOGIN alice")).containsExactly("a3 BAD Missing argument");
            c.send("+bad NOOP\r\n");
            assertThat(c.line()).isEqualTo("* BAD Missing or invalid command tag");
        }
    }
}
