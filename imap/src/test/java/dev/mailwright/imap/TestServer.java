package dev.mailwright.imap;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.store.memory.InMemoryMailStore;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.core.tls.ServerTls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** An IMAP server on loopback over an in-memory store, with alice and bob, for tests. */
final class TestServer implements AutoCloseable {

    static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate("localhost");
    static final ServerTls TLS = ServerTls.of(CERTIFICATE.certifiedKey());
    static final Map<String, String> PASSWORDS = Map.of("alice", "secret", "bob", "hunter2");

    final MailStore store;
    final ImapServer server;
    final List<InetSocketAddress> addresses;

    private TestServer(MailStore store, ImapServer server) throws IOException {
        this.store = store;
        this.server = server;
        this.addresses = server.start();
    }

    /** A plaintext listener that allows LOGIN, then a STARTTLS one and an implicit-TLS one. */
    static TestServer start() throws IOException {
        return start(b -> b);
    }

    static TestServer start(UnaryOperator<ImapServer.Builder> customize) throws IOException {
        MailStore store = new InMemoryMailStore();
        store.provision("alice");
        store.provision("bob");
        ImapServer.Builder b = ImapServer.builder()
                .store(store)
                .authenticator((user, password, client) ->
                        password.equals(PASSWORDS.get(user)) ? Optional.of(user) : Optional.empty())
                .tls(TLS)
                .loginWithoutTls(true)
                .workerThreads(4)
                .limits(ImapLimits.builder().authFailureDelay(Duration.ofMillis(10), Duration.ofMillis(100)).build())
                .listener(ImapListener.loopback(TlsMode.NONE).build())
                .listener(ImapListener.loopback(TlsMode.STARTTLS).build())
                .listener(ImapListener.loopback(TlsMode.IMPLICIT).build());
        return new TestServer(store, customize.apply(b).build());
    }

    InetSocketAddress plain() {
        return addresses.get(0);
    }

    InetSocketAddress startTls() {
        return addresses.get(1);
    }

    InetSocketAddress implicitTls() {
        return addresses.get(2);
    }

    /** Appends a message to a user's mailbox, as delivery would. */
    long deliver(String user, String mailbox, String message, String... flags) {
        try (UserMail mail = store.open(user)) {
            return mail.append(MailboxName.of(mailbox), MessageContent.of(message.getBytes(StandardCharsets.UTF_8)),
                    Flags.of(flags), Instant.parse("2024-03-01T10:15:30Z")).uid();
        }
    }

    static String message(String subject) {
        return "From: Carol <carol@example.net>\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nDate: Fri, 1 Mar 2024 10:15:30 +0000\r\nMessage-ID: <" + Math.abs(subject.hashCode())
                + "@example.net>\r\n\r\nHello " + subject + ".\r\n";
    }

    @Override
    public void close() {
        server.stop(Duration.ofMillis(200));
        store.close();
    }
}
