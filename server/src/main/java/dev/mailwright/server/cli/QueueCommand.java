package dev.mailwright.server.cli;

import dev.mailwright.postgres.PostgresDatabase;
import dev.mailwright.postgres.PostgresQueueStorage;
import dev.mailwright.server.DataLayout;
import dev.mailwright.server.Stores;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import dev.mailwright.smtp.outbound.spi.RecipientState;
import dev.mailwright.smtp.outbound.spool.QueueDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code mailwright queue}: the outbound queue. While the server runs, flush and remove are
 * requests the server carries out at its next queue poll; otherwise they apply at once.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, description = "Inspect and manage the outbound queue.",
        subcommands = {QueueCommand.ListQueue.class, QueueCommand.Flush.class, QueueCommand.Remove.class})
final class QueueCommand implements Runnable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What the commands need of a queue, the file spool's or the shared database's. */
    interface Queue extends AutoCloseable {
        void list(Consumer<QueuedMessage> visitor);

        QueueDirectory.Outcome flush();

        QueueDirectory.Outcome remove(String id);

        @Override
        void close();
    }

    static Queue queue(ConfigOption option) {
        MailwrightConfig config = option.load();
        Optional<PostgresDatabase> database = Stores.database(config);
        if (database.isPresent()) {
            PostgresQueueStorage storage = PostgresQueueStorage.open(database.get());
            return new Queue() {
                @Override
                public void list(Consumer<QueuedMessage> visitor) {
                    storage.forEach(visitor);
                }

                @Override
                public QueueDirectory.Outcome flush() {
                    storage.reschedule(Instant.now());
                    return QueueDirectory.Outcome.DONE;
                }

                @Override
                public QueueDirectory.Outcome remove(String id) {
                    return storage.remove(id) ? QueueDirectory.Outcome.DONE : QueueDirectory.Outcome.NOT_FOUND;
                }

                @Override
                public void close() {
                    storage.close();
                    database.get().close();
                }
            };
        }
        DataLayout layout = new DataLayout(config.dataDir());
        if (!Files.isDirectory(layout.queueDir())) {
            throw new InputError("no queue in " + layout.queueDir() + " (has the server run with this configuration?)");
        }
        QueueDirectory directory = QueueDirectory.of(layout.queueDir());
        return new Queue() {
            @Override
            public void list(Consumer<QueuedMessage> visitor) {
                directory.list(visitor);
            }

            @Override
            public QueueDirectory.Outcome flush() {
                return directory.flush();
            }

            @Override
            public QueueDirectory.Outcome remove(String id) {
                return directory.remove(id);
            }

            @Override
            public void close() {
                // Nothing held open.
            }
        };
    }

    private static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.SECONDS)) + "Z";
    }

    /** {@code queue list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List queued messages and their recipients.")
    static final class ListQueue implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueueCommand parent;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            int[] count = new int[1];
            try (Queue queue = queue(config)) {
                queue.list(message -> {
                    count[0]++;
                    print(out, message);
                });
            }
            out.println(count[0] == 0 ? "the queue is empty" : count[0] + " message(s) queued");
            return 0;
        }

        private static void print(PrintWriter out, QueuedMessage m) {
            out.printf("%s  %d bytes  from <%s>  queued %s  attempts %d  next %s%n", m.id(), m.size(),
                    m.sender().map(Object::toString).orElse(""), time(m.created()), m.attempts(), time(m.nextAttempt()));
            for (RecipientState r : m.recipients()) {
                String last = r.last().map(o -> "  (" + o.code() + " " + o.enhancedStatus() + " " + o.text() + ")").orElse("");
                out.printf("    %-9s <%s>%s%n", r.status().name().toLowerCase(java.util.Locale.ROOT), r.recipient().address(), last);
            }
        }
    }

    /** {@code queue flush}. */
    @Command(name = "flush", mixinStandardHelpOptions = true, description = "Retry every queued message now.")
    static final class Flush implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueueCommand parent;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            QueueDirectory.Outcome outcome;
            try (Queue queue = queue(config)) {
                outcome = queue.flush();
            }
            parent.spec.commandLine().getOut().println(outcome == QueueDirectory.Outcome.REQUESTED
                    ? "flush requested: the running server retries the queue at its next poll"
                    : "every queued message is due now");
            return 0;
        }
    }

    /** {@code queue remove ID}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a message from the queue without a bounce.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.ParentCommand
        QueueCommand parent;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() {
            QueueDirectory.Outcome outcome;
            try (Queue queue = queue(config)) {
                outcome = queue.remove(id);
            }
            PrintWriter out = parent.spec.commandLine().getOut();
            switch (outcome) {
                case NOT_FOUND -> throw new InputError("no queued message " + id);
                case REQUESTED -> out.println("removal of " + id + " requested: the running server removes it at its next poll");
                default -> out.println("removed " + id);
            }
            return 0;
        }
    }
}
