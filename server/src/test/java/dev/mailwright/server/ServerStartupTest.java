package dev.mailwright.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.MxRecord;
import dev.mailwright.core.dns.TlsaRecord;
import dev.mailwright.core.dns.TxtRecord;
import dev.mailwright.core.dns.ZoneFileResolver;
import dev.mailwright.server.config.ConfigException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
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

    @Test
    void silentDnsCostsA451NotTheServer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        DnsResolver stalled = new StalledResolver(release);
        MailServer server = TestServers.start(TestServers.config(dir, "mx.example.org", "example.org", """
                [checks]
                timeout = "1s"
                """), stalled);
        try {
            try (RawSmtp smtp = new RawSmtp(server.address("smtp"))) {
                smtp.send("EHLO client.example.net");
                assertThat(smtp.send("MAIL FROM:<carol@example.net>")).startsWith("451 4.4.3");
                // The connection and the server go on: the next client is greeted and served at once.
                try (RawSmtp other = new RawSmtp(server.address("smtp"))) {
                    assertThat(other.send("NOOP")).startsWith("250");
                }
            }
        } finally {
            release.countDown();
            server.stop(Duration.ofSeconds(1));
        }
    }

    /** Name servers that never answer, until released. */
    private static final class StalledResolver implements DnsResolver {
        private final CountDownLatch release;

        StalledResolver(CountDownLatch release) {
            this.release = release;
        }

        private <T> DnsResult<T> hang(String name) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return DnsResult.temporaryFailure(name, "timeout");
        }

        @Override
        public DnsResult<TxtRecord> txt(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<MxRecord> mx(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<Inet4Address> a(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<Inet6Address> aaaa(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<TlsaRecord> tlsa(String name) {
            return hang(name);
        }

        @Override
        public DnsResult<String> ptr(InetAddress address) {
            return hang(address.getHostAddress());
        }
    }
}
