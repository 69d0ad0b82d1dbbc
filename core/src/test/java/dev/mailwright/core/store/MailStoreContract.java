package dev.mailwright.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.MailStoreException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MailStore} shares. A store's test extends this class and
 * says how to make a fresh, empty store; durable stores also say how to reopen one.
 * Shipped in core's test-jar so that every store runs it unchanged.
 */
public abstract class MailStoreContract {

    protected static final String ALICE = "alice@example.org";
    protected static final String BOB = "bob@example.org";
    protected static final MailboxName INBOX = MailboxName.INBOX;
    protected static final Instant DATE = Instant.parse("2024-03-01T10:15:30Z");

    private final List<MailStore> opened = new ArrayList<>();
    protected MailStore store;

    /** A new, empty store with these limits. */
    protected abstract MailStore createStore(QuotaPolicy quota) throws Exception;

    /** Whether acknowledged changes survive {@link #reopen}. */
    protected boolean isDurable() {
        return false;
    }

    /** Closes {@code store} and opens a new store on the same storage. Durable stores only. */
    protected MailStore reopen(MailStore store) throws Exception {
        throw new UnsupportedOperationException("not a durable store");
    }

    @BeforeEach
    void createDefaultStore() throws Exception {
        store = track(createStore(QuotaPolicy.UNLIMITED));
        store.createAccount(ALICE);
    }

    @AfterEach
    void closeStores() {
        for (MailStore s : opened) {
            s.close();
        }
    }

    protected MailStore track(MailStore s) {
        opened.add(s);
        return s;
    }

    protected static MessageContent message(String subject) {
        return message(subject, "Hello.\r\n");
    }

    protected static MessageContent message(String subject, String body) {
        String text = "From: Carol <carol@example.net>\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <" + subject.hashCode() + "@example.net>\r\n\r\n" + body;
        return MessageContent.of(text.getBytes(StandardCharsets.UTF_8));
    }

    protected AppendResult append(UserMail mail, MailboxName mailbox, String subject, Flags flags) {
        MessageContent content = message(subject);
        try {
            return mail.append(mailbox, content, flags, DATE);
        } finally {
            content.release();
        }
    }

    private static void assertRefused(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call).isInstanceOfSatisfying(MailStoreException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    // ---- accounts ----

    @Test
    void newAccountHasOnlyAnEmptyInbox() {
        try (UserMail mail = store.open(ALICE)) {
            assertThat(mail.account()).isEqualTo(ALICE);
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).containsExactly(INBOX);
            assertThat(mail.status(INBOX).messages()).isZero();
            assertThat(mail.quota().usedBytes()).isZero();
        }
    }

    @Test
    void accountsAreCreatedListedAndDeleted() {
        store.createAccount(BOB);
        assertThat(store.accounts()).containsExactly(ALICE, BOB);
        assertThat(store.exists(BOB)).isTrue();
        assertRefused(() -> store.createAccount(BOB), Reason.ACCOUNT_EXISTS);

        store.deleteAccount(BOB);
        assertThat(store.exists(BOB)).isFalse();
        assertThat(store.accounts()).containsExactly(ALICE);
        assertRefused(() -> store.open(BOB), Reason.NO_SUCH_ACCOUNT);
        assertRefused(() -> store.deleteAccount(BOB), Reason.NO_SUCH_ACCOUNT);
    }

    @Test
    void deletedAccountLosesItsMailAndCanBeCreatedAgain() {
        store.createAccount(BOB);
        try (UserMail mail = store.open(BOB)) {
            append(mail, INBOX, "old", Flags.NONE);
        }
        store.deleteAccount(BOB);
        store.createAccount(BOB);
        try (UserMail mail = store.open(BOB)) {
            assertThat(mail.status(INBOX).messages()).isZero();
            assertThat(mail.quota().usedMessages()).isZero();
        }
    }

    @Test
    void provisionCreatesTheStandardMailboxesOnce() {
        store.provision(BOB);
        store.provision(BOB);
        try (UserMail mail = store.open(BOB)) {
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).extracting(MailboxName::toString)
                    .containsExactlyInAnyOrder("INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash");
            assertThat(mail.mailboxes()).filteredOn(m -> m.name().toString().equals("Sent"))
                    .singleElement().extracting(MailboxInfo::specialUse).isEqualTo(Set.of(SpecialUse.SENT));
            assertThat(mail.subscriptions()).hasSize(6);
        }
    }

    @Test
    void accountsAreIsolated() {
        store.createAccount(BOB);
        try (UserMail alice = store.open(ALICE); UserMail bob = store.open(BOB)) {
            append(alice, INBOX, "for alice", Flags.NONE);
            alice.create(MailboxName.of("Private"), Set.of());
            assertThat(bob.status(INBOX).messages()).isZero();
            assertThat(bob.mailboxes()).extracting(MailboxInfo::name).containsExactly(INBOX);
            assertThat(bob.quota().usedMessages()).isZero();
        }
    }

    // ---- mailboxes ----

    @Test
    void createListsSortedAndMakesParents() {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("Work/Projects/Mailwright"), Set.of());
            mail.create(MailboxName.of("Archive"), Set.of(SpecialUse.ARCHIVE));
            assertThat(mail.mailboxes()).extracting(m -> m.name().toString())
                    .containsExactly("Archive", "INBOX", "Work", "Work/Projects", "Work/Projects/Mailwright");
            assertThat(mail.mailboxes().get(0).specialUse()).containsExactly(SpecialUse.ARCHIVE);
            assertRefused(() -> mail.create(MailboxName.of("Work"), Set.of()), Reason.MAILBOX_EXISTS);
            assertRefused(() -> mail.create(MailboxName.of("inbox"), Set.of()), Reason.MAILBOX_EXISTS);
        }
    }

    @Test
    void unicodeNamesRoundTrip() {
        MailboxName name = MailboxName.of("Entwürfe/日本語 メール/Ελληνικά");
        try (UserMail mail = store.open(ALICE)) {
            mail.create(name, Set.of());
            append(mail, name, "unicode", Flags.NONE);
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).contains(name);
            assertThat(mail.status(name).messages()).isEqualTo(1);
        }
    }

    @Test
    void namesWithDotsAndSpacesAreKeptApart() {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("a.b"), Set.of());
            mail.create(MailboxName.of("a/b"), Set.of());
            mail.create(MailboxName.of("a b"), Set.of());
            append(mail, MailboxName.of("a.b"), "dot", Flags.NONE);
            assertThat(mail.status(MailboxName.of("a.b")).messages()).isEqualTo(1);
            assertThat(mail.status(MailboxName.of("a/b")).messages()).isZero();
            assertThat(mail.mailboxes()).extracting(m -> m.name().toString()).contains("a", "a.b", "a/b", "a b");
        }
    }

    @Test
    void deleteRemovesMailboxAndItsMessages() {
        MailboxName old = MailboxName.of("Old");
        try (UserMail mail = store.open(ALICE)) {
            mail.create(old, Set.of());
            append(mail, old, "one", Flags.NONE);
            long validity = mail.status(old).uidValidity();
            mail.delete(old);
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).doesNotContain(old);
            assertThat(mail.quota().usedMessages()).isZero();
            assertRefused(() -> mail.status(old), Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> mail.delete(old), Reason.NO_SUCH_MAILBOX);

            mail.create(old, Set.of());
            assertThat(mail.status(old).uidValidity()).isNotEqualTo(validity);
            assertThat(mail.status(old).messages()).isZero();
        }
    }

    @Test
    void inboxAndParentsCannotBeDeleted() {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("Parent/Child"), Set.of());
            assertRefused(() -> mail.delete(INBOX), Reason.CANNOT);
            assertRefused(() -> mail.delete(MailboxName.of("Parent")), Reason.HAS_CHILDREN);
            mail.delete(MailboxName.of("Parent/Child"));
            mail.delete(MailboxName.of("Parent"));
            assertThat(mail.mailboxes()).extracting(MailboxInfo::name).containsExactly(INBOX);
        }
    }

    @Test
    void renameMovesChildrenAndKeepsUids() {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("Work/Old"), Set.of());
            mail.create(MailboxName.of("Workshop"), Set.of());
            AppendResult appended = append(mail, MailboxName.of("Work/Old"), "kept", Flags.of("\\Seen"));

            mail.rename(MailboxName.of("Work"), MailboxName.of("Jobs/Past"));

            assertThat(mail.mailboxes()).extracting(m -> m.name().toString())
                    .containsExactly("INBOX", "Jobs", "Jobs/Past", "Jobs/Past/Old", "Workshop");
            MailboxStatus status = mail.status(MailboxName.of("Jobs/Past/Old"));
            assertThat(status.uidValidity()).isEqualTo(appended.uidValidity());
            try (Mailbox box = mail.select(MailboxName.of("Jobs/Past/Old"))) {
                assertThat(box.snapshot().messages()).singleElement()
                        .satisfies(m -> assertThat(m.uid()).isEqualTo(appended.uid()))
                        .satisfies(m -> assertThat(m.flags()).isEqualTo(Flags.of("\\Seen")));
            }
        }
    }

    @Test
    void renameRefusals() {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("A"), Set.of());
            mail.create(MailboxName.of("B"), Set.of());
            assertRefused(() -> mail.rename(MailboxName.of("A"), MailboxName.of("B")), Reason.MAILBOX_EXISTS);
            assertRefused(() -> mail.rename(MailboxName.of("Nope"), MailboxName.of("C")), Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> mail.rename(MailboxName.of("A"), MailboxName.of("A/Inner")), Reason.CANNOT);
        }
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        try (UserMail mail = store.open(ALICE)) {
            append(mail, INBOX, "one", Flags.NONE);
            append(mail, INBOX, "two", Flags.of("\\Flagged"));
            long inboxValidity = mail.status(INBOX).uidValidity();

            mail.rename(INBOX, MailboxName.of("Old Inbox"));

            assertThat(mail.status(INBOX).messages()).isZero();
            assertThat(mail.status(INBOX).uidValidity()).isEqualTo(inboxValidity);
            assertThat(mail.status(MailboxName.of("Old Inbox")).messages()).isEqualTo(2);
            assertThat(mail.quota().usedMessages()).isEqualTo(2);
            try (Mailbox old = mail.select(MailboxName.of("Old Inbox"))) {
                assertThat(old.snapshot().messages()).extracting(MessageInfo::flags)
                        .containsExactly(Flags.NONE, Flags.of("\\Flagged"));
            }
            // New mail still arrives in INBOX, with UIDs above the old ones.
            AppendResult next = append(mail, INBOX, "three", Flags.NONE);
            assertThat(next.uid()).isGreaterThan(2);
        }
    }

    @Test
    void specialUseIsUniquePerAccount() {
        try (UserMail mail = store.open(ALICE)) {
            mail.create(MailboxName.of("Sent"), Set.of(SpecialUse.SENT));
            assertRefused(() -> mail.create(MailboxName.of("Sent Items"), Set.of(SpecialUse.SENT)), Reason.CANNOT);
        }
    }

    @Test
    void subscriptionsNeedNotExist() {
        try (UserMail mail = store.open(ALICE)) {
            mail.subscribe(MailboxName.of("Ghost"), true);
            mail.subscribe(INBOX, true);
            mail.subscribe(INBOX, true);
            assertThat(mail.subscriptions()).containsExactly(MailboxName.of("Ghost"), INBOX);
            mail.subscribe(MailboxName.of("Ghost"), false);
            mail.subscribe(MailboxName.of("Never"), false);
            assertThat(mail.subscriptions()).containsExactly(INBOX);
        }
    }

    // ---- messages ----

    @Test
    void appendAssignsIncreasingUidsAndKeepsBytesExactly() {
        byte[] raw = "Subject: exact\r\nX-8bit: caf\u00e9\r\n\r\nline one\r\n.\r\n..dots\r\nno final newline"
                .getBytes(StandardCharsets.UTF_8);
        try (UserMail mail = store.open(ALICE)) {
            AppendResult first = append(mail, INBOX, "first", Flags.NONE);
            AppendResult second = mail.append(INBOX, MessageContent.of(raw), Flags.of("\\Seen", "$Label1"), DATE);

            assertThat(first.uid()).isPositive();
            assertThat(second.uid()).isGreaterThan(first.uid());
            assertThat(second.uidValidity()).isEqualTo(first.uidValidity()).isPositive();
            assertThat(second.modSeq()).isGreaterThan(first.modSeq());

            MailboxStatus status = mail.status(INBOX);
            assertThat(status.messages()).isEqualTo(2);
            assertThat(status.unseen()).isEqualTo(1);
            assertThat(status.uidNext()).isGreaterThan(second.uid());
            assertThat(status.highestModSeq()).isGreaterThanOrEqualTo(second.modSeq());

            try (Mailbox box = mail.select(INBOX)) {
                MessageContent content = box.content(second.uid());
                try {
                    assertThat(content.toByteArray()).isEqualTo(raw);
                    assertThat(content.size()).isEqualTo(raw.length);
                } finally {
                    content.release();
                }
                MessageInfo info = box.snapshot().messages().get(1);
                assertThat(info.uid()).isEqualTo(second.uid());
                assertThat(info.size()).isEqualTo(raw.length);
                assertThat(info.flags()).isEqualTo(Flags.of("\\Seen", "$Label1"));
                assertThat(info.internalDate().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(DATE);
                assertThat(info.modSeq()).isEqualTo(second.modSeq());
            }
        }
    }

    @Test
    void callerMayReleaseContentRightAfterAppend() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mw-contract");
        try (UserMail mail = store.open(ALICE)) {
            MessageContent spooled;
            try (dev.mailwright.core.SpoolingOutputStream out = new dev.mailwright.core.SpoolingOutputStream(16, dir)) {
                out.write("Subject: spooled\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.write(new byte[200_000]);
                spooled = out.toContent();
            }
            AppendResult result = mail.append(INBOX, spooled, Flags.NONE, DATE);
            spooled.release();
            try (Mailbox box = mail.select(INBOX)) {
                MessageContent stored = box.content(result.uid());
                assertThat(stored.size()).isEqualTo(200_000 + 20);
                stored.release();
            }
        } finally {
            try (var files = java.nio.file.Files.list(dir)) {
                assertThat(files).isEmpty();
            }
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void appendToMissingMailboxIsRefused() {
        try (UserMail mail = store.open(ALICE)) {
            assertRefused(() -> append(mail, MailboxName.of("Nope"), "x", Flags.NONE), Reason.NO_SUCH_MAILBOX);
        }
    }

    @Test
    void uidsAreNeverReusedAfterExpunge() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            AppendResult a = append(mail, INBOX, "a", Flags.of("\\Deleted"));
            AppendResult b = append(mail, INBOX, "b", Flags.of("\\Deleted"));
            assertThat(box.expunge(Optional.empty())).isEqualTo(UidSet.of(a.uid(), b.uid()));
            AppendResult c = append(mail, INBOX, "c", Flags.NONE);
            assertThat(c.uid()).isGreaterThan(b.uid());
            assertThat(mail.status(INBOX).uidNext()).isGreaterThan(c.uid());
        }
    }

    @Test
    void expungeRemovesOnlyDeletedAndOnlyTheGivenUids() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long a = append(mail, INBOX, "a", Flags.of("\\Deleted")).uid();
            long b = append(mail, INBOX, "b", Flags.NONE).uid();
            long c = append(mail, INBOX, "c", Flags.of("\\Deleted")).uid();

            assertThat(box.expunge(Optional.of(UidSet.of(b, c)))).isEqualTo(UidSet.of(c));
            assertThat(box.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(a, b);
            assertThat(box.expunge(Optional.empty())).isEqualTo(UidSet.of(a));
            assertThat(box.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(b);
            assertThat(mail.status(INBOX).deleted()).isZero();
            assertRefused(() -> box.content(a), Reason.NO_SUCH_MESSAGE);
        }
    }

    @Test
    void messagesLooksUpOnlyTheAddressedExistingUids() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long a = append(mail, INBOX, "a", Flags.NONE).uid();
            long b = append(mail, INBOX, "b", Flags.of("\\Deleted")).uid();
            long c = append(mail, INBOX, "c", Flags.of("\\Seen")).uid();
            box.expunge(Optional.empty());

            assertThat(box.messages(UidSet.of(a, b, c, c + 10))).extracting(MessageInfo::uid).containsExactly(a, c);
            assertThat(box.messages(UidSet.of(c)).get(0).flags()).isEqualTo(Flags.of("\\Seen"));
            assertThat(box.messages(UidSet.EMPTY)).isEmpty();
        }
    }

    @Test
    void contentStaysReadableAfterExpungeWhileHeld() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long uid = append(mail, INBOX, "held", Flags.of("\\Deleted")).uid();
            MessageContent held = box.content(uid);
            box.expunge(Optional.empty());
            try {
                assertThat(new String(held.toByteArray(), StandardCharsets.UTF_8)).contains("Subject: held");
            } finally {
                held.release();
            }
        }
    }

    // ---- flags and MODSEQ ----

    @Test
    void storeAddsRemovesAndReplacesFlags() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long uid = append(mail, INBOX, "f", Flags.of("\\Seen")).uid();

            StoreResult added = box.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Flagged", "$Important")), OptionalLong.empty());
            assertThat(added.messages()).singleElement().extracting(MessageInfo::flags)
                    .isEqualTo(Flags.of("\\Seen", "\\Flagged", "$Important"));

            StoreResult removed = box.store(UidSet.of(uid), FlagUpdate.remove(Flags.of("\\Seen", "$important")), OptionalLong.empty());
            assertThat(removed.messages().get(0).flags()).isEqualTo(Flags.of("\\Flagged"));

            StoreResult replaced = box.store(UidSet.of(uid), FlagUpdate.replace(Flags.of("\\Draft")), OptionalLong.empty());
            assertThat(replaced.messages().get(0).flags()).isEqualTo(Flags.of("\\Draft"));
            assertThat(box.snapshot().messages().get(0).flags()).isEqualTo(Flags.of("\\Draft"));
        }
    }

    @Test
    void everyChangeRaisesModSeqAndUnchangedFlagsDoNot() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long uid = append(mail, INBOX, "m", Flags.NONE).uid();
            long before = box.snapshot().highestModSeq();

            MessageInfo seen = box.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.empty()).messages().get(0);
            assertThat(seen.modSeq()).isGreaterThan(before);
            assertThat(box.snapshot().highestModSeq()).isEqualTo(seen.modSeq());

            MessageInfo again = box.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.empty()).messages().get(0);
            assertThat(again.modSeq()).isEqualTo(seen.modSeq());
        }
    }

    @Test
    void unchangedSinceSkipsMessagesModifiedLater() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long a = append(mail, INBOX, "a", Flags.NONE).uid();
            long b = append(mail, INBOX, "b", Flags.NONE).uid();
            long modSeqA = box.snapshot().messages().get(0).modSeq();
            // b was appended after a, so b's MODSEQ is above a's.
            StoreResult result = box.store(UidSet.of(a, b), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.of(modSeqA));
            assertThat(result.modified()).isEqualTo(UidSet.of(b));
            assertThat(result.messages()).extracting(MessageInfo::uid).containsExactly(a);
            assertThat(box.snapshot().messages().get(1).flags()).isEqualTo(Flags.NONE);
        }
    }

    @Test
    void storeIgnoresMissingUids() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long a = append(mail, INBOX, "a", Flags.NONE).uid();
            StoreResult result = box.store(UidSet.range(1, 1000), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.empty());
            assertThat(result.messages()).extracting(MessageInfo::uid).containsExactly(a);
            assertThat(result.modified().isEmpty()).isTrue();
        }
    }

    @Test
    void changesSinceReportsChangedAndVanished() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long a = append(mail, INBOX, "a", Flags.NONE).uid();
            long b = append(mail, INBOX, "b", Flags.NONE).uid();
            long mark = box.snapshot().highestModSeq();

            MailboxChanges none = box.changesSince(mark);
            assertThat(none.isEmpty()).isTrue();
            assertThat(none.highestModSeq()).isEqualTo(mark);

            box.store(UidSet.of(a), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
            box.expunge(Optional.empty());
            box.store(UidSet.of(b), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.empty());
            long c = append(mail, INBOX, "c", Flags.NONE).uid();

            MailboxChanges changes = box.changesSince(mark);
            assertThat(changes.changed()).extracting(MessageInfo::uid).containsExactly(b, c);
            assertThat(changes.vanished()).isEqualTo(UidSet.of(a));
            assertThat(changes.vanishedComplete()).isTrue();
            assertThat(changes.highestModSeq()).isGreaterThan(mark);
            assertThat(changes.uidNext()).isGreaterThan(c);

            assertThat(box.changesSince(0).changed()).extracting(MessageInfo::uid).containsExactly(b, c);
        }
    }

    @Test
    void keywordsAreCaseInsensitive() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long uid = append(mail, INBOX, "k", Flags.of("$Work")).uid();
            box.store(UidSet.of(uid), FlagUpdate.add(Flags.of("$WORK", "$Home")), OptionalLong.empty());
            assertThat(box.snapshot().messages().get(0).flags().keywords()).containsExactly("$Home", "$Work");
        }
    }

    // ---- copy and move ----

    @Test
    void copyMapsUidsAndKeepsFlagsAndDates() {
        MailboxName archive = MailboxName.of("Archive");
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            mail.create(archive, Set.of());
            long a = append(mail, INBOX, "a", Flags.of("\\Seen")).uid();
            long b = append(mail, INBOX, "b", Flags.of("$Tag")).uid();

            CopyResult copy = box.copy(UidSet.of(a, b, 999), archive);

            assertThat(copy.targetUidValidity()).isEqualTo(mail.status(archive).uidValidity());
            assertThat(copy.mapping()).extracting(CopyResult.UidMapping::source).containsExactly(a, b);
            assertThat(box.snapshot().messages()).hasSize(2);
            assertThat(mail.quota().usedMessages()).isEqualTo(4);
            try (Mailbox target = mail.select(archive)) {
                List<MessageInfo> copied = target.snapshot().messages();
                assertThat(copied).extracting(MessageInfo::uid)
                        .containsExactlyElementsOf(copy.mapping().stream().map(CopyResult.UidMapping::target).toList());
                assertThat(copied).extracting(MessageInfo::flags).containsExactly(Flags.of("\\Seen"), Flags.of("$Tag"));
                assertThat(copied.get(0).internalDate().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(DATE);
                MessageContent content = target.content(copied.get(1).uid());
                assertThat(new String(content.toByteArray(), StandardCharsets.UTF_8)).contains("Subject: b");
                content.release();
            }
        }
    }

    @Test
    void moveExpungesTheSourceAndKeepsQuota() {
        MailboxName archive = MailboxName.of("Archive");
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            mail.create(archive, Set.of());
            long a = append(mail, INBOX, "a", Flags.NONE).uid();
            long b = append(mail, INBOX, "b", Flags.NONE).uid();
            long mark = box.snapshot().highestModSeq();
            long bytes = mail.quota().usedBytes();

            CopyResult moved = box.move(UidSet.of(a), archive);

            assertThat(moved.mapping()).hasSize(1);
            assertThat(box.snapshot().messages()).extracting(MessageInfo::uid).containsExactly(b);
            assertThat(box.changesSince(mark).vanished()).isEqualTo(UidSet.of(a));
            assertThat(mail.status(archive).messages()).isEqualTo(1);
            assertThat(mail.quota().usedMessages()).isEqualTo(2);
            assertThat(mail.quota().usedBytes()).isEqualTo(bytes);
        }
    }

    @Test
    void copyToMissingMailboxIsRefused() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            long a = append(mail, INBOX, "a", Flags.NONE).uid();
            assertRefused(() -> box.copy(UidSet.of(a), MailboxName.of("Nope")), Reason.NO_SUCH_MAILBOX);
            assertRefused(() -> box.move(UidSet.of(a), MailboxName.of("Nope")), Reason.NO_SUCH_MAILBOX);
            assertThat(box.snapshot().messages()).hasSize(1);
        }
    }

    // ---- quota ----

    @Test
    void quotaCountsAppendsCopiesAndExpunges() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            MessageContent content = message("q");
            long size = content.size();
            long uid = mail.append(INBOX, content, Flags.of("\\Deleted"), DATE).uid();
            content.release();
            assertThat(mail.quota().usedBytes()).isEqualTo(size);
            assertThat(mail.quota().usedMessages()).isEqualTo(1);
            assertThat(mail.quota().limitBytes()).isEmpty();
            box.expunge(Optional.of(UidSet.of(uid)));
            assertThat(mail.quota()).isEqualTo(Quota.unlimited(0, 0));
        }
    }

    @Test
    void appendAndCopyBeyondQuotaAreRefused() throws Exception {
        long size = message("fits").size();
        MailStore limited = track(createStore(QuotaPolicy.bytes(size * 2 + size / 2)));
        limited.createAccount(BOB);
        try (UserMail mail = limited.open(BOB); Mailbox box = mail.select(INBOX)) {
            long uid = append(mail, INBOX, "fits", Flags.NONE).uid();
            assertThat(mail.quota().limitBytes()).hasValue(size * 2 + size / 2);
            assertRefused(() -> mail.append(INBOX, message("fits", "x".repeat((int) size * 2)), Flags.NONE, DATE), Reason.OVER_QUOTA);

            box.copy(UidSet.of(uid), INBOX);
            assertThat(mail.quota().usedBytes()).isEqualTo(size * 2);
            assertRefused(() -> box.copy(UidSet.of(uid), INBOX), Reason.OVER_QUOTA);
            assertThat(mail.quota().usedBytes()).isEqualTo(size * 2);
            assertThat(mail.status(INBOX).messages()).isEqualTo(2);
        }
    }

    // ---- events ----

    @Test
    void watchersHearChangesFromOtherHandles() throws Exception {
        try (UserMail reader = store.open(ALICE); Mailbox box = reader.select(INBOX); UserMail writer = store.open(ALICE)) {
            CountDownLatch heard = new CountDownLatch(3);
            List<MailboxName> names = Collections.synchronizedList(new ArrayList<>());
            Subscription subscription = box.watch(name -> {
                names.add(name);
                heard.countDown();
            });
            long uid = append(writer, INBOX, "news", Flags.NONE).uid();
            try (Mailbox other = writer.select(INBOX)) {
                other.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
                other.expunge(Optional.empty());
            }
            assertThat(heard.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(names).contains(INBOX);

            subscription.cancel();
            int before = names.size();
            append(writer, INBOX, "after cancel", Flags.NONE);
            assertThat(box.changesSince(0).changed()).hasSize(1);
            assertThat(names).hasSize(before);
        }
    }

    @Test
    void deletedMailboxHandleReportsItIsGone() {
        MailboxName temp = MailboxName.of("Temp");
        try (UserMail mail = store.open(ALICE)) {
            mail.create(temp, Set.of());
            try (Mailbox box = mail.select(temp)) {
                mail.delete(temp);
                assertRefused(box::snapshot, Reason.NO_SUCH_MAILBOX);
            }
        }
    }

    // ---- concurrency ----

    @Test
    void concurrentAppendsGetDistinctIncreasingUidsAndExactQuota() throws Exception {
        int threads = 8;
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger bytes = new AtomicInteger();
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Long> uids = new ArrayList<>();
                    try (UserMail mail = store.open(ALICE)) {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            MessageContent content = message("t" + thread + "-" + i);
                            bytes.addAndGet((int) content.size());
                            uids.add(mail.append(INBOX, content, Flags.NONE, DATE).uid());
                            content.release();
                        }
                    }
                    return uids;
                }));
            }
            start.countDown();
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                List<Long> uids = f.get(60, TimeUnit.SECONDS);
                assertThat(uids).isSorted();
                all.addAll(uids);
            }
            assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
            try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
                assertThat(box.snapshot().messages()).extracting(MessageInfo::uid)
                        .containsExactlyElementsOf(all.stream().sorted().toList());
                assertThat(mail.quota().usedMessages()).isEqualTo(threads * perThread);
                assertThat(mail.quota().usedBytes()).isEqualTo(bytes.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- durability ----

    @Test
    void everythingAcknowledgedSurvivesReopen() throws Exception {
        if (!isDurable()) {
            assertThatThrownBy(() -> reopen(store)).isInstanceOf(UnsupportedOperationException.class);
            return;
        }
        MailboxName work = MailboxName.of("Work/Reports");
        long uid;
        long validity;
        long modSeq;
        try (UserMail mail = store.open(ALICE)) {
            mail.create(work, Set.of(SpecialUse.ARCHIVE));
            mail.subscribe(work, true);
            uid = append(mail, work, "durable", Flags.of("\\Seen", "$Kept")).uid();
            append(mail, work, "gone", Flags.of("\\Deleted"));
            try (Mailbox box = mail.select(work)) {
                box.expunge(Optional.empty());
                modSeq = box.snapshot().highestModSeq();
            }
            validity = mail.status(work).uidValidity();
        }
        opened.remove(store);
        store = track(reopen(store));
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(work)) {
            assertThat(mail.subscriptions()).contains(work);
            assertThat(mail.mailboxes()).filteredOn(m -> m.name().equals(work)).singleElement()
                    .extracting(MailboxInfo::specialUse).isEqualTo(Set.of(SpecialUse.ARCHIVE));
            MailboxSnapshot snapshot = box.snapshot();
            assertThat(snapshot.uidValidity()).isEqualTo(validity);
            assertThat(snapshot.highestModSeq()).isGreaterThanOrEqualTo(modSeq);
            assertThat(snapshot.messages()).singleElement().satisfies(m -> {
                assertThat(m.uid()).isEqualTo(uid);
                assertThat(m.flags()).isEqualTo(Flags.of("\\Seen", "$Kept"));
            });
            long next = append(mail, work, "after reopen", Flags.NONE).uid();
            assertThat(next).isGreaterThan(uid + 1);
            assertThat(mail.quota().usedMessages()).isEqualTo(2);
        }
    }
}
