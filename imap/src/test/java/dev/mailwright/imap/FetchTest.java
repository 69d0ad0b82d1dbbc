package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** FETCH data items on a plain and a multipart message, byte for byte. */
class FetchTest {

    static final String PLAIN = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
            + "From: Terry Gray <gray@cac.washington.edu>\r\n"
            + "Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
            + "To: imap@cac.washington.edu\r\n"
            + "cc: minutes@CNRI.Reston.VA.US, \"John Klensin\" <KLENSIN@MIT.EDU>\r\n"
            + "Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
            + "\r\n"
            + "Hello Joe, do you think we can meet at 3:30 tomorrow?\r\n";

    static final String MULTIPART = "From: Ann <ann@example.org>\r\n"
            + "To: undisclosed-recipients:;\r\n"
            + "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n"
            + "\r\n"
            + "preamble\r\n"
            + "--b1\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\n"
            + "\r\n"
            + "first part\r\n"
            + "--b1\r\n"
            + "Content-Type: application/octet-stream; name=\"a.bin\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n"
            + "Content-Disposition: attachment; filename=\"a.bin\"\r\n"
            + "\r\n"
            + "AAECAw==\r\n"
            + "--b1--\r\n";

    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        server.deliver("alice", "INBOX", PLAIN);
        server.deliver("alice", "INBOX", MULTIPART, "\\Seen");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void envelopeFlagsDateAndSize() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("f1", "FETCH 1 (FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)")).containsExactly(
                    "* 1 FETCH (FLAGS () INTERNALDATE \"01-Mar-2024 10:15:30 +0000\" RFC822.SIZE " + PLAIN.length()
                            + " ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\""
                            + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\"))"
                            + " ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\"))"
                            + " ((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL"
                            + " \"<B27397-0100000@cac.washington.edu>\"))",
                    "f1 OK FETCH completed");
            assertThat(c.command("f2", "UID FETCH 2 (ENVELOPE)")).containsExactly(
                    "* 2 FETCH (UID 2 ENVELOPE (NIL \"=?utf-8?q?Gr=C3=BC=C3=9Fe?=\" ((\"Ann\" NIL \"ann\" \"example.org\"))"
                            + " ((\"Ann\" NIL \"ann\" \"example.org\")) ((\"Ann\" NIL \"ann\" \"example.org\"))"
                            + " ((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL))",
                    "f2 OK UID FETCH completed");
        }
    }

    @Test
    void bodyStructureOfPlainAndMultipart() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("f1", "FETCH 1:2 BODYSTRUCTURE")).containsExactly(
                    "* 1 FETCH (BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 55 1 NIL NIL NIL NIL))",
                    "* 2 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL)"
                            + "(\"application\" \"octet-stream\" (\"name\" \"a.bin\") NIL NIL \"base64\" 8 NIL"
                            + " (\"attachment\" (\"filename\" \"a.bin\")) NIL NIL) \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL))",
                    "f1 OK FETCH completed");
            assertThat(c.command("f2", "FETCH 2 BODY")).containsExactly(
                    "* 2 FETCH (BODY ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 10 0)"
                            + "(\"application\" \"octet-stream\" (\"name\" \"a.bin\") NIL NIL \"base64\" 8) \"mixed\"))",
                    "f2 OK FETCH completed");
        }
    }

    @Test
    void sectionsPartialsAndBinary() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("f1", "FETCH 2 (BODY.PEEK[1] BODY.PEEK[2.MIME] BINARY.PEEK[2] BINARY.SIZE[2])")).containsExactly(
                    "* 2 FETCH (BODY[1] {10}",
                    "first part BODY[2.MIME] {142}",
                    "Content-Type: application/octet-stream; name=\"a.bin\"",
                    "Content-Transfer-Encoding: base64",
                    "Content-Disposition: attachment; filename=\"a.bin\"",
                    "",
                    " BINARY[2] ~{4}",
                    "\u0000\u0001\u0002\u0003 BINARY.SIZE[2] 4)",
                    "f1 OK FETCH completed");
            assertThat(c.command("f2", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject To)] BODY.PEEK[TEXT]<6.3>)")).containsExactly(
                    "* 1 FETCH (BODY[HEADER.FIELDS (Subject To)] {78}",
                    "Subject: IMAP4rev1 WG mtg summary and minutes",
                    "To: imap@cac.washington.edu",
                    "",
                    " BODY[TEXT]<6> {3}",
                    "Joe)",
                    "f2 OK FETCH completed");
            assertThat(c.command("f3", "FETCH 1 BODY.PEEK[3]")).containsExactly("* 1 FETCH (BODY[3] NIL)", "f3 OK FETCH completed");
        }
    }

    @Test
    void bodyWithoutPeekSetsSeenAndReportsIt() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            List<String> reply = c.command("f1", "FETCH 1 BODY[HEADER.FIELDS (Subject)]");
            assertThat(reply).containsExactly(
                    "* 1 FETCH (BODY[HEADER.FIELDS (Subject)] {49}",
                    "Subject: IMAP4rev1 WG mtg summary and minutes",
                    "",
                    " FLAGS (\\Seen))",
                    "f1 OK FETCH completed");
            assertThat(c.command("f2", "FETCH 1 FLAGS")).containsExactly("* 1 FETCH (FLAGS (\\Seen))", "f2 OK FETCH completed");
            c.command("e", "EXAMINE INBOX");
            c.command("u", "STORE 1 -FLAGS (\\Seen)");
            assertThat(c.command("f3", "FETCH 1 (FLAGS RFC822.TEXT)")).startsWith("* 1 FETCH (FLAGS (\\Seen) RFC822.TEXT {55}");
        }
    }

    @Test
    void largeMessagesAreSpooledOnAppendAndStreamedOnFetch() throws Exception {
        StringBuilder b = new StringBuilder("Subject: big\r\n\r\n");
        while (b.length() < 3_000_000) {
            b.append("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789abcdefghijkl\r\n");
        }
        byte[] message = b.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.send("a APPEND Archive {" + message.length + "+}\r\n");
            c.send(message);
            c.send("\r\n");
            assertThat(c.until("a").get(0)).matches("a OK \\[APPENDUID \\d+ 1\\] APPEND completed");
            c.command("s", "SELECT Archive");
            c.send("f FETCH 1 BODY.PEEK[]\r\n");
            assertThat(c.line()).isEqualTo("* 1 FETCH (BODY[] {" + message.length + "}");
            assertThat(c.bytes(message.length)).isEqualTo(message);
            assertThat(c.line()).isEqualTo(")");
            assertThat(c.line()).isEqualTo("f OK FETCH completed");
            assertThat(c.command("g", "FETCH 1 BODY.PEEK[]<2999990.100>")).first().isEqualTo("* 1 FETCH (BODY[]<2999990> {"
                    + Math.min(100, message.length - 2999990) + "}");
        }
    }

    @Test
    void badFetchesAreRefused() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("f1", "FETCH 3 FLAGS")).containsExactly("f1 BAD Invalid message sequence number: 3 (mailbox has 2)");
            assertThat(c.command("f2", "FETCH 1 (FLAGS FROB)")).containsExactly("f2 BAD Unknown FETCH item FROB");
            assertThat(c.command("f3", "FETCH 1 BODY[1.FOO]")).containsExactly("f3 BAD Invalid section FOO");
            assertThat(c.command("f4", "UID FETCH 99 FLAGS")).containsExactly("f4 OK UID FETCH completed");
        }
    }
}
