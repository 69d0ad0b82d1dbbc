package dev.mailwright.examples;

import dev.mailwright.core.user.FileUserDirectory;
import dev.mailwright.server.MailServer;
import dev.mailwright.server.config.MailwrightConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A whole mail server inside an application: SMTP, submission and IMAP for one domain,
 * Maildir storage in a directory of the application's choosing, and one user.
 *
 * <p>Run: {@code java ... dev.mailwright.examples.EmbeddedMailServer /tmp/mail-data}
 */
public final class EmbeddedMailServer {

    private EmbeddedMailServer() {}

    /** Builds and starts the server; {@code loopbackPort} 0 picks free ports. */
    public static MailServer start(Path dataDir, String domain, int port) throws IOException {
        Files.createDirectories(dataDir);
        Path config = dataDir.resolve("mailwright.toml");
        Files.writeString(config, """
                hostname = "mail.%1$s"
                domains = ["%1$s"]
                data-dir = "."
                [listen]
                smtp = ["127.0.0.1:%2$d"]
                submission = ["127.0.0.1:%3$d"]
                submission-tls = []
                imap = ["127.0.0.1:%4$d"]
                imap-tls = []
                [checks]
                spf = "ignore"
                """.formatted(domain, port, port == 0 ? 0 : port + 1, port == 0 ? 0 : port + 2));
        MailServer server = MailServer.builder(MailwrightConfig.load(config)).build();
        server.start();
        return server;
    }

    /** Adds a user who can log in to submission and IMAP. */
    public static void addUser(MailServer server, String user, String password) {
        ((FileUserDirectory) server.users()).create(user, password);
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : "embedded-mail");
        MailServer server = start(dataDir, "example.test", 2525);
        if (!server.users().exists("alice@example.test")) {
            addUser(server, "alice@example.test", "change-me");
        }
        System.out.println("mail server running: " + server.addresses() + "; user alice@example.test, password change-me");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(10))));
        Thread.currentThread().join();
    }
}
