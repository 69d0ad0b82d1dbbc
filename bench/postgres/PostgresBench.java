import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.maildir.MaildirMailStore;
import dev.mailwright.imap.ImapLimits;
import dev.mailwright.imap.ImapListener;
import dev.mailwright.imap.ImapServer;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.postgres.PostgresDatabase;
import dev.mailwright.postgres.PostgresMailStore;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Figures for the PostgreSQL mail store that tests must not assert, next to the Maildir
 * store's on the same machine. A load program: it prints figures and asserts nothing.
 *
 * <ul>
 *   <li>{@code deliver URL MESSAGES THREADS}: appends (what final delivery does) of a 2 KB
 *       message into 100 accounts, by THREADS threads on one node, then on two nodes (two
 *       pools and stores over the database, THREADS/2 threads each), then into one account
 *       from both nodes; the same workload on Maildir with fsync for comparison.
 *   <li>{@code wake URL SAMPLES}: an append on node B to the moment a watcher on node A is
 *       called (the path an IMAP IDLE wake-up takes across nodes).
 *   <li>{@code fetch URL MESSAGES}: an IMAP server over each store with a mailbox of MESSAGES
 *       messages; times SELECT and {@code FETCH 1:* (FLAGS)}.
 * </ul>
 */
public final class PostgresBench {

    private static final byte[] MESSAGE = message();

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "deliver" -> deliver(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "wake" -> wake(args[1], Integer.parseInt(args[2]));
            case "fetch" -> fetch(args[1], Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static byte[] message() {
        String m = "Date: Mon, 4 Mar 2024 12:00:00 +0000\r\nFrom: Sender <sender@example.net>\r\n"
                + "To: Bench <bench@example.org>\r\nSubject: the weekly report\r\nMessage-ID: <x@example.net>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Body line of the message, long enough to be realistic.\r\n".repeat(34);
        return m.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh schema for one run, so runs never see each other's rows. */
    private static String schema(String url, String name) throws Exception {
        try (Connection c = java.sql.DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            s.execute("CREATE SCHEMA " + name);
        }
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    private static PostgresDatabase node(String url, int pool) {
        return PostgresDatabase.builder().url(url).poolSize(pool).build();
    }

    // ---- deliveries per second ----

    private static void deliver(String url, int messages, int threads) throws Exception {
        int accounts = 100;
        String schema = schema(url, "bench_deliver");
        try (PostgresDatabase a = node(schema, threads); PostgresDatabase b = node(schema, threads)) {
            MailStore one = PostgresMailStore.builder(a).build();
            MailStore two = PostgresMailStore.builder(b).build();
            for (int i = 0; i < accounts; i++) {
                one.provision("user" + i + "@example.org");
            }
            one.provision("shared@example.org");
            run("warm-up, one node", List.of(one), threads, messages / 5, accounts);
            run("PostgreSQL, one node, " + threads + " threads, 100 accounts", List.of(one), threads, messages, accounts);
            run("PostgreSQL, two nodes, " + threads / 2 + " threads each, 100 accounts", List.of(one, two), threads,
                    messages, accounts);
            run("PostgreSQL, two nodes, " + threads / 2 + " threads each, one account", List.of(one, two), threads,
                    messages, 0);
            one.close();
            two.close();
        }
        Path dir = Files.createTempDirectory("mailwright-bench-maildir");
        try (MailStore maildir = MaildirMailStore.builder().root(dir).build()) {
            for (int i = 0; i < accounts; i++) {
                maildir.provision("user" + i + "@example.org");
            }
            maildir.provision("shared@example.org");
            run("warm-up, Maildir", List.of(maildir), threads, messages / 5, accounts);
            run("Maildir (fsync), " + threads + " threads, 100 accounts", List.of(maildir), threads, messages, accounts);
            run("Maildir (fsync), " + threads + " threads, one account", List.of(maildir), threads, messages, 0);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Appends {@code messages} by {@code threads} threads spread over the nodes; 0 accounts means the shared one. */
    private static void run(String label, List<MailStore> nodes, int threads, int messages, int accounts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<long[]>> done = new ArrayList<>();
        int each = messages / threads;
        for (int t = 0; t < threads; t++) {
            MailStore node = nodes.get(t % nodes.size());
            int thread = t;
            done.add(pool.submit(() -> {
                long[] latencies = new long[each];
                start.await();
                for (int i = 0; i < each; i++) {
                    String account = accounts == 0 ? "shared@example.org" : "user" + ((thread * each + i) % accounts) + "@example.org";
                    long t0 = System.nanoTime();
                    try (UserMail mail = node.open(account)) {
                        mail.append(MailboxName.INBOX, MessageContent.of(MESSAGE), Flags.NONE, Instant.now());
                    }
                    latencies[i] = System.nanoTime() - t0;
                }
                return latencies;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        List<Long> all = new ArrayList<>();
        for (Future<long[]> f : done) {
            for (long l : f.get(30, TimeUnit.MINUTES)) {
                all.add(l);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        all.sort(null);
        System.out.printf("deliver: %-58s %6.0f deliveries/s  (p50 %.1f ms, p99 %.1f ms)%n", label, all.size() / seconds,
                all.get(all.size() / 2) / 1e6, all.get(all.size() * 99 / 100) / 1e6);
    }

    // ---- change events across nodes ----

    private static void wake(String url, int samples) throws Exception {
        String schema = schema(url, "bench_wake");
        try (PostgresDatabase a = node(schema, 4); PostgresDatabase b = node(schema, 4)) {
            MailStore nodeA = PostgresMailStore.builder(a).build();
            MailStore nodeB = PostgresMailStore.builder(b).build();
            nodeA.provision("bench@example.org");
            LinkedBlockingQueue<Long> heard = new LinkedBlockingQueue<>();
            long[] latencies = new long[samples];
            try (UserMail reader = nodeA.open("bench@example.org"); Mailbox box = reader.select(MailboxName.INBOX);
                 UserMail writer = nodeB.open("bench@example.org")) {
                var subscription = box.watch(name -> heard.offer(System.nanoTime()));
                for (int i = 0; i < samples + 20; i++) {
                    heard.clear();
                    writer.append(MailboxName.INBOX, MessageContent.of(MESSAGE), Flags.NONE, Instant.now());
                    long committed = System.nanoTime();
                    Long at = heard.poll(10, TimeUnit.SECONDS);
                    if (at == null) {
                        throw new IllegalStateException("no change event within 10 s");
                    }
                    if (i >= 20) {
                        latencies[i - 20] = Math.max(0, at - committed);
                    }
                    Thread.sleep(5);
                }
                subscription.cancel();
            }
            nodeA.close();
            nodeB.close();
            Arrays.sort(latencies);
            System.out.printf("wake: append committed on node B to watcher called on node A: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    latencies[samples / 2] / 1e6, latencies[samples * 99 / 100] / 1e6, latencies[samples - 1] / 1e6);
        }
    }

    // ---- IMAP FETCH FLAGS ----

    private static void fetch(String url, int messages) throws Exception {
        String schema = schema(url, "bench_fetch");
        try (PostgresDatabase db = node(schema, 8)) {
            MailStore store = PostgresMailStore.builder(db).build();
            fetchOver("PostgreSQL", store, messages);
            store.close();
        }
        Path dir = Files.createTempDirectory("mailwright-bench-maildir");
        try (MailStore maildir = MaildirMailStore.builder().root(dir).fsync(false).build()) {
            fetchOver("Maildir", maildir, messages);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void fetchOver(String label, MailStore store, int messages) throws Exception {
        store.provision("bench");
        try (UserMail mail = store.open("bench")) {
            for (int i = 0; i < messages; i++) {
                mail.append(MailboxName.INBOX, MessageContent.of(MESSAGE), i % 3 == 0 ? Flags.of("\\Seen") : Flags.NONE,
                        Instant.now());
            }
        }
        ImapServer server = ImapServer.builder()
                .store(store)
                .authenticator((user, password, client) -> password.equals("pw") ? Optional.of(user) : Optional.empty())
                .loginWithoutTls(true)
                .workerThreads(4)
                .limits(ImapLimits.builder().maxCommandsBeforeAuth(10).build())
                .listener(ImapListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .tls(TlsMode.NONE).connectionLimits(10, 10).build())
                .build();
        InetSocketAddress address = server.start().get(0);
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = s.getOutputStream();
            readLine(in);
            timed(in, out, "a LOGIN bench pw");
            for (int round = 0; round < 5; round++) {
                double select = timed(in, out, "s" + round + " SELECT INBOX");
                double fetch = timed(in, out, "f" + round + " FETCH 1:* (FLAGS)");
                if (round >= 2) {
                    System.out.printf("fetch: %-10s %d messages: SELECT %.0f ms, FETCH 1:* (FLAGS) %.0f ms%n",
                            label, messages, select, fetch);
                }
            }
        }
        server.stop(Duration.ofSeconds(1));
    }

    private static double timed(InputStream in, OutputStream out, String command) throws IOException {
        long start = System.nanoTime();
        String tag = command.substring(0, command.indexOf(' '));
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String line;
        while (!(line = readLine(in)).startsWith(tag + " ")) {
            // untagged responses
        }
        if (!line.startsWith(tag + " OK")) {
            throw new IOException(command + ": " + line);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(128);
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString(StandardCharsets.ISO_8859_1).stripTrailing();
    }
}
