package dev.mailwright.core.store.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UserMail;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM ({@link CrashWorker}) at random instants while it delivers, changes
 * flags, expunges and copies, then reopens the store and checks the durability promises:
 * every acknowledged message is there with its exact bytes, no UID ever stands for two
 * messages, {@code tmp/} is empty, and new UIDs are above every one handed out before.
 * A second test runs a child and this process against one account at the same time.
 */
class MaildirCrashTest {

    private static final String ALICE = "alice@example.org";
    private static final int ROUNDS = 6;

    @TempDir
    Path temp;

    /** What the children acknowledged and the parent observed, across rounds. */
    private static final class Model {
        final Map<Long, String> idOf = new HashMap<>();
        final Map<Long, String> flags = new HashMap<>();
        final Map<Long, String> pendingFlags = new HashMap<>();
        final Set<Long> live = new HashSet<>();
        final Set<Long> pendingExpunge = new HashSet<>();
        final Set<Long> expunged = new HashSet<>();
        final List<String> history = new ArrayList<>();
        long highestUid;

        /** The lines about one UID, for failure messages. */
        List<String> history(long uid) {
            return history.stream().filter(l -> (" " + l + " ").contains(" " + uid + " ")).toList();
        }

        void assign(long uid, String id) {
            String known = idOf.putIfAbsent(uid, id);
            if (known != null && !known.equals(id)) {
                fail("UID " + uid + " stood for " + known + " and now for " + id);
            }
            highestUid = Math.max(highestUid, uid);
        }

        void apply(String line) {
            history.add(line);
            String[] f = line.split(" ");
            long uid = Long.parseLong(f[1]);
            switch (f[0]) {
                case "A" -> {
                    assign(uid, f[2]);
                    live.add(uid);
                    flags.put(uid, f[3]);
                }
                case "f" -> pendingFlags.put(uid, f[2]);
                case "F" -> {
                    flags.put(uid, f[2]);
                    pendingFlags.remove(uid);
                }
                case "x" -> pendingExpunge.add(uid);
                case "X" -> {
                    live.remove(uid);
                    pendingExpunge.remove(uid);
                    expunged.add(uid);
                }
                case "C" -> {
                    long copy = Long.parseLong(f[2]);
                    assign(copy, idOf.get(uid));
                    live.add(copy);
                    flags.put(copy, flags.get(uid));
                }
                default -> fail("unexpected line from the worker: " + line);
            }
        }
    }

    @Test
    void acknowledgedChangesSurviveKillsAtRandomInstants() throws Exception {
        Path root = temp.resolve("store");
        try (MaildirMailStore store = MaildirMailStore.builder().root(root).build()) {
            store.createAccount(ALICE);
        }
        Model model = new Model();
        Random random = new Random();
        for (int round = 0; round < ROUNDS; round++) {
            long seed = random.nextLong();
            Process child = start(root, seed, 0);
            LineCollector lines = new LineCollector(output(seed));
            lines.awaitAtLeast(20 + random.nextInt(120), child);
            Thread.sleep(random.nextInt(30));
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (String line : lines.finish()) {
                model.apply(line);
            }
            verify(root, model, "round " + round);
        }
        assertThat(model.live).hasSizeGreaterThan(ROUNDS * 5);
    }

    @Test
    void twoProcessesShareAnAccountSafely() throws Exception {
        Path root = temp.resolve("shared");
        try (MaildirMailStore store = MaildirMailStore.builder().root(root).build()) {
            store.createAccount(ALICE);
        }
        Model model = new Model();
        Process child = start(root, 42, 300);
        LineCollector lines = new LineCollector(output(42));
        try (MaildirMailStore store = MaildirMailStore.builder().root(root).compactAfterBytes(4096).build();
                UserMail mail = store.open(ALICE)) {
            for (int i = 0; i < 150; i++) {
                String id = "parent-" + i;
                long uid = mail.append(MailboxName.INBOX, CrashWorker.content(id), Flags.NONE, Instant.now()).uid();
                model.apply("A " + uid + " " + id + " -");
            }
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(errorsOf(child)).isZero();
        for (String line : lines.finish()) {
            model.apply(line);
        }
        assertThat(model.pendingExpunge).isEmpty();
        verify(root, model, "after both processes");
    }

    private Process start(Path root, long seed, int operations) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), CrashWorker.class.getName(),
                root.toString(), ALICE, Long.toString(seed), Integer.toString(operations))
                .redirectOutput(output(seed).toFile())
                .redirectError(temp.resolve("worker-" + seed + ".err").toFile())
                .start();
    }

    private Path output(long seed) {
        return temp.resolve("worker-" + seed + ".out");
    }

    private String errorsOf(Process child) throws IOException {
        try (Stream<Path> files = Files.list(temp)) {
            StringBuilder errors = new StringBuilder();
            for (Path p : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".err"))::iterator) {
                errors.append(Files.readString(p));
            }
            return errors.toString();
        }
    }

    /** Reopens the store and checks the model against it; then what was observed counts as acknowledged. */
    private static void verify(Path root, Model model, String when) {
        try (MaildirMailStore store = MaildirMailStore.builder().root(root).build();
                UserMail mail = store.open(ALICE); Mailbox inbox = mail.select(MailboxName.INBOX)) {
            List<MessageInfo> messages = inbox.snapshot().messages();
            Map<Long, MessageInfo> present = new HashMap<>();
            // Files deleted by an expunge the kill cut short, that the index still lists until a
            // listing of the (just changed, so not yet quiet) directory confirms them gone.
            Set<Long> vanishing = new HashSet<>();
            for (MessageInfo m : messages) {
                present.put(m.uid(), m);
                MessageContent content;
                try {
                    content = inbox.content(m.uid());
                } catch (MailStoreException e) {
                    assertThat(e.reason()).isEqualTo(MailStoreException.Reason.NO_SUCH_MESSAGE);
                    assertThat(model.pendingExpunge).as(when + ": only an expunge in flight may lose UID " + m.uid())
                            .contains(m.uid());
                    vanishing.add(m.uid());
                    continue;
                }
                byte[] bytes = content.toByteArray();
                content.release();
                String id = CrashWorker.idOf(bytes);
                assertThat(id).as(when + ": UID " + m.uid() + " holds a message the workers wrote").isNotNull();
                assertThat(bytes).as(when + ": bytes of " + id).isEqualTo(CrashWorker.content(id).toByteArray());
                assertThat(m.size()).isEqualTo(bytes.length);
                model.assign(m.uid(), id);
            }
            for (long uid : model.live) {
                if (model.pendingExpunge.contains(uid)) {
                    continue;
                }
                assertThat(present).as(when + ": acknowledged UID " + uid + " is there").containsKey(uid);
                String letters = CrashWorker.letters(present.get(uid).flags());
                Set<String> allowed = new HashSet<>();
                allowed.add(model.flags.get(uid));
                if (model.pendingFlags.containsKey(uid)) {
                    allowed.add(model.pendingFlags.get(uid));
                }
                assertThat(allowed).as(when + ": flags of UID " + uid + " after " + model.history(uid)).contains(letters);
            }
            for (long uid : model.expunged) {
                assertThat(present).as(when + ": expunged UID " + uid + " stays gone").doesNotContainKey(uid);
            }
            try (Stream<Path> tmp = Files.list(root.resolve(ALICE).resolve("tmp"))) {
                assertThat(tmp).as(when + ": tmp/ is empty").isEmpty();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(mail.quota().usedMessages()).isEqualTo(messages.size());

            // What this process saw is now acknowledged (a client could have seen it).
            for (long uid : new ArrayList<>(model.pendingExpunge)) {
                if (!present.containsKey(uid)) {
                    model.live.remove(uid);
                    model.expunged.add(uid);
                }
            }
            model.pendingExpunge.retainAll(vanishing);
            model.pendingFlags.clear();
            for (MessageInfo m : messages) {
                if (!vanishing.contains(m.uid())) {
                    model.live.add(m.uid());
                    model.flags.put(m.uid(), CrashWorker.letters(m.flags()));
                }
            }
            String id = "parent-check-" + model.highestUid;
            long next = mail.append(MailboxName.INBOX, CrashWorker.content(id), Flags.NONE, Instant.now()).uid();
            assertThat(next).as(when + ": a new UID is above every UID handed out").isGreaterThan(model.highestUid);
            model.apply("A " + next + " " + id + " -");
        }
    }

    /**
     * A child's output, redirected to a file: a killed child's last writes are all in the file,
     * with no pipe handling of the JDK in between. Only lines ended by a line feed count (a
     * kill may leave half a line).
     */
    private static final class LineCollector {
        private final Path file;

        LineCollector(Path file) {
            this.file = file;
        }

        void awaitAtLeast(int count, Process child) throws InterruptedException, IOException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lineCount() < count && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(child.isAlive()).as("the worker is still working").isTrue();
        }

        private int lineCount() throws IOException {
            int n = 0;
            for (byte b : Files.readAllBytes(file)) {
                n += b == '\n' ? 1 : 0;
            }
            return n;
        }

        List<String> finish() throws IOException {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
            lines.remove(lines.size() - 1); // after the last line feed: empty, or a line cut short by the kill
            return lines;
        }
    }
}
