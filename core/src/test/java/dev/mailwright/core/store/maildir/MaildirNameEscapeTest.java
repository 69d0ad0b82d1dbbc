package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailStoreException.Reason;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Account and mailbox names can never reach outside the store's directory: path tricks,
 * control characters, Unicode look-alikes, modified UTF-7 spellings of {@code .} and
 * {@code /}, and symbolic links planted in the store. Each test checks that nothing outside
 * the root was created or changed.
 */
class MaildirNameEscapeTest {

    private static final String ALICE = "alice@example.org";

    @TempDir
    Path temp;
    private Path root;
    private Path outside;
    private Map<String, Long> outsideBefore;
    private MaildirMailStore store;

    @BeforeEach
    void createStoreAndBait() throws IOException {
        root = temp.resolve("store");
        outside = temp.resolve("outside");
        // A Maildir outside the store, as bait for anything that escapes.
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(outside.resolve(sub));
        }
        Files.writeString(outside.resolve("cur").resolve("1.secret:2,"), "Subject: secret\r\n\r\nsecret\r\n");
        Files.writeString(outside.resolve("secret.txt"), "secret");
        store = MaildirMailStore.builder().root(root).build();
        store.createAccount(ALICE);
        outsideBefore = snapshotOutsideRoot();
    }

    @AfterEach
    void nothingOutsideTheRootChanged() throws IOException {
        store.close();
        assertThat(snapshotOutsideRoot()).isEqualTo(outsideBefore);
    }

    /** Every path under the temporary directory but outside the root, with its size. */
    private Map<String, Long> snapshotOutsideRoot() throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(temp)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (!p.startsWith(root)) {
                    files.put(temp.relativize(p).toString(), Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? Files.size(p) : -1);
                }
            }
        }
        return files;
    }

    private static MessageContent message(String subject) {
        return MessageContent.of(("Subject: " + subject + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    // ---- account names ----

    @ParameterizedTest
    @ValueSource(strings = {
        "..", ".", "../outside", "../../etc", "/etc/passwd", "a/../../outside", "..\\..\\outside", "C:\\outside",
        "~root", ".hidden", "%2e%2e", "．．", "‥", "аlice@example.org", "ALICE@EXAMPLE.ORG ", "a\u2215b", "mailwright.lock",
    })
    void trickyAccountNamesStayOneDirectoryInsideTheRoot(String account) throws IOException {
        store.createAccount(account);
        try (UserMail mail = store.open(account)) {
            assertThat(mail.account()).isEqualTo(account);
            mail.append(MailboxName.INBOX, message("x"), Flags.NONE, Instant.now());
        }
        Path dir = root.resolve(AccountNames.directoryName(account));
        assertThat(dir.getParent()).isEqualTo(root);
        assertThat(dir.getFileName().toString()).doesNotStartWith(".");
        assertThat(Files.isDirectory(dir.resolve("cur"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        try (Stream<Path> children = Files.list(root)) {
            assertThat(children.map(p -> p.getFileName().toString())).allMatch(n -> !n.startsWith("."));
        }
        assertThat(store.accounts()).contains(account, ALICE);
        try (UserMail alice = store.open(ALICE)) {
            assertThat(alice.status(MailboxName.INBOX).messages()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "a\u0000b", "\u0000", "a\nb", "a\rb", "a\u001bb", "a\u007fb", "a\u0085b", "a\ud800"})
    void controlCharactersAndEmptyAccountNamesAreRefused(String account) {
        assertThatThrownBy(() -> store.createAccount(account)).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_NAME));
        assertThat(store.exists(account)).isFalse();
        assertThatThrownBy(() -> store.open(account)).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_ACCOUNT));
    }

    @Test
    void lookAlikeAccountsAreDistinctAccounts() throws IOException {
        String cyrillic = "\u0430lice@example.org";
        store.createAccount(cyrillic);
        try (UserMail lookAlike = store.open(cyrillic)) {
            lookAlike.append(MailboxName.INBOX, message("not alice's"), Flags.NONE, Instant.now());
        }
        try (UserMail alice = store.open(ALICE)) {
            assertThat(alice.status(MailboxName.INBOX).messages()).isZero();
        }
        assertThat(store.accounts()).containsExactlyInAnyOrder(ALICE, cyrillic);
        // Case of ASCII letters is folded, so this is Alice again, not a new account.
        assertThatThrownBy(() -> store.createAccount("Alice@Example.org")).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.ACCOUNT_EXISTS));
        try (UserMail again = store.open("ALICE@example.ORG")) {
            assertThat(again.account()).isEqualTo(ALICE);
        }
    }

    // ---- mailbox names ----

    @ParameterizedTest
    @ValueSource(strings = {
        "...", ".hidden", "a..b", "..a", "a.", "back\\slash", "C:", "&AC4-", "a&AC8-b", "&AC4-&AC4-",
        "．．", "\u2024\u2024", "\uFE52", "a\u2215b", "\uFF0Fetc", "INBOX.Evil", "Inbox/Child", "x/./y.z",
    })
    void trickyMailboxNamesStayFoldersOfTheAccount(String raw) throws IOException {
        MailboxName name;
        try {
            name = MailboxName.of(raw);
        } catch (MailStoreException refused) {
            assertThat(refused.reason()).isEqualTo(Reason.INVALID_NAME);
            return;
        }
        Path account = root.resolve(AccountNames.directoryName(ALICE));
        try (UserMail mail = store.open(ALICE)) {
            mail.create(name, Set.of());
            mail.append(name, message(raw), Flags.NONE, Instant.now());
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).contains(name);
            assertThat(mail.status(name).messages()).isEqualTo(1);
        }
        Path dir = account.resolve(FolderNames.directoryName(name));
        assertThat(dir.getParent()).isEqualTo(account);
        assertThat(Files.isDirectory(dir.resolve("cur"), LinkOption.NOFOLLOW_LINKS)).isTrue();
        // Reopened from disk, the name reads back exactly.
        store.close();
        store = MaildirMailStore.builder().root(root).build();
        try (UserMail mail = store.open(ALICE)) {
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).contains(name);
            assertThat(mail.status(name).messages()).isEqualTo(1);
        }
    }

    /**
     * The IMAP engine decodes modified UTF-7 before a name reaches the store. A careless
     * decoder turns {@code &AC4-} into {@code .} and {@code &AC8-} into {@code /}: the
     * results are refused by MailboxName or become ordinary hierarchy levels.
     */
    @ParameterizedTest
    @ValueSource(strings = {"&AC4-", "&AC4-&AC4-", "&AC4AL gA-", "&AC8-etc&AC8-passwd", "a&AC8-..&AC8-b", "&AC4AL-", "x&AC8-&AC4-&AC4-"})
    void namesDecodedCarelesslyFromModifiedUtf7AreRefusedOrConfined(String wire) throws IOException {
        String decoded = carelessDecode(wire);
        MailboxName name;
        try {
            name = MailboxName.of(decoded);
        } catch (MailStoreException refused) {
            assertThat(refused.reason()).isEqualTo(Reason.INVALID_NAME);
            return;
        }
        try (UserMail mail = store.open(ALICE)) {
            mail.create(name, Set.of());
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).contains(name);
        }
        Path account = root.resolve(AccountNames.directoryName(ALICE));
        assertThat(account.resolve(FolderNames.directoryName(name)).getParent()).isEqualTo(account);
    }

    /** Decodes every BASE64 run, even ones hiding printable ASCII, as a lax decoder would. */
    private static String carelessDecode(String wire) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            int end = wire.indexOf('-', i);
            if (c != '&' || end < 0) {
                out.append(c);
                continue;
            }
            String run = wire.substring(i + 1, end).replace(',', '/').replace(" ", "");
            run = run.substring(0, run.length() - (run.length() % 4 == 1 ? 1 : 0));
            if (run.isEmpty()) {
                out.append('&');
            } else {
                byte[] bytes = Base64.getDecoder().decode(run + "==".substring(0, (4 - run.length() % 4) % 4));
                out.append(new String(bytes, 0, bytes.length & ~1, StandardCharsets.UTF_16BE));
            }
            i = end;
        }
        return out.toString();
    }

    // ---- symbolic links planted in the store ----

    @Test
    void aFolderThatIsALinkIsNoMailbox() throws IOException {
        Path account = root.resolve(AccountNames.directoryName(ALICE));
        Files.createSymbolicLink(account.resolve(".Evil"), outside);
        try (UserMail mail = store.open(ALICE)) {
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).doesNotContain(MailboxName.of("Evil"));
            assertRefused(() -> mail.select(MailboxName.of("Evil")), Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> mail.status(MailboxName.of("Evil")), Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> mail.append(MailboxName.of("Evil"), message("x"), Flags.NONE, Instant.now()),
                    Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> mail.delete(MailboxName.of("Evil")), Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> mail.create(MailboxName.of("Evil"), Set.of()), Reason.CANNOT);
            assertRefused(() -> mail.rename(MailboxName.of("Evil"), MailboxName.of("Mine")), Reason.NO_SUCH_MAILBOX);
        }
    }

    @Test
    void aFolderWhoseSubdirectoriesAreLinksIsNoMailbox() throws IOException {
        Path account = root.resolve(AccountNames.directoryName(ALICE));
        for (String linked : new String[] {"cur", "new", "tmp"}) {
            Path folder = Files.createDirectories(account.resolve(".Linked" + linked));
            for (String sub : new String[] {"cur", "new", "tmp"}) {
                if (sub.equals(linked)) {
                    Files.createSymbolicLink(folder.resolve(sub), outside.resolve(sub));
                } else {
                    Files.createDirectories(folder.resolve(sub));
                }
            }
        }
        try (UserMail mail = store.open(ALICE)) {
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).containsExactly(MailboxName.INBOX);
            for (String linked : new String[] {"cur", "new", "tmp"}) {
                MailboxName name = MailboxName.of("Linked" + linked);
                assertRefused(() -> mail.append(name, message("x"), Flags.NONE, Instant.now()), Reason.NO_SUCH_MAILBOX);
                assertRefused(() -> mail.select(name), Reason.NO_SUCH_MAILBOX);
            }
        }
    }

    @Test
    void messageFilesThatAreLinksAreNeverIndexed() throws IOException {
        Path account = root.resolve(AccountNames.directoryName(ALICE));
        Files.createSymbolicLink(account.resolve("cur").resolve("2.link:2,S"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(account.resolve("new").resolve("3.link"), outside.resolve("cur").resolve("1.secret:2,"));
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(MailboxName.INBOX)) {
            assertThat(inbox.snapshot().messages()).isEmpty();
            assertThat(mail.quota().usedMessages()).isZero();
        }
        // Left where they are, not followed, not moved.
        assertThat(Files.isSymbolicLink(account.resolve("new").resolve("3.link"))).isTrue();
    }

    @Test
    void accountDirectoriesThatAreLinksAreNoAccounts() throws IOException {
        Path alice = root.resolve(AccountNames.directoryName(ALICE));
        Files.createSymbolicLink(root.resolve("mallory@example.org"), alice);
        Files.writeString(outside.resolve(Account.NAME_FILE), "eve@example.org\n");
        outsideBefore = snapshotOutsideRoot();
        Files.createSymbolicLink(root.resolve("eve@example.org"), outside);

        assertThat(store.exists("mallory@example.org")).isFalse();
        assertThat(store.exists("eve@example.org")).isFalse();
        assertRefused(() -> store.open("mallory@example.org"), Reason.NO_SUCH_ACCOUNT);
        assertRefused(() -> store.open("eve@example.org"), Reason.NO_SUCH_ACCOUNT);
        assertRefused(() -> store.createAccount("eve@example.org"), Reason.ACCOUNT_EXISTS);
        assertThat(store.accounts()).containsExactly(ALICE);
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MailStoreException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
