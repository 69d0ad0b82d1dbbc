package dev.mailwright.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spool.FileQueueStorage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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

    private StringWriter out;
    private StringWriter err;

    private int run(String... args) throws IOException {
        out = new StringWriter();
        err = new StringWriter();
        Path config = dir.resolve("mailwright.toml");
        Files.writeString(config, "hostname = \"mx.example.org\"\ndomains = [\"example.org\"]\ndata-dir = \"data\"\n");
        String[] full = java.util.Arrays.copyOf(args, args.length + 2);
        full[args.length] = "--config";
        full[args.length + 1] = config.toString();
        return Mailwright.execute(full, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void listFlushRemove() throws IOException {
        assertThat(run("queue", "list")).isEqualTo(2);
        assertThat(err.toString()).startsWith("mailwright: no queue in ");

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
        assertThat(out.toString()).contains(id).contains("from <alice@example.org>").contains("queued 2026-01-02T03:04:05Z")
                .contains("pending   <bob@elsewhere.example>").contains("pending   <carol@elsewhere.example>")
                .endsWith("1 message(s) queued\n");

        assertThat(run("queue", "flush")).isZero();
        assertThat(out.toString()).isEqualTo("every queued message is due now\n");

        assertThat(run("queue", "remove", "no-such-id")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("mailwright: no queued message no-such-id\n");
        assertThat(run("queue", "remove", id)).isZero();
        assertThat(out.toString()).isEqualTo("removed " + id + "\n");
        assertThat(run("queue", "list")).isZero();
        assertThat(out.toString()).isEqualTo("the queue is empty\n");
    }
}
