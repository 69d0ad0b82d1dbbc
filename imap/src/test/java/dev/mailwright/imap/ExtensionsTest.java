package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import dev.mailwright.core.user.InMemoryUserDirectory;
import dev.mailwright.core.user.PasswordHasher;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extensions' exact responses: QRESYNC, LIST-EXTENDED, QUOTA, COMPRESS, ID, PROXY, provisioning. */
class ExtensionsTest {

    private TestServer server;
    private ImapServer other;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (other != null) {
            other.stop(Duration.ofMillis(100));
        }
    }

    @Test
    void qresyncReportsVanishedAndChangedSince() throws Exception {
        server = TestServer.start();
        for (int i = 1; i <= 4; i++) {
            server.deliver("alice", "INBOX", TestServer.message("m" + i));
        }
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("e", "ENABLE QRESYNC")).containsExactly("* ENABLED QRESYNC", "e OK ENABLE completed");
            List<String> select = c.command("s", "SELECT INBOX");
            String validity = select.stream().filter(l -> l.contains("UIDVALIDITY")).findFirst().orElseThrow()
                    .replaceAll("\\D+", " ").trim();
            long modSeq = Long.parseLong(select.stream().filter(l -> l.contains("HIGHESTMODSEQ")).findFirst().orElseThrow()
                    .replaceAll("\\D+", ""));
            assertThat(c.command("a", "STORE 2,4 +FLAGS.SILENT (\\Deleted)")).containsExactly("a OK STORE completed");
            // RFC 7162 §3.1.3 example: with UNCHANGEDSINCE, a silent STORE still reports the new MODSEQ.
            assertThat(c.command("a2", "STORE 1,2 (UNCHANGEDSINCE " + modSeq + ") +FLAGS.SILENT (\\Answered)")).containsExactly(
                    "* 1 FETCH (UID 1 MODSEQ (" + (modSeq + 3) + "))", "a2 OK [MODIFIED 2] Conditional STORE failed for some messages");
            // With QRESYNC, expunges are reported as VANISHED (RFC 7162 §3.2.10).
            assertThat(c.command("b", "EXPUNGE")).containsExactly("* VANISHED 2,4", "b OK [HIGHESTMODSEQ " + (modSeq + 5) + "] EXPUNGE completed");
            c.command("t", "STORE 1 +FLAGS.SILENT (\\Seen)");
            assertThat(c.command("f", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE " + modSeq + " VANISHED)")).containsExactly(
                    "* VANISHED (EARLIER) 2,4",
                    "* 1 FETCH (UID 1 FLAGS (\\Seen \\Answered) MODSEQ (" + (modSeq + 6) + "))",
                    "f OK UID FETCH completed");
            c.command("u", "UNSELECT");
            assertThat(c.command("r", "SELECT INBOX (QRESYNC (" + validity + " " + modSeq + " 1:4))")).contains(
                    "* VANISHED (EARLIER) 2,4", "* 1 FETCH (UID 1 FLAGS (\\Seen \\Answered) MODSEQ (" + (modSeq + 6) + "))");
            assertThat(c.command("st", "STATUS INBOX (HIGHESTMODSEQ MESSAGES DELETED)")).containsExactly(
                    "* STATUS \"INBOX\" (HIGHESTMODSEQ " + (modSeq + 6) + " MESSAGES 2 DELETED 0)", "st OK STATUS completed");
        }
    }

    @Test
    void listExtendedSubscriptionsStatusAndSpecialUse() throws Exception {
        server = TestServer.start();
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("a", "CREATE Projects/Current (USE (\\Flagged))")).containsExactly("a OK CREATE completed");
            assertThat(c.command("b", "CREATE Other (USE (\\Trash))")).containsExactly(
                    "b NO [USEATTR] That special use is already given to another mailbox");
            c.command("c", "SUBSCRIBE Projects/Current");
            c.command("d", "UNSUBSCRIBE Sent");
            assertThat(c.command("e", "LIST (SUBSCRIBED RECURSIVEMATCH) \"\" %")).containsExactly(
                    "* LIST (\\Subscribed \\HasNoChildren \\Archive) \"/\" \"Archive\"",
                    "* LIST (\\Subscribed \\HasNoChildren \\Drafts) \"/\" \"Drafts\"",
                    "* LIST (\\Subscribed \\HasNoChildren) \"/\" \"INBOX\"",
                    "* LIST (\\Subscribed \\HasNoChildren \\Junk) \"/\" \"Junk\"",
                    "* LIST (\\HasChildren) \"/\" \"Projects\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
                    "* LIST (\\Subscribed \\HasNoChildren \\Trash) \"/\" \"Trash\"",
                    "e OK LIST completed");
            assertThat(c.command("f", "LIST (SPECIAL-USE) \"\" * RETURN (STATUS (MESSAGES UNSEEN))")).contains(
                    "* LIST (\\HasNoChildren \\Flagged) \"/\" \"Projects/Current\"",
                    "* STATUS \"Projects/Current\" (MESSAGES 0 UNSEEN 0)");
            assertThat(c.command("g", "LIST \"\" (INBOX Junk)")).containsExactly(
                    "* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "* LIST (\\HasNoChildren \\Junk) \"/\" \"Junk\"", "g OK LIST completed");
            assertThat(c.command("h", "LSUB \"\" Projects/%")).containsExactly(
                    "* LSUB (\\HasNoChildren) \"/\" \"Projects/Current\"", "h OK LSUB completed");
            assertThat(c.command("i", "LSUB \"\" %")).contains("* LSUB (\\Noselect \\HasChildren) \"/\" \"Projects\"");
        }
    }

    @Test
    void anAccountWithoutLimitsHasNoQuotaRoot() throws Exception {
        server = TestServer.start();
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("q", "GETQUOTAROOT INBOX")).containsExactly("* QUOTAROOT \"INBOX\"", "q OK GETQUOTAROOT completed");
            assertThat(c.command("r", "GETQUOTA \"\"")).containsExactly("r NO [NONEXISTENT] No quota root: this account has no limits");
        }
    }

    @Test
    void quotaAndStatusSize() throws Exception {
        MailStore store = new InMemoryMailStore(account -> new QuotaPolicy.Limits(java.util.OptionalLong.of(4096),
                java.util.OptionalLong.of(3)));
        store.provision("alice");
        other = ImapServer.builder().store(store).authenticator((u, p, a) -> java.util.Optional.of(u)).loginWithoutTls(true)
                .listener(ImapListener.loopback(TlsMode.NONE).build()).build();
        try (RawClient c = new RawClient(other.start().get(0))) {
            c.line();
            c.command("l", "LOGIN alice x");
            String message = "Subject: q\r\n\r\n" + "x".repeat(1500) + "\r\n";
            c.command("a1", "APPEND INBOX {" + message.length() + "+}\r\n" + message);
            assertThat(c.command("q", "GETQUOTAROOT INBOX")).containsExactly(
                    "* QUOTAROOT \"INBOX\" \"\"", "* QUOTA \"\" (STORAGE 2 4 MESSAGE 1 3)", "q OK GETQUOTAROOT completed");
            assertThat(c.command("r", "GETQUOTA \"\"")).containsExactly("* QUOTA \"\" (STORAGE 2 4 MESSAGE 1 3)", "r OK GETQUOTA completed");
            assertThat(c.command("s", "GETQUOTA other")).containsExactly("s NO [NONEXISTENT] No such quota root; the account's root is \"\"");
            c.command("a2", "APPEND INBOX {" + message.length() + "+}\r\n" + message);
            assertThat(c.command("a3", "APPEND INBOX {" + message.length() + "+}\r\n" + message)).containsExactly(
                    "a3 NO [OVERQUOTA] Quota exceeded");
            assertThat(c.command("t", "SETQUOTA \"\" (STORAGE 10)")).containsExactly("t NO [NOPERM] Quota limits are set by the administrator");
            assertThat(c.command("u", "STATUS INBOX (SIZE MESSAGES)")).containsExactly(
                    "* STATUS \"INBOX\" (SIZE " + 2 * message.length() + " MESSAGES 2)", "u OK STATUS completed");
        }
    }

    @Test
    void compressDeflate() throws Exception {
        server = TestServer.start();
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            assertThat(c.command("z", "COMPRESS DEFLATE")).containsExactly("z OK DEFLATE active");
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            InputStream in = new InflaterInputStream(c.socket.getInputStream(), new Inflater(true));
            OutputStream out = c.socket.getOutputStream();
            byte[] buffer = new byte[4096];
            deflater.setInput("a CAPABILITY\r\nb COMPRESS DEFLATE\r\nc LIST \"\" INBOX\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(buffer, 0, deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH));
            out.flush();
            c.in = in;
            assertThat(c.until("a").get(0)).doesNotContain("COMPRESS=DEFLATE").startsWith("* CAPABILITY IMAP4rev1");
            assertThat(c.until("b")).containsExactly("b NO [COMPRESSIONACTIVE] Compression is already active");
            assertThat(c.until("c")).containsExactly("* LIST (\\HasNoChildren) \"/\" \"INBOX\"", "c OK LIST completed");
        }
    }

    @Test
    void idUnselectAndProxyProtocol() throws Exception {
        server = TestServer.start(b -> b.listener(ImapListener.loopback(TlsMode.NONE).proxyProtocol(true).build()));
        try (RawClient c = new RawClient(server.addresses.get(3))) {
            c.send("PROXY TCP4 198.51.100.7 192.0.2.1 40000 143\r\n");
            assertThat(c.line()).startsWith("* OK [CAPABILITY");
            assertThat(c.command("i", "ID (\"name\" \"test\" \"version\" NIL)")).containsExactly(
                    "* ID (\"name\" \"Mailwright\" \"vendor\" \"Mailwright\")", "i OK ID completed");
            c.command("l", "LOGIN alice secret");
            c.command("s", "EXAMINE INBOX");
            assertThat(c.command("u", "UNSELECT")).containsExactly("u OK UNSELECT completed");
            assertThat(c.command("v", "UNSELECT")).containsExactly("v BAD Select a mailbox first");
        }
        try (Socket s = new Socket(server.addresses.get(3).getAddress(), server.addresses.get(3).getPort())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write("a1 NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
            // Without a PROXY header the listener closes the connection unanswered.
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void userDirectoryLoginProvisionsNewAccounts() throws Exception {
        InMemoryUserDirectory users = new InMemoryUserDirectory(PasswordHasher.builder().memoryKiB(64).iterations(1).build());
        users.create("carol@example.org", "correct horse");
        MailStore store = new InMemoryMailStore();
        other = ImapServer.builder().store(store).users(users).autoProvision(true).loginWithoutTls(true)
                .listener(ImapListener.loopback(TlsMode.NONE).build()).build();
        try (RawClient c = new RawClient(other.start().get(0))) {
            c.line();
            assertThat(c.command("a", "LOGIN Carol@Example.org \"correct horse\"").get(0)).startsWith("a OK [CAPABILITY ");
            assertThat(c.command("b", "LIST \"\" %")).hasSize(7);
        }
        try (UserMail mail = store.open("carol@example.org")) {
            assertThat(mail.mailboxes()).extracting(m -> m.name().toString())
                    .containsExactly("Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash");
        }
    }

    @Test
    void storeFailuresBecomeServerBugAndTheConnectionSurvives() throws Exception {
        MailStore real = new InMemoryMailStore();
        real.provision("alice");
        MailStore failing = (MailStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MailStore.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, real, args);
                    if (result instanceof UserMail mail) {
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {UserMail.class},
                                (p2, m2, a2) -> {
                                    if (m2.getName().equals("status")) {
                                        throw new IllegalStateException("disk on fire at /var/secret");
                                    }
                                    return invoke(m2, mail, a2);
                                });
                    }
                    return result;
                });
        other = ImapServer.builder().store(failing).authenticator((u, p, a) -> java.util.Optional.of(u)).loginWithoutTls(true)
                .listener(ImapListener.loopback(TlsMode.NONE).build()).build();
        try (RawClient c = new RawClient(other.start().get(0))) {
            c.line();
            c.command("l", "LOGIN alice x");
            assertThat(c.command("a", "STATUS INBOX (MESSAGES)")).containsExactly(
                    "a NO [SERVERBUG] Internal error; the command was not completed");
            assertThat(c.command("b", "NOOP")).containsExactly("b OK NOOP completed");
        }
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Test
    void hostileMimeIsAnsweredWithinLimits() throws Exception {
        server = TestServer.start();
        StringBuilder deep = new StringBuilder("Subject: deep\r\n");
        for (int i = 0; i < 500; i++) {
            deep.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        deep.append("\r\nbottom\r\n");
        StringBuilder wide = new StringBuilder("Subject: wide\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n");
        for (int i = 0; i < 20_000; i++) {
            wide.append("--x\r\n\r\n").append(i).append("\r\n");
        }
        wide.append("--x--\r\n");
        String broken = "Subject: broken\r\nContent-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--nope\r\ntext\r\n";
        server.deliver("alice", "INBOX", deep.toString());
        server.deliver("alice", "INBOX", wide.toString());
        server.deliver("alice", "INBOX", broken);
        try (RawClient c = new RawClient(server.plain()).login("alice")) {
            c.command("s", "SELECT INBOX");
            List<String> reply = c.command("f", "FETCH 1:3 (BODYSTRUCTURE BODY.PEEK[1.1.1])");
            assertThat(reply).last().isEqualTo("f OK FETCH completed");
            assertThat(reply).hasSizeGreaterThanOrEqualTo(4);
            assertThat(String.join("\n", reply).length()).isLessThan(400_000);
            assertThat(c.command("g", "SEARCH BODY bottom")).last().isEqualTo("g OK SEARCH completed");
        }
    }
}
