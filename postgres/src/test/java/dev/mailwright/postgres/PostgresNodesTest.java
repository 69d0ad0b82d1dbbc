package dev.mailwright.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.mime.MimeStructure;
import dev.mailwright.core.store.AppendResult;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.QuotaPolicy;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.core.store.UserMail;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes, each with its own pool and store, over one database: what the contract cannot
 * see from one store. Bodies shared by COPY and freed with their last message, structures
 * stored at append, change events across nodes, and UIDs and quota under concurrent appends.
 */
@TestDatabases.RequiresPostgres
class PostgresNodesTest {

    private static final String ALICE = "alice@example.org";
    private static final MailboxName INBOX = MailboxName.INBOX;
    private static final Instant DATE = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path spool;

    private TestDatabases.TestSchema schema;
    private final List<PostgresDatabase> databases = new ArrayList<>();
    private final List<MailStore> stores = new ArrayList<>();
    private MailStore nodeA;
    private MailStore nodeB;

    @BeforeEach
    void open() {
        schema = TestDatabases.schema();
        nodeA = node(QuotaPolicy.UNLIMITED);
        nodeB = node(QuotaPolicy.UNLIMITED);
        nodeA.createAccount(ALICE);
    }

    private MailStore node(QuotaPolicy quota) {
        PostgresDatabase database = schema.open();
        databases.add(database);
        MailStore store = PostgresMailStore.builder(database).quota(quota).spool(spool, 64 * 1024).build();
        stores.add(store);
        return store;
    }

    @AfterEach
    void close() {
        stores.forEach(MailStore::close);
        databases.forEach(PostgresDatabase::close);
        schema.close();
    }

    private static MessageContent message(String subject, String body) {
        return MessageContent.of(("From: carol@example.net\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\n" + body + "\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>hi</p>\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql) throws SQLException {
        try (Connection c = schema.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void copiesShareOneBodyWhichGoesWithItsLastMessage() throws Exception {
        MailboxName archive = MailboxName.of("Archive");
        try (UserMail mail = nodeA.open(ALICE); Mailbox inbox = mail.select(INBOX)) {
            mail.create(archive, Set.of());
            long uid = mail.append(INBOX, message("shared", "once"), Flags.NONE, DATE).uid();
            inbox.copy(UidSet.of(uid), archive);
            inbox.copy(UidSet.of(uid), INBOX);
            assertThat(count("SELECT count(*) FROM messages")).isEqualTo(3);
            assertThat(count("SELECT count(*) FROM bodies")).isEqualTo(1);
            assertThat(count("SELECT refs FROM bodies")).isEqualTo(3);

            inbox.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
            inbox.expunge(Optional.empty());
            assertThat(count("SELECT refs FROM bodies")).isEqualTo(2);
            try (Mailbox copy = mail.select(archive)) {
                MessageContent content = copy.content(copy.snapshot().messages().get(0).uid());
                assertThat(new String(content.toByteArray(), StandardCharsets.UTF_8)).contains("Subject: shared");
                content.release();
            }
            mail.delete(archive);
            assertThat(count("SELECT refs FROM bodies")).isEqualTo(1);
        }
        nodeB.deleteAccount(ALICE);
        assertThat(count("SELECT count(*) FROM bodies")).isZero();
        assertThat(count("SELECT count(*) FROM body_chunks")).isZero();
    }

    @Test
    void theStructureIsStoredWithTheMessage() throws Exception {
        MessageContent content = message("structured", "text part");
        long uid;
        try (UserMail mail = nodeA.open(ALICE)) {
            uid = mail.append(INBOX, content, Flags.NONE, DATE).uid();
        }
        try (UserMail mail = nodeB.open(ALICE); Mailbox box = mail.select(INBOX)) {
            Optional<MimeStructure> stored = box.storedStructure(uid);
            assertThat(stored).contains(MimeStructure.parse(content));
            assertThat(stored.get().find(2).orElseThrow().subtype()).isEqualToIgnoringCase("html");
        }
    }

    @Test
    void largeMessagesAreStoredInChunksAndReadBackThroughASpoolFile() throws Exception {
        StringBuilder body = new StringBuilder();
        while (body.length() < 3_000_000) {
            body.append("A line of a large message, long enough to need several chunks.\r\n");
        }
        MessageContent content = message("large", body.toString());
        long uid;
        try (UserMail mail = nodeA.open(ALICE)) {
            uid = mail.append(INBOX, content, Flags.NONE, DATE).uid();
        }
        assertThat(count("SELECT count(*) FROM body_chunks")).isEqualTo((content.size() + 256 * 1024 - 1) / (256 * 1024));
        try (UserMail mail = nodeB.open(ALICE); Mailbox box = mail.select(INBOX)) {
            MessageContent read = box.content(uid);
            try {
                assertThat(read).isInstanceOf(MessageContent.FileBacked.class);
                assertThat(((MessageContent.FileBacked) read).file()).hasParent(spool);
                assertThat(read.toByteArray()).isEqualTo(content.toByteArray());
            } finally {
                read.release();
            }
        }
        assertThat(spool).isEmptyDirectory();
    }

    @Test
    void aWatcherOnOneNodeHearsChangesMadeOnTheOther() throws Exception {
        try (UserMail readerMail = nodeA.open(ALICE); Mailbox watched = readerMail.select(INBOX);
             UserMail writer = nodeB.open(ALICE)) {
            Semaphore heard = new Semaphore(0);
            var subscription = watched.watch(name -> heard.release());
            long uid = writer.append(INBOX, message("from B", "hello"), Flags.NONE, DATE).uid();
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("delivery on B heard on A").isTrue();
            assertThat(watched.changesSince(0).changed()).extracting(MessageInfo::uid).containsExactly(uid);

            // The listening connection dies: the node reconnects, wakes its watchers, and hears again.
            try (Connection c = schema.connect(); Statement s = c.createStatement()) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%"
                        + schemaChannelHint() + "%' AND pid <> pg_backend_pid()");
            }
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("woken after reconnecting").isTrue();
            heard.drainPermits();
            try (Mailbox other = writer.select(INBOX)) {
                other.store(UidSet.of(uid), FlagUpdate.add(Flags.of("\\Seen")), OptionalLong.empty());
            }
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("flag change on B heard on A").isTrue();
            subscription.cancel();
        }
    }

    /** The listening session's statement names the schema's channel, and so the schema. */
    private String schemaChannelHint() {
        String url = schema.url();
        return url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
    }

    @Test
    void eightWritersOnTwoNodesGetStrictlyIncreasingUidsNeverReusedAndExactQuota() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger bytes = new AtomicInteger();
        List<Long> all = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                MailStore node = t % 2 == 0 ? nodeA : nodeB;
                int thread = t;
                futures.add(pool.submit(() -> {
                    List<Long> uids = new ArrayList<>();
                    try (UserMail mail = node.open(ALICE)) {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            MessageContent content = message("t" + thread + "-" + i, "x".repeat(i));
                            bytes.addAndGet((int) content.size());
                            uids.add(mail.append(INBOX, content, Flags.NONE, DATE).uid());
                        }
                    }
                    return uids;
                }));
            }
            start.countDown();
            for (Future<List<Long>> f : futures) {
                List<Long> uids = f.get(120, TimeUnit.SECONDS);
                assertThat(uids).isSortedAccordingTo(Long::compare).doesNotHaveDuplicates();
                all.addAll(uids);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(threads * perThread);
        long max = all.stream().mapToLong(Long::longValue).max().orElseThrow();
        try (UserMail mail = nodeB.open(ALICE); Mailbox box = mail.select(INBOX)) {
            assertThat(box.snapshot().messages()).extracting(MessageInfo::uid)
                    .containsExactlyElementsOf(all.stream().sorted().toList());
            assertThat(mail.quota().usedMessages()).isEqualTo(threads * perThread);
            assertThat(mail.quota().usedBytes()).isEqualTo(bytes.get());

            box.store(UidSet.range(1, max), FlagUpdate.add(Flags.of("\\Deleted")), OptionalLong.empty());
            assertThat(box.expunge(Optional.empty()).size()).isEqualTo(threads * perThread);
            assertThat(mail.quota().usedMessages()).isZero();
            assertThat(mail.quota().usedBytes()).isZero();
        }
        try (UserMail a = nodeA.open(ALICE); UserMail b = nodeB.open(ALICE)) {
            AppendResult afterA = a.append(INBOX, message("after", "a"), Flags.NONE, DATE);
            AppendResult afterB = b.append(INBOX, message("after", "b"), Flags.NONE, DATE);
            assertThat(afterA.uid()).isGreaterThan(max);
            assertThat(afterB.uid()).isGreaterThan(afterA.uid());
        }
    }

    @Test
    void aQuotaLimitHoldsExactlyUnderConcurrentAppendsFromTwoNodes() throws Exception {
        long size = message("q", "same size").size();
        int fits = 20;
        MailStore limitedA = node(QuotaPolicy.bytes(size * fits));
        MailStore limitedB = node(QuotaPolicy.bytes(size * fits));
        limitedA.createAccount("bob@example.org");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                MailStore node = t % 2 == 0 ? limitedA : limitedB;
                done.add(pool.submit(() -> {
                    try (UserMail mail = node.open("bob@example.org")) {
                        for (int i = 0; i < 6; i++) {
                            try {
                                mail.append(INBOX, message("q", "same size"), Flags.NONE, DATE);
                                accepted.incrementAndGet();
                            } catch (MailStoreException e) {
                                assertThat(e.reason()).isEqualTo(MailStoreException.Reason.OVER_QUOTA);
                                refused.incrementAndGet();
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accepted.get()).isEqualTo(fits);
        assertThat(refused.get()).isEqualTo(48 - fits);
        try (UserMail mail = limitedB.open("bob@example.org")) {
            assertThat(mail.quota().usedBytes()).isEqualTo(size * fits);
            assertThat(mail.status(INBOX).messages()).isEqualTo(fits);
        }
    }
}
