package dev.mailwright.imap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad configuration fails in build() with one line naming the setting. */
class ImapServerBuilderTest {

    private static ImapServer.Builder valid() {
        return ImapServer.builder().store(new InMemoryMailStore()).authenticator((u, p, a) -> Optional.empty())
                .tls(TestServer.TLS).listener(ImapListener.loopback(TlsMode.IMPLICIT).build());
    }

    @Test
    void requiredSettings() {
        assertThatThrownBy(() -> ImapServer.builder().authenticator((u, p, a) -> Optional.empty())
                .listener(ImapListener.loopback(TlsMode.NONE).build()).loginWithoutTls(true).build())
                .hasMessage("imap: store is required");
        assertThatThrownBy(() -> ImapServer.builder().store(new InMemoryMailStore()).build())
                .hasMessage("imap: users or authenticator is required");
        assertThatThrownBy(() -> ImapServer.builder().store(new InMemoryMailStore()).authenticator((u, p, a) -> Optional.empty()).build())
                .hasMessage("imap: at least one listener is required");
    }

    @Test
    void listenersMustBeUsable() {
        assertThatThrownBy(() -> ImapServer.builder().store(new InMemoryMailStore()).authenticator((u, p, a) -> Optional.empty())
                .listener(ImapListener.loopback(TlsMode.STARTTLS).build()).build())
                .hasMessageStartingWith("imap: listener imap ").hasMessageEndingWith("needs tls(...)");
        assertThatThrownBy(() -> valid().listener(ImapListener.loopback(TlsMode.NONE).build()).build())
                .hasMessageEndingWith("has no TLS and loginWithoutTls is off, so nobody could log in there");
        assertThatThrownBy(() -> ImapListener.loopback(TlsMode.NONE).connectionLimits(0, 1).build())
                .hasMessageEndingWith("connection limits must be at least 1");
    }

    @Test
    void limitsAreChecked() {
        assertThatThrownBy(() -> ImapLimits.builder().maxLineLength(100).build())
                .hasMessageStartingWith("imap limits: maxLineLength must be at least 1000");
        assertThatThrownBy(() -> ImapLimits.builder().appendLimit(0).build())
                .hasMessageStartingWith("imap limits: appendLimit");
        assertThatThrownBy(() -> ImapLimits.builder().idleTimeout(Duration.ZERO).build())
                .hasMessage("imap limits: idleTimeout must be at least one second");
        assertThatThrownBy(() -> valid().greeting("two\r\nlines").build()).hasMessage("imap: greeting must be one line of text");
    }
}
