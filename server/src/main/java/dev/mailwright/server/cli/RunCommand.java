package dev.mailwright.server.cli;

import dev.mailwright.server.MailServer;
import dev.mailwright.server.config.MailwrightConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mailwright run}: starts the assembled server and runs until SIGTERM or Ctrl-C,
 * which stop it gracefully. Without {@code --config}, the embedded defaults: localhost,
 * loopback listeners on high ports, a self-signed certificate, data in ./mailwright-data.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the mail server.")
final class RunCommand implements Callable<Integer> {

    /** How long stopping may take: sessions and deliveries in flight get this long to finish. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws IOException, InterruptedException {
        MailwrightConfig settings = config.load();
        MailServer server = MailServer.builder(settings).build();
        server.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(STOP_GRACE);
            stopped.countDown();
        }, "mailwright-stop"));
        banner(spec.commandLine().getOut(), settings, server.addresses(), config.file == null ? "" : " --config " + config.file);
        stopped.await();
        return 0;
    }

    static void banner(PrintWriter out, MailwrightConfig settings, Map<String, List<InetSocketAddress>> addresses, String configArg) {
        String user = "alice@" + settings.primaryDomain();
        out.println("Mailwright " + MailwrightVersion.version() + " is running for " + String.join(", ", settings.domains())
                + " as " + settings.hostname());
        line(out, "SMTP (MX)", addresses.get("smtp"));
        line(out, "submission (STARTTLS)", addresses.get("submission"));
        line(out, "submission (TLS)", addresses.get("submission-tls"));
        line(out, "LMTP", addresses.get("lmtp"));
        line(out, "IMAP (STARTTLS)", addresses.get("imap"));
        line(out, "IMAP (TLS)", addresses.get("imap-tls"));
        out.printf("  %-24s %s%n", "data", settings.dataDir());
        out.printf("  %-24s %s%n", "TLS certificate", settings.tls().certificate().map(Object::toString)
                .orElse("self-signed, in " + settings.dataDir().resolve("tls") + " (clients will ask you to trust it)"));
        out.println();
        out.println("Add a user:   ./mailwright creds create " + user + configArg);
        List<InetSocketAddress> submission = addresses.get("submission");
        if (submission != null) {
            InetSocketAddress s = submission.get(0);
            out.println("Send mail:    swaks --server " + s.getHostString() + ":" + s.getPort() + " --tls --auth-user " + user
                    + " --from " + user + " --to " + user);
        }
        List<InetSocketAddress> imap = addresses.get("imap");
        if (imap != null) {
            InetSocketAddress i = imap.get(0);
            out.println("Read mail:    any IMAP client at " + i.getHostString() + ":" + i.getPort() + " with STARTTLS, user " + user);
        }
        out.println("Stop:         Ctrl-C or SIGTERM");
        out.flush();
    }

    private static void line(PrintWriter out, String label, List<InetSocketAddress> bound) {
        if (bound == null) {
            return;
        }
        for (InetSocketAddress address : bound) {
            out.printf("  %-24s %s:%d%n", label, address.getHostString(), address.getPort());
        }
    }
}
