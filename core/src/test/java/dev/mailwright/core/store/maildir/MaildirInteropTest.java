package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.AppendResult;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxChanges;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files are what other Maildir programs expect, and what they do to the files is
 * picked up: deliveries into {@code new/} and {@code cur/}, flag renames, deletions,
 * folders they create.
 */
class MaildirInteropTest {

    private static final String ALICE = "alice@example.org";
    private static final Instant DATE = Instant.parse("2024-03-01T10:15:30Z");
    private static final Pattern OUR_NAME = Pattern.compile(
            "\\d+\\.M\\d+P\\d+Q\\d+R[0-9a-f]{8}\\.[A-Za-z0-9._-]+,S=(\\d+),W=(\\d+):2,([A-Za-z]*)");

    @TempDir
    Path temp;
    private MaildirMailStore store;
    private Path account;

    @BeforeEach
    void createStore() {
        store = MaildirMailStore.builder().root(temp.resolve("store")).build();
        store.createAccount(ALICE);
        account = store.root().resolve(ALICE);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static MessageContent bytes(String text) {
        return MessageContent.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** A change by another program, with a directory time of its own (not in our clock tick). */
    private static void markChanged(Path dir) throws IOException {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minusSeconds(30)));
    }

    @Test
    void messageFilesAreDovecotStyleWithExactBytesSizesFlagsAndDate() throws IOException {
        String text = "Subject: bare\nX: lf\r\n\r\nbody\n";
        try (UserMail mail = store.open(ALICE)) {
            mail.append(MailboxName.INBOX, bytes(text), Flags.of("\\Seen", "\\Answered", "\\Draft", "$Label1", "$Junk"), DATE);
            mail.append(MailboxName.INBOX, bytes("Subject: x\r\n\r\n"), Flags.of("\\Flagged", "\\Deleted", "$Junk"), DATE);
        }
        List<String> names = list(account.resolve("cur"));
        assertThat(names).hasSize(2).allMatch(n -> OUR_NAME.matcher(n).matches());
        assertThat(list(account.resolve("new"))).isEmpty();
        assertThat(list(account.resolve("tmp"))).isEmpty();
        // Flag letters in ASCII order: D R S, then the keyword letters ($Junk a, $Label1 b).
        String firstName = names.stream().filter(n -> n.endsWith(":2,DRSab")).findFirst().orElseThrow();
        Matcher first = OUR_NAME.matcher(firstName);
        assertThat(first.matches()).isTrue();
        byte[] stored = Files.readAllBytes(account.resolve("cur").resolve(firstName));
        assertThat(stored).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(Long.parseLong(first.group(1))).isEqualTo(stored.length);
        assertThat(Long.parseLong(first.group(2))).isEqualTo(stored.length + 2); // two bare line feeds
        assertThat(Files.getLastModifiedTime(account.resolve("cur").resolve(firstName)).toInstant()).isEqualTo(DATE);
        assertThat(Files.readString(account.resolve(KeywordMap.FILE))).isEqualTo("0 $Junk\n1 $Label1\n");
        assertThat(names).anyMatch(n -> n.endsWith(":2,FTa"));
    }

    @Test
    void foldersAndSubscriptionsAreMaildirPlusPlusAndDovecotFormat() throws IOException {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("Work/Projects"), Set.of());
            mail.subscribe(MailboxName.INBOX, true);
            mail.subscribe(MailboxName.of("Work/Projects"), true);
        }
        for (String folder : new String[] {".Work", ".Work.Projects"}) {
            assertThat(list(account.resolve(folder))).contains("cur", "new", "tmp", "maildirfolder");
        }
        assertThat(Files.readString(account.resolve("subscriptions"))).isEqualTo("V\t2\n\nINBOX\nWork\tProjects\n");
    }

    @Test
    void mailDeliveredIntoNewByAnotherProgramGetsNewUids() throws IOException {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(MailboxName.INBOX)) {
            long ours = mail.append(MailboxName.INBOX, bytes("Subject: ours\r\n\r\n"), Flags.NONE, DATE).uid();
            long before = inbox.snapshot().highestModSeq();

            // An MDA writes to tmp/ and renames into new/, with a name of its own.
            Path tmp = account.resolve("tmp").resolve("1700000000.12345_0.otherhost");
            Files.writeString(tmp, "Subject: procmail\n\nhi\n");
            Files.setLastModifiedTime(tmp, FileTime.from(Instant.parse("2023-11-14T22:13:20Z")));
            Files.move(tmp, account.resolve("new").resolve("1700000000.12345_0.otherhost"));
            Files.writeString(account.resolve("cur").resolve("1700000001.999.otherhost:2,FS"), "Subject: seen\n\n");
            markChanged(account.resolve("new"));
            markChanged(account.resolve("cur"));

            MailboxChanges changes = inbox.changesSince(before);
            assertThat(changes.changed()).extracting(MessageInfo::uid).allMatch(uid -> uid > ours).hasSize(2);
            MessageInfo procmail = changes.changed().get(0);
            assertThat(procmail.flags()).isEqualTo(Flags.NONE);
            assertThat(procmail.internalDate()).isEqualTo(Instant.parse("2023-11-14T22:13:20Z"));
            assertThat(changes.changed().get(1).flags()).isEqualTo(Flags.of("\\Flagged", "\\Seen"));
            MessageContent content = inbox.content(procmail.uid());
            assertThat(new String(content.toByteArray(), StandardCharsets.UTF_8)).isEqualTo("Subject: procmail\n\nhi\n");
            content.release();
            assertThat(list(account.resolve("new"))).isEmpty();
            assertThat(list(account.resolve("cur"))).contains("1700000000.12345_0.otherhost:2,", "1700000001.999.otherhost:2,FS");
            assertThat(mail.quota().usedMessages()).isEqualTo(3);
        }
        // The UIDs given to them are durable.
        store.close();
        store = MaildirMailStore.builder().root(temp.resolve("store")).build();
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(MailboxName.INBOX)) {
            assertThat(inbox.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void flagRenamesAndDeletionsByAnotherProgramAreSeen() throws IOException {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            long a = mail.append(INBOX(), bytes("Subject: a\r\n\r\n"), Flags.NONE, DATE).uid();
            long b = mail.append(INBOX(), bytes("Subject: b\r\n\r\n"), Flags.of("\\Seen"), DATE).uid();
            long mark = inbox.snapshot().highestModSeq();
            Path cur = account.resolve("cur");
            List<String> names = list(cur);
            // neomutt marks a as replied and seen (keeping a 'P' it knows and we don't), and deletes b.
            String fileA = names.stream().filter(n -> n.endsWith(":2,")).findFirst().orElseThrow();
            String fileB = names.stream().filter(n -> n.endsWith(":2,S")).findFirst().orElseThrow();
            Files.move(cur.resolve(fileA), cur.resolve(fileA + "PRS"));
            Files.delete(cur.resolve(fileB));
            markChanged(cur);

            MailboxChanges changes = inbox.changesSince(mark);
            assertThat(changes.changed()).singleElement().satisfies(m -> {
                assertThat(m.uid()).isEqualTo(a);
                assertThat(m.flags()).isEqualTo(Flags.of("\\Answered", "\\Seen"));
                assertThat(m.modSeq()).isGreaterThan(mark);
            });
            assertThat(changes.vanished()).isEqualTo(UidSet.of(b));
            assertThat(mail.status(INBOX()).messages()).isEqualTo(1);

            // Our own flag change keeps the letter we do not know.
            inbox.store(UidSet.of(a), FlagUpdate.add(Flags.of("\\Flagged")), OptionalLong.empty());
            assertThat(list(cur)).singleElement().satisfies(n -> assertThat(n).endsWith(":2,FPRS"));
        }
    }

    @Test
    void aFlagChangeOnAFileAnotherProgramRenamedStillWorks() throws IOException {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            long a = mail.append(INBOX(), bytes("Subject: a\r\n\r\n"), Flags.NONE, DATE).uid();
            inbox.snapshot();
            Path cur = account.resolve("cur");
            String name = list(cur).get(0);
            // Renamed behind our back, in the same clock tick as far as the directory time tells.
            FileTime time = Files.getLastModifiedTime(cur);
            Files.move(cur.resolve(name), cur.resolve(name + "S"));
            Files.setLastModifiedTime(cur, time);

            MessageInfo changed = inbox.store(UidSet.of(a), FlagUpdate.add(Flags.of("\\Flagged")), OptionalLong.empty())
                    .messages().get(0);
            assertThat(changed.flags()).isEqualTo(Flags.of("\\Flagged", "\\Seen"));
            assertThat(list(cur)).singleElement().satisfies(n -> assertThat(n).endsWith(":2,FS"));
            MessageContent content = inbox.content(a);
            assertThat(content.size()).isPositive();
            content.release();
        }
    }

    @Test
    void nonCanonicalNamesAndBaseClashesAreAdoptedSafely() throws IOException {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            mail.append(INBOX(), bytes("Subject: ours\r\n\r\n"), Flags.NONE, DATE);
            Path cur = account.resolve("cur");
            String ours = list(cur).get(0);
            String base = ours.substring(0, ours.indexOf(':'));
            // A file without info in cur/, and a copy of our message under the same base in new/.
            Files.writeString(cur.resolve("1700000002.1.host"), "Subject: no info\n\n");
            Files.writeString(account.resolve("new").resolve(base), "Subject: clash\n\n");
            markChanged(cur);
            markChanged(account.resolve("new"));

            assertThat(inbox.snapshot().messages()).hasSize(3);
            assertThat(list(cur)).hasSize(3).contains(ours, "1700000002.1.host:2,").allMatch(MessageFileName::isCanonical);
        }
    }

    @Test
    void foldersMadeByOtherProgramsAreMailboxesAndTheirIndexFilesAreIgnored() throws IOException {
        Path lists = account.resolve(".Lists");
        for (String sub : new String[] {"cur", "new", "tmp"}) {
            Files.createDirectories(lists.resolve(sub));
        }
        Files.writeString(lists.resolve("cur").resolve("1.a.host:2,S"), "Subject: one\n\n");
        Files.writeString(lists.resolve("new").resolve("2.b.host"), "Subject: two\n\n");
        Files.writeString(account.resolve("dovecot-uidlist"), "3 V1 N1\n");
        Files.createDirectories(account.resolve(".Entwürfe").resolve("cur")); // raw UTF-8: not a name we write
        try (UserMail mail = store.open(ALICE)) {
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name)
                    .containsExactly(MailboxName.INBOX, MailboxName.of("Lists"));
            assertThat(mail.status(MailboxName.of("Lists")).messages()).isEqualTo(2);
            assertThat(mail.status(MailboxName.of("Lists")).unseen()).isEqualTo(1);
        }
    }

    @Test
    void watchersWakeForMailAnotherProgramDelivers() throws Exception {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            inbox.snapshot();
            CountDownLatch woken = new CountDownLatch(1);
            var subscription = inbox.watch(name -> woken.countDown());
            Path tmp = account.resolve("tmp").resolve("1700000003.7.otherhost");
            Files.writeString(tmp, "Subject: wake up\n\n");
            Files.move(tmp, account.resolve("new").resolve("1700000003.7.otherhost"));
            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(inbox.changesSince(0).changed()).hasSize(1);
            subscription.cancel();
        }
    }

    @Test
    void aDeletionByAnotherProgramReachesAnIdleWatcher() throws Exception {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            long uid = mail.append(INBOX(), bytes("Subject: doomed\r\n\r\n"), Flags.NONE, DATE).uid();
            long mark = inbox.snapshot().highestModSeq();
            // Woken at once, and again once the directory is quiet enough for the deletion to be trusted.
            CountDownLatch woken = new CountDownLatch(2);
            var subscription = inbox.watch(name -> woken.countDown());
            Files.delete(account.resolve("cur").resolve(list(account.resolve("cur")).get(0)));
            assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(inbox.changesSince(mark).vanished()).isEqualTo(UidSet.of(uid));
            subscription.cancel();
        }
    }

    @Test
    void atMostTwentySixKeywordsPerFolder() {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            long uid = mail.append(INBOX(), bytes("Subject: k\r\n\r\n"), Flags.NONE, DATE).uid();
            List<String> keywords = new ArrayList<>();
            for (int i = 0; i < KeywordMap.MAX_KEYWORDS; i++) {
                keywords.add("$K" + i);
            }
            inbox.store(UidSet.of(uid), FlagUpdate.add(Flags.of(keywords)), OptionalLong.empty());
            assertThatThrownBy(() -> inbox.store(UidSet.of(uid), FlagUpdate.add(Flags.of("$OneTooMany")), OptionalLong.empty()))
                    .isInstanceOfSatisfying(MailStoreException.class,
                            e -> assertThat(e.reason()).isEqualTo(MailStoreException.Reason.LIMIT));
            assertThatThrownBy(() -> mail.append(INBOX(), bytes("x"), Flags.of("$Another"), DATE))
                    .isInstanceOf(MailStoreException.class);
            assertThat(inbox.snapshot().messages()).singleElement()
                    .satisfies(m -> assertThat(m.flags().keywords()).hasSize(KeywordMap.MAX_KEYWORDS));
            // Known keywords in any case still work.
            inbox.store(UidSet.of(uid), FlagUpdate.remove(Flags.of("$k0")), OptionalLong.empty());
            assertThat(inbox.snapshot().messages().get(0).flags().contains("$K0")).isFalse();
        }
    }

    @Test
    void leftoversInTmpAreRemovedOnlyWhenTheirWriterIsGone() throws IOException {
        Path tmp = account.resolve("tmp");
        FileNamer namer = new FileNamer();
        String host = namer.host();
        long deadPid = deadPid();
        String dead = "1700000000.M1P" + deadPid + "Q1R00000000." + host;
        String live = "1700000000.M1P" + ProcessHandle.current().pid() + "Q99R00000000." + host;
        String foreignOld = "1600000000.M1P1Q1R00000000.elsewhere";
        String foreignNew = "1700000000.M1P1Q2R00000000.elsewhere";
        for (String name : new String[] {dead, live, foreignOld, foreignNew}) {
            Files.writeString(tmp.resolve(name), "partial");
        }
        Files.setLastModifiedTime(tmp.resolve(foreignOld), FileTime.from(Instant.now().minus(TmpCleaner.STALE).minusSeconds(60)));
        Files.setLastModifiedTime(tmp.resolve(live), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            inbox.snapshot();
        }
        assertThat(list(tmp)).containsExactlyInAnyOrder(live, foreignNew);
    }

    private static long deadPid() throws IOException {
        try {
            Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(30, TimeUnit.SECONDS);
            return p.pid();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Test
    void expungeRemovesFilesAndCopiesAreHardLinks() throws IOException {
        try (UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(INBOX())) {
            mail.create(MailboxName.of("Archive"), Set.of());
            AppendResult a = mail.append(INBOX(), bytes("Subject: a\r\n\r\n"), Flags.of("$Tag"), DATE);
            inbox.copy(UidSet.of(a.uid()), MailboxName.of("Archive"));
            Path copy = account.resolve(".Archive").resolve("cur").resolve(list(account.resolve(".Archive").resolve("cur")).get(0));
            assertThat(Files.getAttribute(copy, "unix:nlink")).isEqualTo(2);
            assertThat(copy.getFileName().toString()).endsWith(":2,a");
            inbox.store(UidSet.of(a.uid()), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
            inbox.expunge(Optional.empty());
            assertThat(list(account.resolve("cur"))).isEmpty();
            assertThat(Files.getAttribute(copy, "unix:nlink")).isEqualTo(1);
        }
    }

    private static MailboxName INBOX() {
        return MailboxName.INBOX;
    }
}
