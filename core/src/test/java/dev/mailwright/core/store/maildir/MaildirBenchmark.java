package dev.mailwright.core.store.maildir;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MailboxSnapshot;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Figures for the Maildir store (run by {@code bench/maildir/run.sh}, not by the tests):
 * append latency with fsync, append latency in a full mailbox against an empty one, and
 * the cost of opening a mailbox of {@code --messages} messages, with and without a
 * directory listing. On Linux it also reports the bytes the process read while opening,
 * to show that no message bodies are read.
 *
 * <p>Usage: {@code MaildirBenchmark [--dir DIR] [--messages N] [--appends N]}
 */
public final class MaildirBenchmark {

    private static final String ACCOUNT = "bench@example.org";

    private MaildirBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "mailwright-maildir-bench");
        int messages = 100_000;
        int appends = 2_000;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> dir = Path.of(args[++i]);
                case "--messages" -> messages = Integer.parseInt(args[++i]);
                case "--appends" -> appends = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DurableFiles.deleteTree(dir);
        Files.createDirectories(dir);
        System.out.printf("Maildir store benchmark: %d messages, %d timed appends, in %s (java %s, %d cores)%n%n",
                messages, appends, dir, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        byte[] body = messageBytes();

        appendLatency(dir.resolve("appends"), body, appends);
        concurrentAppends(dir.resolve("concurrent"), body, appends);
        Path big = dir.resolve("big");
        fill(big, body, messages);
        appendsIntoFullMailbox(big, body, appends);
        openLargeMailbox(big, messages);
        DurableFiles.deleteTree(dir);
    }

    private static byte[] messageBytes() {
        StringBuilder text = new StringBuilder("From: Carol <carol@example.net>\r\nTo: bench@example.org\r\n"
                + "Subject: benchmark\r\nMessage-ID: <bench@example.net>\r\n\r\n");
        while (text.length() < 2000) {
            text.append("The quick brown fox jumps over the lazy dog.\r\n");
        }
        return text.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static MaildirMailStore store(Path root, boolean fsync) {
        MaildirMailStore store = MaildirMailStore.builder().root(root).fsync(fsync).build();
        if (!store.exists(ACCOUNT)) {
            store.createAccount(ACCOUNT);
        }
        return store;
    }

    private static void appendLatency(Path root, byte[] body, int count) {
        try (MaildirMailStore store = store(root, true); UserMail mail = store.open(ACCOUNT)) {
            long[] nanos = timeAppends(mail, body, count);
            reportAppends("append, fsync on, empty mailbox, 1 thread", nanos);
        }
    }

    private static void concurrentAppends(Path root, byte[] body, int count) throws Exception {
        int threads = 4;
        try (MaildirMailStore store = store(root, true)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            Future<?>[] futures = new Future<?>[threads];
            for (int t = 0; t < threads; t++) {
                futures[t] = pool.submit(() -> {
                    try (UserMail mail = store.open(ACCOUNT)) {
                        timeAppends(mail, body, count / threads);
                    }
                    return null;
                });
            }
            for (Future<?> f : futures) {
                f.get(10, TimeUnit.MINUTES);
            }
            long elapsed = System.nanoTime() - start;
            pool.shutdown();
            System.out.printf(Locale.ROOT, "%-58s %8.0f appends/s (%d threads, one account)%n",
                    "append, fsync on, concurrent", count / (elapsed / 1e9), threads);
        }
    }

    private static long[] timeAppends(UserMail mail, byte[] body, int count) {
        long[] nanos = new long[count];
        MessageContent content = MessageContent.of(body);
        mail.append(MailboxName.INBOX, content, Flags.NONE, Instant.now());
        long readBefore = bytesRead();
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            mail.append(MailboxName.INBOX, content, Flags.NONE, Instant.now());
            nanos[i] = System.nanoTime() - start;
        }
        lastReadPerAppend = readBefore < 0 ? -1 : (bytesRead() - readBefore) / count;
        return nanos;
    }

    /** Bytes read per append in the last {@link #timeAppends} (the message itself comes from memory). */
    private static volatile long lastReadPerAppend;

    private static void reportAppends(String label, long[] nanos) {
        report(label, nanos);
        if (lastReadPerAppend >= 0) {
            System.out.printf(Locale.ROOT, "%-58s %8d bytes read per append%n", "", lastReadPerAppend);
        }
    }

    private static void fill(Path root, byte[] body, int messages) {
        long start = System.nanoTime();
        try (MaildirMailStore store = store(root, false); UserMail mail = store.open(ACCOUNT)) {
            MessageContent content = MessageContent.of(body);
            for (int i = 0; i < messages; i++) {
                mail.append(MailboxName.INBOX, content, i % 3 == 0 ? Flags.of("\\Seen") : Flags.NONE, Instant.now());
            }
        }
        System.out.printf(Locale.ROOT, "%-58s %8.1f s (%d messages, fsync off)%n", "filling the large mailbox",
                (System.nanoTime() - start) / 1e9, messages);
        flushPageCache();
    }

    /**
     * Writes out what the fill left in the page cache, so that the timed fsyncs after it do
     * not pay for it (on ext4 one fsync commits the journal with everything dirty before it).
     */
    private static void flushPageCache() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor(10, TimeUnit.MINUTES);
        } catch (IOException e) {
            System.out.println("(no sync command: the next figures include writing out the fill)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void appendsIntoFullMailbox(Path root, byte[] body, int count) {
        try (MaildirMailStore store = store(root, true); UserMail mail = store.open(ACCOUNT)) {
            long[] nanos = timeAppends(mail, body, count);
            reportAppends("append, fsync on, into the large mailbox (not selected)", nanos);
        }
        try (MaildirMailStore store = store(root, true); UserMail mail = store.open(ACCOUNT);
                Mailbox inbox = mail.select(MailboxName.INBOX)) {
            long[] nanos = timeAppends(mail, body, count);
            reportAppends("append, fsync on, into the large mailbox (selected)", nanos);
            long uid = inbox.snapshot().uidNext() - 1;
            long[] stores = new long[200];
            for (int i = 0; i < stores.length; i++) {
                long start = System.nanoTime();
                inbox.store(UidSet.of(uid - i), FlagUpdate.add(Flags.of("\\Flagged")), OptionalLong.empty());
                stores[i] = System.nanoTime() - start;
            }
            report("STORE +FLAGS one message, fsync on, large mailbox", stores);
        }
    }

    private static void openLargeMailbox(Path root, int messages) throws IOException, InterruptedException {
        Path cur = root.resolve(ACCOUNT).resolve("cur");
        // Let the directory go quiet and have one session list it, as a server that runs a while would.
        Thread.sleep(DirectoryStamps.QUIET_NANOS / 1_000_000 + 100);
        try (MaildirMailStore store = store(root, true); UserMail mail = store.open(ACCOUNT);
                Mailbox inbox = mail.select(MailboxName.INBOX)) {
            inbox.snapshot();
        }
        long indexBytes = Files.size(root.resolve(ACCOUNT).resolve(Checkpoint.FILE))
                + Files.size(root.resolve(ACCOUNT).resolve(FolderLog.FILE));
        long messageBytes;
        try (var files = Files.list(cur)) {
            messageBytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "%-58s %8.1f MB index, %.1f MB of messages%n", "large mailbox on disk",
                indexBytes / 1e6, messageBytes / 1e6);

        for (int round = 0; round < 3; round++) {
            openAndSnapshot(root, "open + SELECT snapshot, index trusted (round " + (round + 1) + ")", messages);
        }
        // Another program touched cur/: the next open lists it once.
        Files.setLastModifiedTime(cur, FileTime.from(Instant.now().minusSeconds(10)));
        openAndSnapshot(root, "open + SELECT snapshot, cur/ listed (changed outside)", messages);

        try (MaildirMailStore store = store(root, true); UserMail mail = store.open(ACCOUNT);
                Mailbox inbox = mail.select(MailboxName.INBOX)) {
            inbox.snapshot();
            time("snapshot of the open mailbox (FETCH 1:* FLAGS)", 20, () -> inbox.snapshot().messages().size());
            time("changesSince(highest) of the open mailbox (NOOP)", 200,
                    () -> inbox.changesSince(inbox.snapshot().highestModSeq()).changed().size());
            time("STATUS of the large mailbox (open account)", 200, () -> mail.status(MailboxName.INBOX).messages());
        }
    }

    private static void openAndSnapshot(Path root, String label, int messages) throws IOException {
        long readBefore = bytesRead();
        long start = System.nanoTime();
        MailboxSnapshot snapshot;
        try (MaildirMailStore store = store(root, true); UserMail mail = store.open(ACCOUNT);
                Mailbox inbox = mail.select(MailboxName.INBOX)) {
            snapshot = inbox.snapshot();
        }
        long elapsed = System.nanoTime() - start;
        long read = bytesRead() - readBefore;
        if (snapshot.messages().size() < messages) {
            throw new IllegalStateException("expected at least " + messages + " messages, got " + snapshot.messages().size());
        }
        System.out.printf(Locale.ROOT, "%-58s %8.1f ms%s%n", label, elapsed / 1e6,
                read < 0 ? "" : String.format(Locale.ROOT, " (read %.1f MB)", read / 1e6));
    }

    /** Bytes this process read through system calls (Linux), or -1 where unknown. */
    private static long bytesRead() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("rchar:")) {
                    return Long.parseLong(line.substring(6).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static void time(String label, int repeats, LongSupplier action) {
        long[] nanos = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            action.getAsLong();
            nanos[i] = System.nanoTime() - start;
        }
        report(label, nanos);
    }

    private static void report(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        System.out.printf(Locale.ROOT, "%-58s %8.3f ms mean, %.3f p50, %.3f p99 (n=%d)%n", label, mean,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6,
                sorted.length);
    }
}
