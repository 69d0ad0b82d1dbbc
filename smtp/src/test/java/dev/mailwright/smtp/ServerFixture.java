package dev.mailwright.smtp;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.core.user.InMemoryUserDirectory;
import dev.mailwright.core.user.PasswordHasher;
import dev.mailwright.smtp.spi.SmtpBackend;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/** Starts servers for tests on free loopback ports and stops them afterwards. */
final class ServerFixture implements AutoCloseable {

    static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate(
            List.of("localhost", "127.0.0.1"), Duration.ofDays(1), Clock.systemUTC());
    static final ServerTls SERVER_TLS = ServerTls.of(CERTIFICATE.certifiedKey());
    static final SSLContext CLIENT_TLS = CERTIFICATE.clientContext();

    private SmtpServer server;

    /** A user directory with alice (password "secret") and bob. */
    static InMemoryUserDirectory users() {
        // Small hashing parameters: tests check the protocol, not the hash's cost.
        InMemoryUserDirectory users = new InMemoryUserDirectory(
                PasswordHasher.builder().memoryKiB(1024).iterations(1).build());
        users.create("alice", "secret");
        users.create("bob", "hunter2");
        return users;
    }

    static SmtpListener.Builder listener(ListenerRole role) {
        return SmtpListener.builder(role);
    }

    static SmtpServer.Builder server(SmtpBackend backend) {
        return SmtpServer.builder(backend).hostname("mx.test").tls(SERVER_TLS).workerThreads(4).ioThreads(1)
                .authFailureDelays(Duration.ZERO, Duration.ZERO);
    }

    List<InetSocketAddress> start(SmtpServer.Builder builder) throws IOException {
        server = builder.build();
        return server.start();
    }

    InetSocketAddress start(SmtpBackend backend, SmtpListener listener) throws IOException {
        return start(server(backend).listener(listener)).get(0);
    }

    InetSocketAddress startMx(SmtpBackend backend) throws IOException {
        return start(backend, listener(ListenerRole.MX).tlsMode(TlsMode.STARTTLS).build());
    }

    SmtpServer server() {
        return server;
    }

    void forget() {
        server = null;
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(Duration.ofMillis(200));
        }
    }
}
