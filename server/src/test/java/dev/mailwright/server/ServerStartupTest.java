package dev.mailwright.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.server.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the server checks and cleans when it starts, and limits that span transactions. */
class ServerStartupTest {

    @TempDir
    Path dir;

    private final ZoneFileResolver dns = ZoneFileResolver.builder().build();

    @Test
    void badAliasesStopTheStart() throws Exception {
        assertThatThrownBy(() -> MailServer.builder(TestServers.config(dir, "mx.example.org", "example.org", """
                [rewrite.aliases]
                "info@example.org" = ["bob@@example.org"]
                """)).dns(dns).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("rewrite.aliases: target 'bob@@example.org' of alias 'info@example.org' is not an address");
        assertThatThrownBy(() -> MailServer.builder(TestServers.config(dir, "mx.example.org", "example.org", """
                [rewrite.aliases]
                "info@elsewhere.example" = ["bob@example.org"]
                """)).dns(dns).build())
                .hasMessage("rewrite.aliases: alias 'info@elsewhere.example' is not in a local domain");
        Files.writeString(dir.resolve("aliases"), "sales: not an address\n");
        assertThatThrownBy(() -> MailServer.builder(TestServers.config(dir, "mx.example.org", "example.org", """
                [rewrite]
                aliases-file = "aliases"
                """)).dns(dns).build())
                .hasMessageStartingWith("rewrite.aliases-file: " + dir.resolve("aliases") + " line 1: target 'not an address'");
    }

    @Test
    void leftoverSpoolFilesAreRemoved() throws Exception {
        Path spool = Files.createDirectories(dir.resolve("data/spool"));
        Path leftover = Files.writeString(spool.resolve("mailwright-123.eml"), "half a message");
        MailServer server = MailServer.builder(TestServers.config(dir, "mx.example.org", "example.org", "")).dns(dns).build();
        assertThat(leftover).doesNotExist();
        server.stop(Duration.ZERO);
    }

    @Test
    void theRateLimitCountsMessagesNotMailCommands() throws Exception {
        MailServer server = TestServers.start(TestServers.config(dir, "mx.example.org", "example.org", """
                [checks]
                spf = "ignore"
                messages-per-ip-per-hour = 1
                """), dns);
        try {
            TestServers.addUser(server, "bob@example.org", "pw");
            try (RawSmtp smtp = new RawSmtp(server.address("smtp"))) {
                smtp.send("EHLO client.example.net");
                assertThat(smtp.send("MAIL FROM:<carol@example.net>")).startsWith("250");
                assertThat(smtp.send("RSET")).startsWith("250");
                assertThat(smtp.send("MAIL FROM:<carol@example.net>")).startsWith("250");
                assertThat(smtp.send("RCPT TO:<bob@example.org>")).startsWith("250");
                assertThat(smtp.send("RCPT TO:<bob@example.org>")).startsWith("250");
                assertThat(smtp.send("RSET")).startsWith("250");
                assertThat(smtp.send("MAIL FROM:<carol@example.net>")).startsWith("250");
                assertThat(smtp.send("RCPT TO:<bob@example.org>")).startsWith("451 4.7.0");
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
