package dev.mailwright.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueueStorageContract;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The QueueStorage contract, unchanged, against PostgreSQL; then what several nodes add to it. */
@TestDatabases.RequiresPostgres
class PostgresQueueStorageTest extends QueueStorageContract {

    private TestDatabases.TestSchema schema;
    private final List<PostgresDatabase> databases = new ArrayList<>();
    private final List<QueueStorage> storages = new ArrayList<>();

    @Override
    protected QueueStorage openEmpty() {
        schema = TestDatabases.schema();
        return node();
    }

    /** Another node over the same database: its own pool and storage instance. */
    private QueueStorage node() {
        PostgresDatabase database = schema.open();
        databases.add(database);
        QueueStorage node = PostgresQueueStorage.open(database);
        storages.add(node);
        return node;
    }

    /** A restart: the old storage stops (giving its leases back), a new one opens on the same database. */
    @Override
    protected QueueStorage reopen(QueueStorage previous) {
        previous.close();
        return node();
    }

    @AfterEach
    void closeNodes() {
        // Runs before the contract's @AfterEach, whose second close of the storage does nothing.
        storages.forEach(QueueStorage::close);
        databases.forEach(PostgresDatabase::close);
        schema.close();
    }

    @Test
    void largeMessagesRoundTripInChunks() throws Exception {
        byte[] big = new byte[600_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(big), T0);
        MessageContent content = storage.content(m.id());
        try {
            assertThat(content.size()).isEqualTo(big.length);
            assertThat(content.toByteArray()).isEqualTo(big);
        } finally {
            content.release();
        }
        assertThatThrownBy(() -> storage.content("NOPE-1")).isInstanceOf(QueueException.class);
    }

    @Test
    void nodesClaimingAtOnceNeverShareAMessage() throws Exception {
        for (int i = 0; i < 60; i++) {
            storage.enqueue(envelope("r" + i + "@example.net"), MessageContent.of(BODY), T0);
        }
        List<QueueStorage> nodes = List.of(storage, node(), node());
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = Collections.synchronizedList(new ArrayList<>());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int n = 0; n < nodes.size(); n++) {
                QueueStorage node = nodes.get(n);
                String owner = "node-" + n;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int round = 0; round < 30; round++) {
                        for (QueuedMessage m : node.claim(owner, T0, LEASE, 3)) {
                            if (!claimed.add(m.id())) {
                                duplicates.add(m.id());
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(duplicates).isEmpty();
        assertThat(claimed).hasSize(60);
    }

    @Test
    void closingGivesBackOnlyItsOwnLeases() {
        QueuedMessage mine = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        QueueStorage other = node();
        QueuedMessage theirs = other.enqueue(envelope("b@example.net"), MessageContent.of(BODY), T0.plusSeconds(1));
        assertThat(storage.claim("node-1", T0, Duration.ofHours(1), 1)).extracting(QueuedMessage::id).containsExactly(mine.id());
        assertThat(other.claim("node-2", T0.plusSeconds(1), Duration.ofHours(1), 1)).extracting(QueuedMessage::id)
                .containsExactly(theirs.id());

        other.close();

        assertThat(storage.find(mine.id()).orElseThrow().lease()).isPresent();
        assertThat(storage.find(theirs.id()).orElseThrow().lease()).isEmpty();
        assertThat(storage.claim("node-3", T0.plusSeconds(2), LEASE, 10)).extracting(QueuedMessage::id)
                .containsExactly(theirs.id());
    }
}
