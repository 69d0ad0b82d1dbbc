package dev.mailwright.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MailwrightConfigTest {

    @TempDir
    Path dir;

    private MailwrightConfig load(String toml) throws IOException {
        Path file = dir.resolve("mailwright.toml");
        Files.writeString(file, toml);
        return MailwrightConfig.load(file);
    }

    @Test
    void theDocumentedNamesWorkExactlyAsWritten() throws IOException {
        MailwrightConfig config = load("""
                hostname = "mx.example.org"
                domains = ["example.org"]            # the first is the primary domain
                data-dir = "/var/lib/mailwright"
                [tls]
                cert = "/path/fullchain.pem"         # leave out cert and key for a generated self-signed certificate
                key = "/path/privkey.pem"
                [listen]
                smtp = ["0.0.0.0:25"]
                submission = ["0.0.0.0:587"]         # STARTTLS
                submission-tls = ["0.0.0.0:465"]     # implicit TLS
                imap = ["0.0.0.0:143"]               # STARTTLS
                imap-tls = ["0.0.0.0:993"]           # implicit TLS
                [dns]
                servers = ["127.0.0.1:53"]           # default: the system's resolvers
                [delivery]
                remote-port = 25                     # testing knob: the port outbound SMTP connects to
                """);
        assertThat(config.hostname()).isEqualTo("mx.example.org");
        assertThat(config.primaryDomain()).isEqualTo("example.org");
        assertThat(config.dataDir()).isEqualTo(Path.of("/var/lib/mailwright"));
        assertThat(config.tls().certificate()).hasValue(Path.of("/path/fullchain.pem"));
        assertThat(config.tls().key()).hasValue(Path.of("/path/privkey.pem"));
        assertThat(config.listen().smtp()).containsExactly(InetSocketAddress.createUnresolved("0.0.0.0", 25));
        assertThat(config.listen().submission()).containsExactly(InetSocketAddress.createUnresolved("0.0.0.0", 587));
        assertThat(config.listen().submissionTls()).containsExactly(InetSocketAddress.createUnresolved("0.0.0.0", 465));
        assertThat(config.listen().imap()).containsExactly(InetSocketAddress.createUnresolved("0.0.0.0", 143));
        assertThat(config.listen().imapTls()).containsExactly(InetSocketAddress.createUnresolved("0.0.0.0", 993));
        assertThat(config.dns().servers()).containsExactly("127.0.0.1:53");
        assertThat(config.delivery().remotePort()).isEqualTo(25);
    }

    @Test
    void theCommentedSampleLoads() {
        MailwrightConfig config = MailwrightConfig.load(Path.of("../mailwright.toml.sample"));
        assertThat(config.hostname()).isEqualTo("mx.example.org");
        assertThat(config.limits().messageSize()).isEqualTo(32L << 20);
        assertThat(config.queue().lifetime()).isEqualTo(Duration.ofDays(5));
        assertThat(config.checks().dmarc()).isEqualTo(MailwrightConfig.Action.REJECT);
        assertThat(config.dkim().keysDir()).isEqualTo(Path.of("/var/lib/mailwright/dkim"));
    }

    @Test
    void embeddedDefaultsSuitALaptop() {
        MailwrightConfig config = MailwrightConfig.embeddedDefaults(dir);
        assertThat(config.hostname()).isEqualTo("localhost");
        assertThat(config.domains()).containsExactly("localhost");
        assertThat(config.dataDir()).isEqualTo(dir.toAbsolutePath().resolve("mailwright-data"));
        assertThat(config.tls().certificate()).isEmpty();
        assertThat(config.listen().smtp()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 2525));
        assertThat(config.listen().submission()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 5870));
        assertThat(config.listen().submissionTls()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 4650));
        assertThat(config.listen().imap()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 1430));
        assertThat(config.listen().imapTls()).containsExactly(InetSocketAddress.createUnresolved("127.0.0.1", 9930));
    }

    @Test
    void fileDefaultsAreAServersStandardPortsAndRelativePathsFollowTheFile() throws IOException {
        MailwrightConfig config = load("""
                hostname = "MX.Example.ORG."
                domains = ["example.org", "bücher.example"]
                data-dir = "data"
                [listen]
                imap = []
                lmtp = ["[::1]:24"]
                proxy-protocol = ["smtp"]
                """);
        assertThat(config.hostname()).isEqualTo("mx.example.org");
        assertThat(config.domains()).containsExactly("example.org", "xn--bcher-kva.example");
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.listen().smtp()).containsExactly(InetSocketAddress.createUnresolved("0.0.0.0", 25));
        assertThat(config.listen().imap()).isEmpty();
        assertThat(config.listen().lmtp()).containsExactly(InetSocketAddress.createUnresolved("::1", 24));
        assertThat(config.listen().proxyProtocol()).containsExactly("smtp");
    }

    static Stream<Arguments> badSettings() {
        String base = "hostname = 'mx.example.org'\ndomains = ['example.org']\n";
        return Stream.of(
            Arguments.of("hostname = 'mx.example.org'\ndomains = []",
                    "domains: at least one domain is needed"),
            Arguments.of("domains = ['example.org']",
                    "hostname: is required"),
            Arguments.of("hostname = 'bad host'\ndomains = ['example.org']",
                    "hostname: 'bad host' is not a valid domain name"),
            Arguments.of(base + "hostnme = 'x'",
                    "unknown setting 'hostnme'"),
            Arguments.of(base + "[listen]\nsmtp = ['0.0.0.0']",
                    "listen.smtp: '0.0.0.0' is not host:port"),
            Arguments.of(base + "[listen]\nsmtp = ['::1:25']",
                    "listen.smtp: '::1:25': write IPv6 addresses in brackets, as [::1]:25"),
            Arguments.of(base + "[listen]\nsmtpp = ['0.0.0.0:25']",
                    "unknown setting 'listen.smtpp'"),
            Arguments.of(base + "[tls]\ncert = '/a.pem'",
                    "tls.key: cert and key go together: give both or neither"),
            Arguments.of(base + "[delivery]\nremote-port = 70000",
                    "delivery.remote-port: must be between 1 and 65535, not 70000"),
            Arguments.of(base + "[delivery]\nremote-port = '25'",
                    "delivery.remote-port: must be a whole number"),
            Arguments.of(base + "[checks]\nspf = 'block'",
                    "checks.spf: must be one of reject, quarantine, ignore, not 'block'"),
            Arguments.of(base + "[queue]\nlifetime = '5 days'",
                    "queue.lifetime: must be a duration such as"),
            Arguments.of(base + "[limits]\nmessage-size = 'big'",
                    "limits.message-size: must be a size such as"),
            Arguments.of(base + "[storage]\nbackend = 'postgres'",
                    "storage.postgres.url: is required when storage.backend is \"postgres\""),
            Arguments.of(base + "[[rewrite.regexp]]\nmatch = '('\nreplace = 'x'",
                    "rewrite.regexp[0].match: not a valid regular expression"),
            Arguments.of(base + "[listen]\nproxy-protocol = ['pop3']",
                    "listen.proxy-protocol: 'pop3' is not a listener"),
            Arguments.of(base + "[dkim]\nselector = 'a b'",
                    "dkim.selector: 'a b' is not a valid DNS label"),
            Arguments.of(base + "[listen]\nproxy-trusted = ['lb.example.org']",
                    "listen.proxy-trusted: 'lb.example.org' is not an address or address/prefix"),
            Arguments.of("hostname = = 'x'",
                    "not valid TOML"));
    }

    @ParameterizedTest
    @MethodSource("badSettings")
    void badSettingsFailWithOneLineNamingTheSetting(String toml, String expected) {
        assertThatThrownBy(() -> load(toml.replace('\'', '"')))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).contains(expected).doesNotContain("\n");
                    assertThat(e.getMessage()).startsWith(dir.resolve("mailwright.toml").toString() + ": ");
                });
    }

    @Test
    void missingFileIsOneLine() {
        assertThatThrownBy(() -> MailwrightConfig.load(dir.resolve("nope.toml")))
                .hasMessage(dir.resolve("nope.toml") + ": no such file");
    }

    @Test
    void sizesAndDurations() throws IOException {
        MailwrightConfig config = load("""
                hostname = "mx.example.org"
                domains = ["example.org"]
                [limits]
                message-size = "10 MiB"
                [storage]
                quota = "2G"
                [queue]
                first-retry = "90s"
                max-retry = "2h"
                lifetime = "3d"
                """);
        assertThat(config.limits().messageSize()).isEqualTo(10L << 20);
        assertThat(config.storage().quota()).isEqualTo(2L << 30);
        assertThat(config.queue().firstRetry()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.queue().maxRetry()).isEqualTo(Duration.ofHours(2));
        assertThat(config.queue().lifetime()).isEqualTo(Duration.ofDays(3));
    }
}
