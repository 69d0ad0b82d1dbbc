package dev.mailwright.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.core.tls.ServerTls;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NetServerTest {

    private static final SelfSignedCertificate CERTIFICATE = SelfSignedCertificate.generate("localhost");
    private static final ServerTls SERVER_TLS = ServerTls.of(CERTIFICATE.certifiedKey());
    private static final SSLContext CLIENT_TLS = CERTIFICATE.clientContext();

    private NetServer server;
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch idled = new CountDownLatch(1);
    private final CountDownLatch shutdownAsked = new CountDownLatch(1);

    /** A line protocol: "echo" answers each line, STARTTLS upgrades, BIG streams bytes. */
    private final ConnectionHandler echo = new ConnectionHandler() {
        @Override
        public void connected(Connection c) {
            c.write("hello " + c.remoteAddress().getAddress().getHostAddress() + ":" + c.remoteAddress().getPort() + "\r\n");
        }

        @Override
        public void received(Connection c) {
            Input.Line line;
            while ((line = c.input().readLine(100)) != null) {
                String text = line.tooLong() ? "<too long>" : line.latin1();
                seen.add(text);
                if (text.equals("STARTTLS")) {
                    c.startTls("go ahead\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                if (text.equals("COMPRESS")) {
                    c.startCompression("compressing\r\n".getBytes(StandardCharsets.US_ASCII));
                    continue;
                }
                if (text.startsWith("BIG ")) {
                    byte[] data = new byte[Integer.parseInt(text.substring(4))];
                    new Random(7).nextBytes(data);
                    try {
                        c.writeStream(new ByteArrayInputStream(data));
                    } catch (IOException e) {
                        c.closeNow();
                    }
                    continue;
                }
                c.write("echo " + text + (c.isSecure() ? " (tls)" : "") + "\r\n");
            }
        }

        @Override
        public void idle(Connection c) {
            idled.countDown();
            c.write("bye idle\r\n");
            c.close();
        }

        @Override
        public void shutdown(Connection c) {
            shutdownAsked.countDown();
            c.write("bye shutdown\r\n");
            c.close();
        }

        @Override
        public void closed(Connection c) {
            closed.countDown();
        }
    };

    private InetSocketAddress start(NetServer.Config.Builder builder) throws IOException {
        server = builder.build();
        return server.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofMillis(100));
        }
    }

    private static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5000);
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            this.out = socket.getOutputStream();
        }

        Client(InetSocketAddress address) throws IOException {
            this(new Socket(address.getAddress(), address.getPort()));
        }

        void send(String s) throws IOException {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String line() throws IOException {
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void echoesLinesInOrderIncludingPipelinedOnes() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).name("t"));
        try (Client client = new Client(address)) {
            assertThat(client.line()).startsWith("hello 127.0.0.1:");
            client.send("one\r\ntwo\r\nthree\r\n");
            assertThat(client.line()).isEqualTo("echo one");
            assertThat(client.line()).isEqualTo("echo two");
            assertThat(client.line()).isEqualTo("echo three");
            client.send("x".repeat(500) + "\r\nafter\r\n");
            assertThat(client.line()).isEqualTo("echo <too long>");
            assertThat(client.line()).isEqualTo("echo after");
        }
        assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void startTlsDiscardsPipelinedPlaintext() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).tls(TlsMode.STARTTLS, SERVER_TLS::sslContext));
        try (Client plain = new Client(address)) {
            plain.line();
            // The injection: a command in the same packet as STARTTLS.
            plain.send("STARTTLS\r\nINJECTED\r\n");
            assertThat(plain.line()).isEqualTo("go ahead");
            SSLSocket tls = (SSLSocket) CLIENT_TLS.getSocketFactory()
                    .createSocket(plain.socket, "localhost", address.getPort(), true);
            tls.startHandshake();
            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            try (Client secure = new Client(tls)) {
                secure.send("after\r\n");
                assertThat(secure.line()).isEqualTo("echo after (tls)");
            }
        }
        assertThat(seen).containsExactly("STARTTLS", "after");
    }

    @Test
    void compressionDeflatesBothDirectionsInsideTls() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).tls(TlsMode.IMPLICIT, SERVER_TLS::sslContext));
        SSLSocket tls = (SSLSocket) CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        tls.setSoTimeout(5000);
        try (tls) {
            java.io.InputStream raw = tls.getInputStream();
            OutputStream out = tls.getOutputStream();
            assertThat(readLine(raw)).startsWith("hello ");
            out.write("COMPRESS\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(raw)).isEqualTo("compressing");
            java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
            java.io.InputStream in = new java.util.zip.InflaterInputStream(raw, new java.util.zip.Inflater(true));
            for (String line : List.of("one", "two", "x".repeat(80))) {
                deflater.setInput((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
                byte[] buffer = new byte[1024];
                int n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
                out.flush();
                assertThat(readLine(in)).isEqualTo("echo " + line + " (tls)");
            }
        }
        assertThat(seen).containsExactly("COMPRESS", "one", "two", "x".repeat(80));
    }

    private static String readLine(java.io.InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    @Test
    void implicitTlsFromTheFirstByte() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).tls(TlsMode.IMPLICIT, SERVER_TLS::sslContext));
        SSLSocket socket = (SSLSocket) CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        try (Client client = new Client(socket)) {
            assertThat(client.line()).startsWith("hello ");
            client.send("secret\r\n");
            assertThat(client.line()).isEqualTo("echo secret (tls)");
        }
    }

    @Test
    void oldTlsVersionsAreRefused() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).tls(TlsMode.IMPLICIT, SERVER_TLS::sslContext));
        SSLSocket socket = (SSLSocket) CLIENT_TLS.getSocketFactory().createSocket(address.getAddress(), address.getPort());
        socket.setSoTimeout(5000);
        socket.setEnabledProtocols(new String[] {"TLSv1.1"});
        try (socket) {
            org.assertj.core.api.Assertions.assertThatThrownBy(socket::startHandshake).isInstanceOf(IOException.class);
        }
    }

    @Test
    void startTlsIsNotOfferedWithoutTlsMode() throws Exception {
        ConnectionHandler probe = new ConnectionHandler() {
            @Override
            public void connected(Connection c) {
                c.write("can start tls: " + c.canStartTls() + "\r\n");
            }

            @Override
            public void received(Connection c) {}
        };
        InetSocketAddress address = start(NetServer.builder(probe));
        try (Client client = new Client(address)) {
            assertThat(client.line()).isEqualTo("can start tls: false");
        }
    }

    @Test
    void proxyHeaderNamesTheRealClient() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).proxyProtocol(true));
        try (Client client = new Client(address)) {
            client.send("PROXY TCP4 192.0.2.10 198.51.100.1 56324 25\r\nfirst\r\n");
            assertThat(client.line()).isEqualTo("hello 192.0.2.10:56324");
            assertThat(client.line()).isEqualTo("echo first");
        }
    }

    @Test
    void proxyHeaderBeforeImplicitTls() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).proxyProtocol(true).tls(TlsMode.IMPLICIT, SERVER_TLS::sslContext));
        Socket raw = new Socket(address.getAddress(), address.getPort());
        raw.getOutputStream().write("PROXY TCP6 2001:db8::5 2001:db8::1 4000 993\r\n".getBytes(StandardCharsets.US_ASCII));
        SSLSocket tls = (SSLSocket) CLIENT_TLS.getSocketFactory().createSocket(raw, "localhost", address.getPort(), true);
        try (Client client = new Client(tls)) {
            assertThat(client.line()).isEqualTo("hello 2001:db8:0:0:0:0:0:5:4000");
        }
    }

    @Test
    void onlyTrustedProxiesMayConnectWhenProxyHeadersAreExpected() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).proxyProtocol(java.util.List.of(AddressRange.parse("192.0.2.0/24"))));
        try (Client client = new Client(address)) {
            client.send("PROXY TCP4 198.51.100.7 198.51.100.1 56324 25\r\nfirst\r\n");
            assertThat(client.line()).isNull();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void garbageInsteadOfProxyHeaderClosesTheConnection() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).proxyProtocol(true));
        try (Client client = new Client(address)) {
            client.send("EHLO attacker.example\r\n");
            assertThat(client.line()).isNull();
        }
        assertThat(seen).isEmpty();
    }

    @Test
    void proxyHeaderIsJustALineWhenProxyProtocolIsOff() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo));
        try (Client client = new Client(address)) {
            client.line();
            client.send("PROXY TCP4 192.0.2.10 198.51.100.1 56324 25\r\n");
            assertThat(client.line()).isEqualTo("echo PROXY TCP4 192.0.2.10 198.51.100.1 56324 25");
        }
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo)
                .connectionLimits(10, 2, "busy\r\n".getBytes(StandardCharsets.US_ASCII)));
        try (Client a = new Client(address); Client b = new Client(address)) {
            assertThat(a.line()).startsWith("hello");
            assertThat(b.line()).startsWith("hello");
            try (Client c = new Client(address)) {
                assertThat(c.line()).isEqualTo("busy");
                assertThat(c.line()).isNull();
            }
        }
        // Slots free up again when connections end.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        try (Client again = new Client(address)) {
            assertThat(again.line()).startsWith("hello");
        }
    }

    @Test
    void aConnectionRefusedByTheLimitsIsNeverReportedToTheHandler() throws Exception {
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch closedOnce = new CountDownLatch(1);
        ConnectionHandler counting = new ConnectionHandler() {
            @Override
            public void connected(Connection c) {
                calls.add("connected");
                c.write("hello\r\n");
            }

            @Override
            public void received(Connection c) {
                calls.add("received");
            }

            @Override
            public void closed(Connection c) {
                calls.add("closed");
                closedOnce.countDown();
            }
        };
        InetSocketAddress address = start(NetServer.builder(counting)
                .connectionLimits(10, 1, "busy\r\n".getBytes(StandardCharsets.US_ASCII)));
        try (Client a = new Client(address)) {
            assertThat(a.line()).isEqualTo("hello");
            try (Client refused = new Client(address)) {
                assertThat(refused.line()).isEqualTo("busy");
                assertThat(refused.line()).isNull();
            }
        }
        assertThat(closedOnce.await(5, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.connectionCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(calls).containsExactly("connected", "closed");
    }

    @Test
    void idleConnectionsAreToldAndClosed() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo).idleTimeout(Duration.ofSeconds(1)));
        try (Client client = new Client(address)) {
            client.line();
            assertThat(client.line()).isEqualTo("bye idle");
            assertThat(client.line()).isNull();
        }
        assertThat(idled.getCount()).isZero();
    }

    @Test
    void largeOutputIsStreamedIntact() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo));
        int size = 3_000_000;
        byte[] expected = new byte[size];
        new Random(7).nextBytes(expected);
        try (Client client = new Client(address)) {
            client.line();
            client.send("BIG " + size + "\r\n");
            byte[] got = client.socket.getInputStream().readNBytes(size);
            assertThat(got).isEqualTo(expected);
        }
    }

    @Test
    void floodOfInputIsReadCompletelyThroughBackpressure() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long[] total = new long[1];
        ConnectionHandler slow = new ConnectionHandler() {
            @Override
            public void connected(Connection c) {}

            @Override
            public void received(Connection c) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                total[0] += c.input().read(8192).length;
                if (total[0] == 4_000_000) {
                    done.countDown();
                }
                if (c.input().available() > 0) {
                    c.continueReading();
                }
            }
        };
        InetSocketAddress address = start(NetServer.builder(slow).maxBufferedInput(64 * 1024));
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            // Written from another thread, so that a server that stops reading fails the test instead of hanging it.
            Thread writer = new Thread(() -> {
                try {
                    socket.getOutputStream().write(new byte[4_000_000]);
                } catch (IOException ignored) {
                    // The assertions below report the failure.
                }
            });
            writer.start();
            boolean ok = done.await(10, TimeUnit.SECONDS);
            assertThat(total[0]).isEqualTo(4_000_000);
            assertThat(ok).isTrue();
            writer.join(5000);
        }
    }

    @Test
    void stopAsksHandlersToFinishThenCloses() throws Exception {
        InetSocketAddress address = start(NetServer.builder(echo));
        try (Client client = new Client(address)) {
            client.line();
            server.stop(Duration.ofSeconds(2));
            assertThat(client.line()).isEqualTo("bye shutdown");
            assertThat(client.line()).isNull();
            assertThat(shutdownAsked.getCount()).isZero();
            server = null;
        }
        try (Socket refused = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> refused.connect(address, 1000))
                    .isInstanceOf(IOException.class);
        }
    }
}
