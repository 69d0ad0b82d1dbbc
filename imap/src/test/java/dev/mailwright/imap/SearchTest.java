package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SEARCH, ESEARCH, SAVE, SORT and THREAD over a small mailbox. */
class SearchTest {

    private TestServer server;

    private static String msg(String from, String subject, String date, String id, String refs, String body) {
        return "From: " + from + "\r\nTo: alice@example.org\r\nSubject: " + subject + "\r\nDate: " + date
                + "\r\nMessage-ID: " + id + "\r\n" + (refs.isEmpty() ? "" : "References: " + refs + "\r\n")
                + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + body + "\r\n";
    }

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        server.deliver("alice", "INBOX", msg("Zed <zed@example.net>", "Lunch plans", "Mon, 4 Mar 2024 12:00:00 +0000",
                "<a@x>", "", "Shall we meet at noon?"), "\\Seen");
        server.deliver("alice", "INBOX", msg("Amy <amy@example.net>", "Re: Lunch plans", "Tue, 5 Mar 2024 12:00:00 +0000",
                "<b@x>", "<a@x>", "Yes, the café on the corner."), "\\Flagged");
        server.deliver("alice", "INBOX", msg("bob@example.org", "=?utf-8?q?Gr=C3=BC=C3=9Fe?=", "Sun, 3 Mar 2024 09:00:00 +0100",
                "<c@x>", "", "Viele Grüße aus Berlin"));
        server.deliver("alice", "INBOX", msg("Amy <amy@example.net>", "[list] Re: Fwd: lunch PLANS (fwd)",
                "Wed, 6 Mar 2024 12:00:00 +0000", "<d@x>", "<a@x> <b@x>", "Late reply"), "$Done");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void searchKeysAndCombinations() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("a", "SEARCH UNSEEN")).containsExactly("* SEARCH 2 3 4", "a OK SEARCH completed");
            assertThat(c.command("b", "SEARCH FROM amy SUBJECT lunch")).containsExactly("* SEARCH 2 4", "b OK SEARCH completed");
            assertThat(c.command("c", "SEARCH OR FLAGGED KEYWORD $Done")).containsExactly("* SEARCH 2 4", "c OK SEARCH completed");
            assertThat(c.command("d", "SEARCH NOT (OR SEEN OR FLAGGED KEYWORD $done)")).containsExactly("* SEARCH 3", "d OK SEARCH completed");
            assertThat(c.command("e", "SEARCH CHARSET UTF-8 SUBJECT \"grüße\"")).containsExactly("* SEARCH 3", "e OK SEARCH completed");
            assertThat(c.command("f", "SEARCH BODY CAFÉ")).containsExactly("* SEARCH 2", "f OK SEARCH completed");
            assertThat(c.command("g", "SEARCH TEXT \"message-id: <d@x>\"")).containsExactly("* SEARCH 4", "g OK SEARCH completed");
            assertThat(c.command("h", "SEARCH SENTBEFORE 4-Mar-2024")).containsExactly("* SEARCH 3", "h OK SEARCH completed");
            assertThat(c.command("i", "SEARCH SENTON 5-Mar-2024 ON 1-Mar-2024")).containsExactly("* SEARCH 2", "i OK SEARCH completed");
            assertThat(c.command("j", "UID SEARCH 2:* HEADER References \"\"")).containsExactly("* SEARCH 2 4", "j OK UID SEARCH completed");
            assertThat(c.command("k", "SEARCH LARGER 10000")).containsExactly("* SEARCH", "k OK SEARCH completed");
            assertThat(c.command("l", "SEARCH CHARSET KOI8-R ALL")).containsExactly("l NO [BADCHARSET (UTF-8 US-ASCII)] Unsupported charset KOI8-R");
            assertThat(c.command("m", "SEARCH FROB")).containsExactly("m BAD Unknown search criterion FROB");
            assertThat(c.command("n", "SEARCH " + "(".repeat(100) + "ALL" + ")".repeat(100))).containsExactly("n BAD Search criteria nested too deeply");
        }
    }

    @Test
    void esearchAndSavedResults() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("a", "SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN")).containsExactly(
                    "* ESEARCH (TAG \"a\") MIN 2 MAX 4 COUNT 3 ALL 2:4", "a OK SEARCH completed");
            assertThat(c.command("b", "UID SEARCH RETURN () FLAGGED")).containsExactly(
                    "* ESEARCH (TAG \"b\") UID ALL 2", "b OK UID SEARCH completed");
            assertThat(c.command("c", "SEARCH RETURN (COUNT) DELETED")).containsExactly(
                    "* ESEARCH (TAG \"c\") COUNT 0", "c OK SEARCH completed");
            assertThat(c.command("d", "SEARCH RETURN (SAVE) FROM amy")).containsExactly("d OK SEARCH completed");
            assertThat(c.command("e", "FETCH $ UID")).containsExactly(
                    "* 2 FETCH (UID 2)", "* 4 FETCH (UID 4)", "e OK FETCH completed");
            assertThat(c.command("f", "SEARCH $ SEEN")).containsExactly("* SEARCH", "f OK SEARCH completed");
        }
    }

    @Test
    void rev2ClientsGetEsearchForPlainSearch() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("e", "ENABLE IMAP4rev2")).containsExactly("* ENABLED IMAP4REV2", "e OK ENABLE completed");
            c.command("s", "SELECT INBOX");
            assertThat(c.command("a", "SEARCH SEEN")).containsExactly("* ESEARCH (TAG \"a\") ALL 1", "a OK SEARCH completed");
        }
    }

    @Test
    void sortAndThread() throws Exception {
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            assertThat(c.command("a", "SORT (DATE) UTF-8 ALL")).containsExactly("* SORT 3 1 2 4", "a OK SORT completed");
            // Equal arrival times: ties go by sequence number, also under REVERSE (RFC 5256 §3).
            assertThat(c.command("b", "SORT (REVERSE ARRIVAL) UTF-8 ALL")).containsExactly("* SORT 1 2 3 4", "b OK SORT completed");
            assertThat(c.command("b2", "SORT (REVERSE SIZE) UTF-8 ALL")).containsExactly("* SORT 4 2 3 1", "b2 OK SORT completed");
            assertThat(c.command("c", "SORT (FROM SUBJECT) UTF-8 ALL")).containsExactly("* SORT 2 4 3 1", "c OK SORT completed");
            assertThat(c.command("d", "UID SORT (SUBJECT REVERSE DATE) UTF-8 NOT FROM bob")).containsExactly(
                    "* SORT 4 2 1", "d OK UID SORT completed");
            assertThat(c.command("e", "THREAD ORDEREDSUBJECT UTF-8 ALL")).containsExactly(
                    "* THREAD (3)(1 (2)(4))", "e OK THREAD completed");
            assertThat(c.command("f", "THREAD REFERENCES UTF-8 ALL")).containsExactly(
                    "* THREAD (3)(1 2 4)", "f OK THREAD completed");
            assertThat(c.command("g", "THREAD FROB UTF-8 ALL")).containsExactly("g BAD Unknown threading algorithm FROB");
        }
    }
}
