package dev.mailwright.smtp;

import dev.mailwright.core.tls.SelfSignedCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Servers for tests in other packages: each listener gets its own server, all stopped by {@link #close()}. */
public final class TestServers implements AutoCloseable {

    public static final SelfSignedCertificate CERTIFICATE = ServerFixture.CERTIFICATE;

    public final Backend backend = new Backend();
    private final List<ServerFixture> fixtures = new ArrayList<>();

    /** Starts a server with the recording backend, the test users and the test certificate. */
    public InetSocketAddress start(SmtpListener listener) throws IOException {
        ServerFixture fixture = new ServerFixture();
        fixtures.add(fixture);
        return fixture.start(ServerFixture.server(backend.recording).userDirectory(ServerFixture.users()).listener(listener)).get(0);
    }

    @Override
    public void close() {
        fixtures.forEach(ServerFixture::close);
    }

    /** The recording backend, as seen from other packages. */
    public static final class Backend {
        final RecordingBackend recording = new RecordingBackend();
        /** What the sessions answer to each message. */
        public void dataResult(java.util.function.Function<dev.mailwright.core.Envelope, dev.mailwright.smtp.spi.DataResult> result) {
            recording.dataResult = result;
        }

        public Message next() throws InterruptedException {
            RecordingBackend.Received r = recording.next();
            return new Message(r.envelope(), r.session(), r.body());
        }

        public String nextBody() throws InterruptedException {
            return next().body();
        }
    }

    /** A received message. */
    public record Message(dev.mailwright.core.Envelope envelope, dev.mailwright.core.SessionInfo session, String body) {
    }
}
