package dev.mailwright.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyManagementException;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerTlsTest {

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));

    @ParameterizedTest
    @CsvSource({
        "EC,      TLSv1.3",
        "EC,      TLSv1.2",
        "RSA,     TLSv1.3",
        "RSA,     TLSv1.2",
        "Ed25519, TLSv1.3",
        "Ed25519, TLSv1.2",
    })
    void handshakesWithEachKeyType(String keyType, String protocol) throws Exception {
        KeyPair keys = switch (keyType) {
            case "EC" -> TestPki.ec();
            case "RSA" -> TestPki.rsa();
            default -> TestPki.ed25519();
        };
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        ServerTls tls = ServerTls.of(CertifiedKey.of(keys.getPrivate(), List.of(chain.leaf(), chain.intermediate())));

        SSLEngine client = clientEngine(TestPki.clientTrusting(chain.root()), "mx.example.org");
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = tls.newServerEngine();
        assertThat(EngineHandshake.run(client, server)).isEqualTo(protocol);
        assertThat(client.getSession().getPeerCertificates()).containsExactly(chain.leaf(), chain.intermediate());
        assertThat(tls.cipherSuites()).contains(client.getSession().getCipherSuite());
    }

    @Test
    void prefersTls13() throws Exception {
        KeyPair keys = TestPki.ec();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        ServerTls tls = ServerTls.of(CertifiedKey.of(keys.getPrivate(), List.of(chain.leaf(), chain.intermediate())));
        SSLEngine client = clientEngine(TestPki.clientTrusting(chain.root()), "mx.example.org");
        client.setEnabledProtocols(new String[] {"TLSv1.2", "TLSv1.3"});
        assertThat(EngineHandshake.run(client, tls.newServerEngine())).isEqualTo("TLSv1.3");
        assertThat(client.getSession().getCipherSuite()).isEqualTo("TLS_AES_128_GCM_SHA256");
    }

    @Test
    void everyEngineAndSocketIsRestricted() throws Exception {
        ServerTls tls = ServerTls.of(SelfSignedCertificate.generate("localhost").certifiedKey());
        SSLContext context = tls.sslContext();

        String[] expectedSuites = tls.cipherSuites().toArray(new String[0]);
        assertThat(tls.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(expectedSuites).startsWith("TLS_AES_128_GCM_SHA256").allMatch(s -> s.contains("GCM") || s.contains("CHACHA20"))
                .noneMatch(s -> s.contains("_CBC_") || s.contains("_RSA_WITH_") && !s.contains("HE_RSA_WITH_"));
        for (SSLEngine engine : new SSLEngine[] {context.createSSLEngine(), context.createSSLEngine("peer", 25),
                tls.newServerEngine(), tls.newServerEngine("peer", 587)}) {
            assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(engine.getEnabledCipherSuites()).containsExactly(expectedSuites);
            assertThat(engine.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
        }
        assertThat(tls.newServerEngine().getUseClientMode()).isFalse();
        assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
        try (SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0)) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
            assertThat(socket.getEnabledCipherSuites()).containsExactly(expectedSuites);
        }
        assertThatThrownBy(() -> context.init(null, null, null)).isInstanceOf(KeyManagementException.class);
    }

    /**
     * A hand-made ClientHello that offers only an old protocol version (RFC 8446 §4.1.2: no
     * supported_versions extension, legacy_version as given). The server must answer with a
     * fatal protocol_version alert (70); the same bytes with version 1.2 get a ServerHello,
     * which shows that the version alone decides.
     */
    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302})
    void refusesClientsThatOnlySpeakOldProtocols(int version) throws Exception {
        ServerTls tls = ServerTls.of(SelfSignedCertificate.generate("localhost").certifiedKey());
        SSLEngine server = tls.newServerEngine();
        ByteBuffer out = ByteBuffer.allocate(server.getSession().getPacketBufferSize());
        ByteBuffer in = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());

        server.unwrap(ByteBuffer.wrap(clientHello(version)), in);
        runTasks(server);
        // The JDK decides in a delegated task and reports on the next wrap, which then sends the alert.
        assertThatThrownBy(() -> server.wrap(ByteBuffer.allocate(0), out)).isInstanceOf(SSLHandshakeException.class);
        server.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        assertThat(out.get(0)).as("record type alert").isEqualTo((byte) 21);
        assertThat(out.get(5)).as("fatal").isEqualTo((byte) 2);
        assertThat(out.get(6)).as("protocol_version").isEqualTo((byte) 70);
    }

    @Test
    void answersTheSameHelloWithTls12() throws Exception {
        ServerTls tls = ServerTls.of(SelfSignedCertificate.generate("localhost").certifiedKey());
        SSLEngine server = tls.newServerEngine();
        ByteBuffer out = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 2);
        ByteBuffer in = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        server.unwrap(ByteBuffer.wrap(clientHello(0x0303)), in);
        runTasks(server);
        server.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        assertThat(out.get(0)).as("record type handshake").isEqualTo((byte) 22);
        assertThat(out.get(5)).as("ServerHello").isEqualTo((byte) 2);
        assertThat(new byte[] {out.get(9), out.get(10)}).as("server_version").containsExactly(3, 3);
    }

    @Test
    void servesOverAServerSocketOnLoopback() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate("localhost");
        ServerTls tls = ServerTls.of(certificate.certifiedKey());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (SSLServerSocket listener = (SSLServerSocket) tls.sslContext().getServerSocketFactory()
                .createServerSocket(0, 5, loopback)) {
            listener.setSoTimeout(10_000);
            CompletableFuture<String> served = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.setSoTimeout(10_000);
                    InputStream in = accepted.getInputStream();
                    byte[] line = in.readNBytes(5);
                    accepted.getOutputStream().write(("got " + new String(line, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
                    accepted.getOutputStream().flush();
                    return accepted.getSession().getProtocol();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) certificate.clientContext().getSocketFactory().createSocket()) {
                client.connect(new InetSocketAddress(loopback, listener.getLocalPort()), 10_000);
                client.setSoTimeout(10_000);
                OutputStream out = client.getOutputStream();
                out.write("hello".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                assertThat(new String(client.getInputStream().readNBytes(9), StandardCharsets.US_ASCII)).isEqualTo("got hello");
                assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
            }
            assertThat(served.get(10, TimeUnit.SECONDS)).isEqualTo("TLSv1.3");
        }
    }

    @Test
    void reloadsRenewedFilesAfterTheInterval() throws Exception {
        TestPki.Chain first = pki.chain(TestPki.ec(), "mx.example.org");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        install(cert, TestPki.pem(first.leaf(), first.intermediate()));
        install(key, TestPki.pkcs8(first.leafKeys().getPrivate()));
        ServerTls tls = ServerTls.builder().files(cert, key).clock(clock).build();
        SSLContext context = tls.sslContext();
        assertThat(served(tls, first)).isEqualTo(first.leaf());

        TestPki.Chain second = pki.chain(TestPki.rsa(), "mx.example.org");
        install(cert, TestPki.pem(second.leaf(), second.intermediate()));
        install(key, TestPki.pkcs8(second.leafKeys().getPrivate()));
        clock.advance(Duration.ofSeconds(59));
        assertThat(served(tls, first)).as("not checked before the interval").isEqualTo(first.leaf());

        clock.advance(Duration.ofSeconds(1));
        assertThat(served(tls, second)).isEqualTo(second.leaf());
        assertThat(tls.certifiedKey().chain()).containsExactly(second.leaf(), second.intermediate());
        assertThat(tls.sslContext()).isSameAs(context);
    }

    @Test
    void keepsServingWhenTheNewFilesAreBroken() throws Exception {
        TestPki.Chain first = pki.chain(TestPki.ec(), "mx.example.org");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        install(cert, TestPki.pem(first.leaf(), first.intermediate()));
        install(key, TestPki.pkcs8(first.leafKeys().getPrivate()));
        ServerTls tls = ServerTls.builder().files(cert, key).clock(clock).reloadInterval(Duration.ofMinutes(5)).build();

        // A renewal caught half way: the new certificate is in place, its key not yet.
        TestPki.Chain second = pki.chain(TestPki.ec(), "mx.example.org");
        install(cert, TestPki.pem(second.leaf(), second.intermediate()));
        assertThat(tls.reloadIfChanged()).isFalse();
        assertThat(served(tls, first)).isEqualTo(first.leaf());
        assertThat(tls.reloadIfChanged()).as("broken files are not re-read until they change").isFalse();

        install(key, TestPki.pkcs8(second.leafKeys().getPrivate()));
        clock.advance(Duration.ofMinutes(5));
        assertThat(served(tls, second)).isEqualTo(second.leaf());

        Files.delete(key);
        assertThat(tls.reloadIfChanged()).isFalse();
        install(key, "garbage");
        assertThat(tls.reloadIfChanged()).isFalse();
        assertThat(served(tls, second)).isEqualTo(second.leaf());
    }

    @Test
    void fixedMaterialNeverReloads() {
        ServerTls tls = ServerTls.of(SelfSignedCertificate.generate("localhost").certifiedKey());
        assertThat(tls.reloadIfChanged()).isFalse();
    }

    @Test
    void buildFailsFastOnBadSettings() throws Exception {
        CertifiedKey key = SelfSignedCertificate.generate("localhost").certifiedKey();
        assertThatThrownBy(() -> ServerTls.builder().build()).hasMessage("give either files or a certifiedKey");
        assertThatThrownBy(() -> ServerTls.builder().certifiedKey(key).files(dir.resolve("a"), dir.resolve("b")).build())
                .hasMessage("give either files or a certifiedKey");
        assertThatThrownBy(() -> ServerTls.builder().certifiedKey(key).protocols("TLSv1.3", "TLSv1.1").build())
                .hasMessage("protocols must be TLSv1.3 and/or TLSv1.2, not [TLSv1.3, TLSv1.1]");
        assertThatThrownBy(() -> ServerTls.builder().certifiedKey(key).cipherSuites("TLS_AES_128_GCM_SHA256", "TLS_NOPE").build())
                .hasMessage("cipher suite not supported by this JDK: TLS_NOPE");
        assertThatThrownBy(() -> ServerTls.fromFiles(dir.resolve("cert.pem"), dir.resolve("key.pem")))
                .isInstanceOf(TlsMaterialException.class)
                .hasMessage("cannot read " + dir.resolve("cert.pem") + ": no such file");

        ServerTls only13 = ServerTls.builder().certifiedKey(key).protocols("TLSv1.3").build();
        assertThat(only13.newServerEngine().getEnabledProtocols()).containsExactly("TLSv1.3");
    }

    /** The leaf certificate a client trusting {@code chain}'s root sees from a fresh engine. */
    private static Object served(ServerTls tls, TestPki.Chain chain) throws Exception {
        SSLEngine client = clientEngine(TestPki.clientTrusting(chain.root()), "mx.example.org");
        EngineHandshake.run(client, tls.newServerEngine());
        return client.getSession().getPeerCertificates()[0];
    }

    private static SSLEngine clientEngine(SSLContext context, String host) {
        SSLEngine client = context.createSSLEngine(host, 25);
        client.setUseClientMode(true);
        var parameters = client.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(parameters);
        return client;
    }

    /** Replaces a file the way certbot and editors do: a new file renamed into place. */
    private void install(Path file, String content) throws Exception {
        Path temp = Files.createTempFile(dir, "new", ".pem");
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
    }

    /** A TLS record holding a ClientHello with {@code version} as its only offer. */
    private static byte[] clientHello(int version) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, version);
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0x42);
        body.writeBytes(random);
        body.write(0);                                            // no session id
        int[] suites = {0xc02b, 0xc02f, 0xc013, 0x002f};          // ECDHE-ECDSA/RSA-AES128-GCM, ...-CBC, RSA-AES128-CBC
        u16(body, suites.length * 2);
        for (int suite : suites) {
            u16(body, suite);
        }
        body.write(1);                                            // one compression method: null
        body.write(0);
        ByteArrayOutputStream extensions = new ByteArrayOutputStream();
        u16(extensions, 0x000a);                                  // supported_groups: secp256r1, x25519
        u16(extensions, 6);
        u16(extensions, 4);
        u16(extensions, 0x0017);
        u16(extensions, 0x001d);
        u16(extensions, 0x000b);                                  // ec_point_formats: uncompressed
        u16(extensions, 2);
        extensions.write(1);
        extensions.write(0);
        u16(extensions, 0x000d);                                  // signature_algorithms
        u16(extensions, 8);
        u16(extensions, 6);
        u16(extensions, 0x0403);                                  // ecdsa_secp256r1_sha256
        u16(extensions, 0x0804);                                  // rsa_pss_rsae_sha256
        u16(extensions, 0x0401);                                  // rsa_pkcs1_sha256
        u16(body, extensions.size());
        body.writeBytes(extensions.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(22);                                         // handshake
        u16(record, 0x0301);
        u16(record, body.size() + 4);
        record.write(1);                                          // ClientHello
        record.write(0);
        u16(record, body.size());
        record.writeBytes(body.toByteArray());
        return record.toByteArray();
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >> 8);
        out.write(value & 0xff);
    }
}
