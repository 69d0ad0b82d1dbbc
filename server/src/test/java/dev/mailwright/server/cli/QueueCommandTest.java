package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spool.FileQueueStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueueCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    private int run(String... args) throws IOException {
        if (cli == null) {
            cli = new CliHarness(dir.resolve("mailwright.toml"));
        }
        return cli.run("", args);
    }

    @Test
    void listFlushRemove() throws IOException {
        assertThat(run("queue", "list")).isEqualTo(2);
        assertThat(cli.err()).startsWith("mailwright: no queue in ");

        String id;
        try (FileQueueStorage queue = FileQueueStorage.open(dir.resolve("data/queue"))) {
            Envelope envelope = new Envelope(Optional.of(MailAddress.parse("alice@example.org")), MailOptions.NONE,
                    List.of(Envelope.Recipient.of(MailAddress.parse("bob@elsewhere.example")),
                            Envelope.Recipient.of(MailAddress.parse("carol@elsewhere.example"))));
            QueuedMessage queued = queue.enqueue(envelope,
                    MessageContent.of("Subject: x\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)),
                    Instant.parse("2026-01-02T03:04:05Z"));
            id = queued.id();
        }

        assertThat(run("queue", "list")).isZero();
        assertThat(cli.out()).contains(id).contains("from <alice@example.org>").contains("queued 2026-01-02T03:04:05Z")
                .contains("pending   <bob@elsewhere.example>").contains("pending   <carol@elsewhere.example>")
                .endsWith("1 message(s) queued\n");

        assertThat(run("queue", "flush")).isZero();
        assertThat(cli.out()).isEqualTo("every queued message is due now\n");

        assertThat(run("queue", "remove", "no-such-id")).isEqualTo(2);
        assertThat(cli.err()).isEqualTo("mailwright: no queued message no-such-id\n");
        assertThat(run("queue", "remove", id)).isZero();
        assertThat(cli.out()).isEqualTo("removed " + id + "\n");
        assertThat(run("queue", "list")).isZero();
        assertThat(cli.out()).isEqualTo("the queue is empty\n");
    }
}
