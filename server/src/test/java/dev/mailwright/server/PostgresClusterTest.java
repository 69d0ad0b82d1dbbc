package dev.mailwright.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.core.user.ManagedUserDirectory;
import dev.mailwright.postgres.TestDatabases;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.smtp.outbound.spi.QueuedMessage;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes of one cluster: two {@link MailServer}s with their own data directories and the
 * same DKIM keys, over one PostgreSQL database, as the README's "Scaling out" sets them up.
 */
@TestDatabases.RequiresPostgres
class PostgresClusterTest {

    @TempDir
    Path dir;

    private TestDatabases.TestSchema schema;
    private ScriptedSmtpServer remote;
    private final List<MailServer> running = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    private ZoneFileResolver dns;

    @BeforeEach
    void setUp() throws Exception {
        schema = TestDatabases.schema();
        remote = new ScriptedSmtpServer();
        dns = ZoneFileResolver.builder().zoneText("remote.example.", """
                $TTL 300
                @          IN MX 10 mx
                mx         IN A 127.0.0.1
                """).build();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (MailServer server : running) {
            server.stop(Duration.ofSeconds(1));
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        remote.close();
        schema.close();
    }

    /** A node's configuration: its own data directory, the shared database and DKIM keys. */
    private MailwrightConfig config(String node, String databaseUrl) throws Exception {
        Path nodeDir = Files.createDirectories(dir.resolve(node));
        return TestServers.config(nodeDir, node + ".example.org", "example.org", """
                [storage]
                backend = "postgres"
                [storage.postgres]
                url = "%s"
                pool-size = 4
                [dkim]
                keys-dir = "%s"
                [delivery]
                remote-port = %d
                """.formatted(databaseUrl, dir.resolve("dkim"), remote.port()));
    }

    private MailServer start(MailwrightConfig config,
            Function<dev.mailwright.smtp.outbound.OutboundDelivery.Builder, dev.mailwright.smtp.outbound.OutboundDelivery.Builder> outbound)
            throws Exception {
        MailServer server = MailServer.builder(config).dns(dns).outbound(outbound).build();
        server.start();
        running.add(server);
        return server;
    }

    private MailServer start(String node) throws Exception {
        return start(config(node, schema.url()), b -> b.pollInterval(Duration.ofMillis(200)));
    }

    private static MimeMessage message(Session session, String to, String subject) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("alice@example.org"));
        m.setRecipients(Message.RecipientType.TO, to);
        m.setSubject(subject);
        m.setText("Hello from one node to the other.");
        return m;
    }

    @Test
    void mailSubmittedOnOneNodeIsReadOverImapOnTheOther() throws Exception {
        MailServer a = start("node-a");
        MailServer b = start("node-b");
        ((ManagedUserDirectory) a.users()).create("alice@example.org", "alice-pw");
        ((ManagedUserDirectory) b.users()).create("bob@example.org", "bob-pw");

        Session session = TestServers.submission(a, "alice@example.org", "alice-pw");
        Transport.send(message(session, "bob@example.org", "across the cluster"), "alice@example.org", "alice-pw");

        String received = TestServers.awaitOne(b, "bob@example.org", "bob-pw");
        assertThat(received).contains("Subject: across the cluster").contains("Received: from ");
        assertThat(a.store().accounts()).contains("bob@example.org");
    }

    @Test
    void idleOnOneNodeWakesForADeliveryOnTheOther() throws Exception {
        MailServer a = start("node-a");
        MailServer b = start("node-b");
        ((ManagedUserDirectory) a.users()).create("alice@example.org", "alice-pw");
        ((ManagedUserDirectory) a.users()).create("bob@example.org", "bob-pw");
        a.store().provision("bob@example.org");

        InetSocketAddress imap = a.address("imap-tls");
        try (SSLSocket socket = (SSLSocket) TestServers.trusting(a).getSocketFactory()
                .createSocket(imap.getHostString(), imap.getPort())) {
            socket.setSoTimeout(15_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("* OK");
            command(in, out, "a LOGIN bob@example.org bob-pw");
            assertThat(command(in, out, "b SELECT INBOX")).anyMatch(l -> l.equals("* 0 EXISTS"));
            out.write("c IDLE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).startsWith("+");

            Session session = TestServers.submission(b, "alice@example.org", "alice-pw");
            long sent = System.nanoTime();
            Transport.send(message(session, "bob@example.org", "wake up"), "alice@example.org", "alice-pw");

            // The delivery is made by node B; node A hears of it through the database.
            String line = in.readLine();
            while (line != null && !line.endsWith(" EXISTS")) {
                line = in.readLine();
            }
            long millis = (System.nanoTime() - sent) / 1_000_000;
            assertThat(line).isEqualTo("* 1 EXISTS");
            System.err.println("IDLE on node A woke " + millis + " ms after the submission to node B began");
            out.write("DONE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readUntilTagged(in, "c")).endsWith("c OK IDLE terminated");
        }
    }

    @Test
    void aNodeKilledInTheMiddleOfADeliveryIsReplacedByTheOther() throws Exception {
        // Node A reaches the database through a relay, so that it can be cut off as if it died.
        Matcher hostPort = Pattern.compile("//([^:/]+):(\\d+)/").matcher(schema.url());
        assertThat(hostPort.find()).isTrue();
        TcpProxy link = new TcpProxy(new InetSocketAddress(hostPort.group(1), Integer.parseInt(hostPort.group(2))));
        closing.add(link);
        String urlForA = schema.url().replace("//" + hostPort.group(1) + ":" + hostPort.group(2) + "/",
                "//127.0.0.1:" + link.port() + "/");
        // Node B's delivery clock first runs ten minutes late, so that the new message is not yet
        // due for it and node A takes it; then it catches up, then it runs past A's lease.
        ShiftedClock bClock = new ShiftedClock(Duration.ofMinutes(-10));
        MailServer a = start(config("node-a", urlForA), o -> o.pollInterval(Duration.ofMillis(200))
                .leaseTime(Duration.ofMinutes(1)).shutdownGrace(Duration.ofMillis(100)));
        MailServer b = start(config("node-b", schema.url()), o -> o.pollInterval(Duration.ofMillis(200)).clock(bClock));
        ((ManagedUserDirectory) a.users()).create("alice@example.org", "alice-pw");

        Session session = TestServers.submission(a, "alice@example.org", "alice-pw");
        Transport.send(message(session, "carol@remote.example", "deliver me once"), "alice@example.org", "alice-pw");
        assertThat(remote.awaitStalled(30_000)).as("node A connected and sent DATA").isTrue();
        List<QueuedMessage> queued = b.outbound().list();
        assertThat(queued).singleElement().satisfies(m -> assertThat(m.lease()).isPresent());
        String leaseOwner = queued.get(0).lease().orElseThrow().owner();

        bClock.shift(Duration.ZERO);
        // Node A dies: its database connections drop, then its listeners and threads stop.
        link.close();
        a.stop(Duration.ZERO);
        running.remove(a);
        remote.dropStalled();
        awaitPolls(b);
        assertThat(remote.accepted()).as("B leaves the message alone while A's lease holds").isEmpty();
        assertThat(b.outbound().list()).singleElement()
                .satisfies(m -> assertThat(m.lease().orElseThrow().owner()).isEqualTo(leaseOwner));

        bClock.shift(Duration.ofMinutes(2));
        assertThat(remote.awaitDelivered(30_000)).as("node B delivered after the lease ran out").isTrue();
        awaitEmptyQueue(b);
        assertThat(remote.accepted()).singleElement().asString().contains("Subject: deliver me once")
                .contains("DKIM-Signature:");
        assertThat(remote.connections()).isEqualTo(2);
    }

    /** Lets node B's delivery run several polls. */
    private static void awaitPolls(MailServer b) throws InterruptedException {
        Thread.sleep(1000);
        assertThat(b.outbound().inFlight()).isZero();
    }

    private static void awaitEmptyQueue(MailServer server) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!server.outbound().list().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(server.outbound().list()).isEmpty();
    }

    private static List<String> command(BufferedReader in, OutputStream out, String command) throws Exception {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        List<String> lines = new ArrayList<>();
        String tag = command.substring(0, command.indexOf(' '));
        String line;
        while ((line = in.readLine()) != null) {
            lines.add(line);
            if (line.startsWith(tag + " ")) {
                assertThat(line).startsWith(tag + " OK");
                return lines;
            }
        }
        throw new AssertionError("connection closed after " + command);
    }

    private static String readUntilTagged(BufferedReader in, String tag) throws Exception {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith(tag + " ")) {
                return line;
            }
        }
        throw new AssertionError("no tagged response " + tag);
    }

    /** The system clock, shifted by an amount a test changes: another node's idea of the time. */
    private static final class ShiftedClock extends Clock {
        private volatile Duration shift;

        ShiftedClock(Duration shift) {
            this.shift = shift;
        }

        void shift(Duration shift) {
            this.shift = shift;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }
}
