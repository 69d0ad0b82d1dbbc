package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index survives what crashes and disks do to it, and is rebuilt when it cannot be trusted. */
class MaildirRecoveryTest {

    private static final String ALICE = "alice@example.org";
    private static final MailboxName INBOX = MailboxName.INBOX;
    private static final Instant DATE = Instant.parse("2024-03-01T10:15:30Z");

    @TempDir
    Path temp;
    private MaildirMailStore store;

    private MaildirMailStore open(long compactAfterBytes) {
        if (store != null) {
            store.close();
        }
        store = MaildirMailStore.builder().root(temp.resolve("store")).compactAfterBytes(compactAfterBytes).build();
        if (!store.exists(ALICE)) {
            store.createAccount(ALICE);
        }
        return store;
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Path inbox() {
        return temp.resolve("store").resolve(ALICE);
    }

    private static MessageContent message(int n) {
        return MessageContent.of(("Subject: message " + n + "\r\n\r\nbody " + n + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private List<Long> append(int from, int to) {
        List<Long> uids = new ArrayList<>();
        try (UserMail mail = store.open(ALICE)) {
            for (int n = from; n <= to; n++) {
                uids.add(mail.append(INBOX, message(n), Flags.NONE, DATE).uid());
            }
        }
        return uids;
    }

    private MailboxSnapshot snapshot() {
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            return box.snapshot();
        }
    }

    /** Message number to UID, read from the contents. */
    private List<String> subjectsInUidOrder() {
        List<String> subjects = new ArrayList<>();
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            for (MessageInfo m : box.snapshot().messages()) {
                MessageContent c = box.content(m.uid());
                String text = new String(c.toByteArray(), StandardCharsets.US_ASCII);
                c.release();
                subjects.add(text.substring(0, text.indexOf("\r\n")));
            }
        }
        return subjects;
    }

    private List<String> logLines() throws IOException {
        return Files.readAllLines(inbox().resolve(FolderLog.FILE), StandardCharsets.US_ASCII);
    }

    private void writeLog(List<String> lines, String tail) throws IOException {
        Files.writeString(inbox().resolve(FolderLog.FILE), String.join("\n", lines) + "\n" + tail, StandardCharsets.US_ASCII);
    }

    @Test
    void aTornLastLineIsCutOffAndUidsGoOn() throws IOException {
        open(1 << 20);
        append(1, 3);
        store.close();
        Files.writeString(inbox().resolve(FolderLog.FILE), "A 9 9 9 9 9 9 4 12 0 torn", StandardOpenOption.APPEND);

        open(1 << 20);
        assertThat(append(4, 4)).containsExactly(4L);
        assertThat(snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L, 3L, 4L);
        assertThat(Files.readString(inbox().resolve(FolderLog.FILE))).endsWith("\n");
        for (String line : logLines().subList(1, logLines().size())) {
            LogCodec.decode(line);
        }
    }

    @Test
    void zerosAFilesystemLeftAfterTheLastLineAreCutOff() throws IOException {
        open(1 << 20);
        append(1, 2);
        store.close();
        Files.write(inbox().resolve(FolderLog.FILE), new byte[10_000], StandardOpenOption.APPEND);

        open(1 << 20);
        try (UserMail mail = store.open(ALICE)) {
            // A delivery reads only the end of the log: it must find the last record behind the zeros.
            assertThat(mail.append(INBOX, message(3), Flags.NONE, DATE).uid()).isEqualTo(3);
        }
        assertThat(snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L, 3L);
        assertThat(Files.readString(inbox().resolve(FolderLog.FILE))).doesNotContain("\0");
    }

    @Test
    void aGarbledLastRecordLosesOnlyThatUnacknowledgedUidAssignment() throws IOException {
        open(1 << 20);
        append(1, 2);
        store.close();
        List<String> lines = new ArrayList<>(logLines());
        String last = lines.remove(lines.size() - 1);
        lines.add(last.replace(" *", " X*"));
        writeLog(lines, "");

        open(1 << 20);
        // The second file is found again and indexed anew: no message lost, no UID given twice.
        assertThat(subjectsInUidOrder()).containsExactly("Subject: message 1", "Subject: message 2");
        assertThat(snapshot().messages()).extracting(MessageInfo::uid).doesNotHaveDuplicates();
    }

    @Test
    void damageInTheMiddleRebuildsTheIndexUnderANewUidValidity() throws IOException {
        open(1 << 20);
        append(1, 3);
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            box.store(UidSet.of(2), FlagUpdate.add(Flags.of("\\Seen", "$Kept")), OptionalLong.empty());
        }
        long validity = snapshot().uidValidity();
        store.close();
        List<String> lines = new ArrayList<>(logLines());
        lines.set(2, lines.get(2).replace('A', 'Z'));
        writeLog(lines, "");

        open(1 << 20);
        MailboxSnapshot rebuilt = snapshot();
        assertThat(rebuilt.uidValidity()).isNotEqualTo(validity);
        assertThat(rebuilt.messages()).hasSize(3);
        assertThat(rebuilt.messages()).extracting(MessageInfo::flags).contains(Flags.of("\\Seen", "$Kept"));
        assertThat(subjectsInUidOrder()).containsExactlyInAnyOrder(
                "Subject: message 1", "Subject: message 2", "Subject: message 3");
    }

    @Test
    void aLostIndexIsRebuiltFromTheFiles() throws IOException {
        open(1 << 20);
        append(1, 2);
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            box.store(UidSet.of(1), FlagUpdate.add(Flags.of("\\Flagged", "$Tag")), OptionalLong.empty());
        }
        long validity = snapshot().uidValidity();
        store.close();
        Files.delete(inbox().resolve(FolderLog.FILE));
        Files.delete(inbox().resolve(Checkpoint.FILE));

        open(1 << 20);
        MailboxSnapshot rebuilt = snapshot();
        assertThat(rebuilt.uidValidity()).isNotEqualTo(validity);
        assertThat(rebuilt.messages()).extracting(MessageInfo::flags)
                .containsExactlyInAnyOrder(Flags.of("\\Flagged", "$Tag"), Flags.NONE);
        try (UserMail mail = store.open(ALICE)) {
            assertThat(mail.quota().usedMessages()).isEqualTo(2);
        }
    }

    @Test
    void compactionKeepsUidsFlagsModSeqsAndExpungeHistory() throws IOException {
        open(300);
        append(1, 30);
        long mark;
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            box.store(UidSet.range(1, 10), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
            mark = box.snapshot().highestModSeq();
            box.expunge(Optional.of(UidSet.range(1, 5)));
            box.store(UidSet.of(20), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.empty());
        }
        MailboxSnapshot before = snapshot();
        assertThat(LogCodec.parseHeader(logLines().get(0)).generation()).isGreaterThan(1);

        open(1 << 20);
        MailboxSnapshot after = snapshot();
        assertThat(after).isEqualTo(before);
        try (UserMail mail = store.open(ALICE); Mailbox box = mail.select(INBOX)) {
            var changes = box.changesSince(mark);
            assertThat(changes.vanished()).isEqualTo(UidSet.range(1, 5));
            assertThat(changes.changed()).extracting(MessageInfo::uid).containsExactly(20L);
            assertThat(mail.append(INBOX, message(31), Flags.NONE, DATE).uid()).isEqualTo(31);
        }
    }

    /** A compaction that wrote its checkpoint but crashed before replacing the log is completed. */
    @Test
    void aCompactionInterruptedAfterItsCheckpointIsCompleted() throws IOException {
        CompactionCrash crash = prepareCompactionCrash();
        // Crash state: the new checkpoint, and the old log with the last append and the compaction record.
        writeLog(crash.oldLog(), crash.lastAppend() + crash.compacting());

        open(1 << 20);
        // A delivery, reading only the end of the log, must not append to the superseded log.
        assertThat(append(7, 7)).containsExactly(7L);
        open(1 << 20);
        assertThat(snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(subjectsInUidOrder()).containsExactly("Subject: message 1", "Subject: message 2",
                "Subject: message 3", "Subject: message 4", "Subject: message 5", "Subject: message 6",
                "Subject: message 7");
    }

    /** A compaction that crashed before its checkpoint was renamed into place leaves the old state valid. */
    @Test
    void aCompactionInterruptedBeforeItsCheckpointIsIgnored() throws IOException {
        CompactionCrash crash = prepareCompactionCrash();
        Files.writeString(inbox().resolve(Checkpoint.FILE), crash.oldCheckpoint(), StandardCharsets.UTF_8);
        writeLog(crash.oldLog(), crash.lastAppend() + crash.compacting());

        open(1 << 20);
        assertThat(snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(append(7, 7)).containsExactly(7L);
        open(1 << 20);
        assertThat(snapshot().messages()).extracting(MessageInfo::uid).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    private record CompactionCrash(List<String> oldLog, String oldCheckpoint, String lastAppend, String compacting) {}

    /**
     * Five messages with a large compaction threshold, then a sixth with a tiny one, which
     * compacts. Returns the files before the compaction and the two records the compaction
     * would have left at the end of the old log.
     */
    private CompactionCrash prepareCompactionCrash() throws IOException {
        open(1 << 20);
        append(1, 5);
        store.close();
        List<String> oldLog = logLines();
        String oldCheckpoint = Files.readString(inbox().resolve(Checkpoint.FILE));
        open(1);
        append(6, 6);
        store.close();
        LogCodec.Header fresh = LogCodec.parseHeader(logLines().get(0));
        assertThat(fresh.generation()).isEqualTo(2);
        Checkpoint.Message sixth = Checkpoint.read(inbox()).messages().stream()
                .max(Comparator.comparingLong(Checkpoint.Message::uid)).orElseThrow();
        String added = LogCodec.encode(new LogRecord.Added(fresh.counters(), sixth.uid(), sixth.size(),
                sixth.internalDate(), sixth.base(), sixth.info()));
        String compacting = LogCodec.encode(new LogRecord.Compacting(fresh.counters(), 2));
        return new CompactionCrash(oldLog, oldCheckpoint, added, compacting);
    }

    @Test
    void nothingIsLeftInTmpOrAsScratchFiles() throws IOException {
        open(200);
        append(1, 20);
        snapshot();
        try (Stream<Path> all = Files.walk(temp.resolve("store"))) {
            assertThat(all.map(p -> p.getFileName().toString()))
                    .noneMatch(n -> n.startsWith("mailwright-scratch-") || n.startsWith("mailwright-trash-"));
        }
        try (Stream<Path> tmp = Files.list(inbox().resolve("tmp"))) {
            assertThat(tmp).isEmpty();
        }
    }
}
