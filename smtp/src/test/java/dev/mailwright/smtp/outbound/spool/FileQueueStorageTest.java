package dev.mailwright.smtp.outbound.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.spi.QueueException;
import dev.mailwright.smtp.outbound.spi.QueueStorage;
import dev.mailwright.smtp.outbound.spi.QueueStorageContract;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileQueueStorageTest extends QueueStorageContract {

    @TempDir
    Path dir;

    @Override
    protected QueueStorage openEmpty() {
        return FileQueueStorage.open(dir);
    }

    @Override
    protected QueueStorage reopen(QueueStorage previous) {
        previous.close();
        return FileQueueStorage.open(dir);
    }

    @Test
    void messageAndMetadataLieSideBySide() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        assertThat(dir.resolve(m.id() + ".eml")).hasBinaryContent(BODY);
        assertThat(dir.resolve(m.id() + ".meta")).content().contains("rcpt.0.address=a@example.net");
    }

    @Test
    void secondProcessCannotOpenTheSpool() {
        assertThatThrownBy(() -> FileQueueStorage.open(dir))
                .isInstanceOf(QueueException.class).hasMessageContaining("in use");
    }

    @Test
    void recoveryDropsUnacknowledgedFilesAndSetsCorruptOnesAside() throws Exception {
        QueuedMessage kept = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.close();
        Files.write(dir.resolve("ORPHAN-1.eml"), BODY);
        Files.write(dir.resolve(".HALF-1.eml.tmp"), BODY);
        Files.write(dir.resolve("BAD-1.meta"), "version=1\nid=BAD-1\n".getBytes());
        Files.write(dir.resolve("BAD-1.eml"), BODY);

        storage = FileQueueStorage.open(dir);

        List<String> ids = new ArrayList<>();
        storage.forEach(m -> ids.add(m.id()));
        assertThat(ids).containsExactly(kept.id());
        assertThat(dir.resolve("ORPHAN-1.eml")).doesNotExist();
        assertThat(dir.resolve(".HALF-1.eml.tmp")).doesNotExist();
        assertThat(dir.resolve("corrupt/BAD-1.meta")).exists();
        assertThat(dir.resolve("corrupt/BAD-1.eml")).exists();
    }

    @Test
    void queueDirectoryActsDirectlyWhenNoProcessHoldsTheSpool() {
        QueuedMessage m = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        storage.close();
        QueueDirectory admin = QueueDirectory.of(dir);

        List<String> listed = new ArrayList<>();
        admin.list(q -> listed.add(q.id()));
        assertThat(listed).containsExactly(m.id());
        assertThat(admin.remove(m.id())).isEqualTo(QueueDirectory.Outcome.DONE);
        assertThat(admin.remove(m.id())).isEqualTo(QueueDirectory.Outcome.NOT_FOUND);
        assertThat(admin.find(m.id())).isEmpty();
        storage = FileQueueStorage.open(dir);
    }

    @Test
    void queueDirectoryLeavesRequestsForTheRunningProcess() {
        QueuedMessage a = storage.enqueue(envelope("a@example.net"), MessageContent.of(BODY), T0);
        QueuedMessage b = storage.enqueue(envelope("b@example.net"), MessageContent.of(BODY), T0);
        storage.claim("node", T0, LEASE, 10);
        storage.update(a.id(), "node", new dev.mailwright.smtp.outbound.spi.QueueUpdate(a.recipients(), 1,
                T0.plusSeconds(3600), List.of(), false));
        storage.update(b.id(), "node", new dev.mailwright.smtp.outbound.spi.QueueUpdate(b.recipients(), 1,
                T0.plusSeconds(3600), List.of(), false));
        QueueDirectory admin = QueueDirectory.of(dir);
        assertThat(admin.isInUse()).isTrue();

        assertThat(admin.remove(b.id())).isEqualTo(QueueDirectory.Outcome.REQUESTED);
        assertThat(admin.flush()).isEqualTo(QueueDirectory.Outcome.REQUESTED);
        assertThat(storage.find(b.id())).as("not applied before the next poll").isPresent();

        List<QueuedMessage> claimed = storage.claim("node", T0.plusSeconds(10), LEASE, 10);

        assertThat(claimed).extracting(QueuedMessage::id).containsExactly(a.id());
        assertThat(storage.find(b.id())).isEmpty();
        assertThat(dir.resolve("control")).isEmptyDirectory();
    }
}
