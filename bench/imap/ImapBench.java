import dev.mailwright.core.MessageContent;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import dev.mailwright.imap.ImapLimits;
import dev.mailwright.imap.ImapListener;
import dev.mailwright.imap.ImapServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * IMAP load programs, run by run.sh:
 *
 * <ul>
 *   <li>{@code idle-server USERS PORT TARGET}: an IMAP server over an in-memory store (run it
 *       with -Xmx512m); reports its heap after GC before and once TARGET connections are open,
 *       and the heap per connection.
 *   <li>{@code idle-clients PORT COUNT USERS}: opens COUNT connections, each logging in,
 *       selecting INBOX and entering IDLE; then appends one message as user0 and times how
 *       long an idling user0 connection takes to see its EXISTS.
 *   <li>{@code fetch MESSAGES}: a server with one mailbox of MESSAGES messages; times
 *       {@code FETCH 1:* (FLAGS ENVELOPE)} cold (structures parsed) and warm (cached).
 * </ul>
 */
public final class ImapBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "idle-server" -> idleServer(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "idle-clients" -> idleClients(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "fetch" -> fetch(Integer.parseInt(args[1]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static ImapServer server(InMemoryMailStore store, int port, int maxConnections) {
        return ImapServer.builder()
                .store(store)
                .authenticator((user, password, client) -> password.equals("pw") ? Optional.of(user) : Optional.empty())
                .loginWithoutTls(true)
                .workerThreads(8)
                .limits(ImapLimits.builder().maxCommandsBeforeAuth(10).build())
                .listener(ImapListener.builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                        .tls(TlsMode.NONE).connectionLimits(maxConnections, maxConnections).build())
                .build();
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void idleServer(int users, int port, int target) throws Exception {
        InMemoryMailStore store = new InMemoryMailStore();
        for (int i = 0; i < users; i++) {
            store.provision("user" + i);
        }
        ImapServer server = server(store, port, target + 100);
        server.start();
        long baseline = usedHeapAfterGc();
        System.out.printf("server: max heap %d MiB, baseline heap after GC %.1f MiB with %d provisioned accounts%n",
                Runtime.getRuntime().maxMemory() >> 20, baseline / 1048576.0, users);
        System.out.println("READY");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        boolean reported = false;
        while (System.nanoTime() < deadline) {
            Thread.sleep(1000);
            int open = server.connectionCount();
            if (!reported && open >= target) {
                Thread.sleep(2000);
                long used = usedHeapAfterGc();
                open = server.connectionCount();
                System.out.printf("server: %d connections open; heap after GC %.1f MiB; %.1f KiB per connection%n",
                        open, used / 1048576.0, (used - baseline) / 1024.0 / open);
                reported = true;
            }
            if (reported && open == 0) {
                break;
            }
        }
        server.stop(Duration.ofSeconds(1));
    }

    private static void idleClients(int port, int count, int users) throws Exception {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        List<Socket> sockets = new ArrayList<>(count);
        long start = System.nanoTime();
        Socket watcher = null;
        for (int i = 0; i < count; i++) {
            Socket s = new Socket(address.getAddress(), address.getPort());
            s.setSoTimeout(30_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readLine(in);
            out.write(("a LOGIN user" + (i % users) + " pw\r\nb SELECT INBOX\r\nc IDLE\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!readLine(in).startsWith("+ idling")) {
                // LOGIN and SELECT responses
            }
            sockets.add(s);
            if (i == 0) {
                watcher = s;
            }
            if ((i + 1) % 2000 == 0) {
                System.out.printf("clients: %d idling after %.1f s%n", i + 1, (System.nanoTime() - start) / 1e9);
            }
        }
        System.out.printf("clients: all %d connections idling after %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        Thread.sleep(6000);
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            readLine(in);
            String message = "Subject: wake up\r\n\r\nhello\r\n";
            out.write(("a LOGIN user0 pw\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            while (!readLine(in).startsWith("a ")) {
                // login
            }
            long sent = System.nanoTime();
            out.write(("b APPEND INBOX {" + message.length() + "+}\r\n" + message + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String line = readLine(watcher.getInputStream());
            System.out.printf("clients: idling connection got \"%s\" %.1f ms after the APPEND was sent%n", line,
                    (System.nanoTime() - sent) / 1e6);
        }
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static void fetch(int messages) throws Exception {
        InMemoryMailStore store = new InMemoryMailStore();
        store.provision("bench");
        // A smaller mailbox first, so that the measured runs see a JVM past its warm-up.
        fill(store, MailboxName.of("Archive"), 2000);
        fill(store, MailboxName.INBOX, messages);
        ImapServer server = server(store, 0, 10);
        InetSocketAddress address = server.start().get(0);
        try (Socket s = new Socket(address.getAddress(), address.getPort())) {
            s.setSoTimeout(60_000);
            InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 1 << 16);
            OutputStream out = s.getOutputStream();
            readLine(in);
            command(in, out, "a LOGIN bench pw");
            command(in, out, "b SELECT Archive");
            timeFetch(in, out, 2000, "first FETCH in a fresh JVM (JIT warm-up, structures parsed)");
            command(in, out, "c SELECT INBOX");
            timeFetch(in, out, messages, "cold cache (structures parsed now)");
            timeFetch(in, out, messages, "warm cache");
            timeFetch(in, out, messages, "warm cache");
        }
        server.stop(Duration.ofSeconds(1));
    }

    private static void fill(InMemoryMailStore store, MailboxName mailbox, int messages) {
        try (UserMail mail = store.open("bench")) {
            for (int i = 0; i < messages; i++) {
                String m = "Date: Mon, 4 Mar 2024 12:00:00 +0000\r\nFrom: \"Sender " + i + "\" <sender" + i + "@example.net>\r\n"
                        + "To: Bench <bench@example.org>, other@example.org\r\nCc: cc" + i + "@example.com\r\n"
                        + "Subject: Message number " + i + " about the weekly report\r\nMessage-ID: <" + i + "@example.net>\r\n"
                        + "In-Reply-To: <" + (i - 1) + "@example.net>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\n\r\n" + "Body line of the message.\r\n".repeat(40);
                mail.append(mailbox, MessageContent.of(m.getBytes(StandardCharsets.UTF_8)),
                        i % 3 == 0 ? Flags.of("\\Seen") : Flags.NONE, Instant.now());
            }
        }
    }

    private static void command(InputStream in, OutputStream out, String command) throws IOException {
        String tag = command.substring(0, command.indexOf(' '));
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        while (!readLine(in).startsWith(tag + " ")) {
            // untagged responses
        }
    }

    private static void timeFetch(InputStream in, OutputStream out, int messages, String run) throws IOException {
        long start = System.nanoTime();
        out.write("f FETCH 1:* (FLAGS ENVELOPE)\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        long bytes = 0;
        int responses = 0;
        String line;
        while (!(line = readLine(in)).startsWith("f ")) {
            bytes += line.length() + 2;
            responses++;
        }
        System.out.printf("fetch: FETCH 1:* (FLAGS ENVELOPE) of %d messages, %s: %d responses, %.1f KiB, %.0f ms%n",
                messages, run, responses, bytes / 1024.0, (System.nanoTime() - start) / 1e6);
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
