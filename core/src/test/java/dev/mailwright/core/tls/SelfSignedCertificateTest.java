package dev.mailwright.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfSignedCertificateTest {

    @TempDir
    Path dir;

    @Test
    void describesTheHostForAYear() throws Exception {
        Instant now = Instant.parse("2025-03-01T12:00:00Z");
        SelfSignedCertificate self = SelfSignedCertificate.generate(List.of("mail.example.org"), Duration.ofDays(365),
                new MutableClock(now));
        X509Certificate certificate = self.certificate();

        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.org");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(now.minus(Duration.ofHours(1)));
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(now.plus(Duration.ofDays(365)));
        assertThat(certificate.getPublicKey()).isInstanceOfSatisfying(ECPublicKey.class,
                key -> assertThat(key.getParams().getCurve().getField().getFieldSize()).isEqualTo(256));
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(certificate.getSerialNumber().signum()).isPositive();
        assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    }

    @Test
    void namesDnsNamesAndIpAddresses() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate(
                List.of("Mail.Example.org", "127.0.0.1", "::1", "[2001:db8::25]", "bücher.example"),
                Duration.ofDays(30), new MutableClock(Instant.now()));
        assertThat(self.certificate().getSubjectAlternativeNames()).containsExactly(
                List.of(2, "mail.example.org"),
                List.of(7, "127.0.0.1"),
                List.of(7, "0:0:0:0:0:0:0:1"),
                List.of(7, "2001:db8:0:0:0:0:0:25"),
                List.of(2, "xn--bcher-kva.example"));
    }

    @Test
    void refusesBadNamesAndValidity() {
        assertThatThrownBy(() -> SelfSignedCertificate.generate(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid host name: \"\"");
        assertThatThrownBy(() -> SelfSignedCertificate.generate("a..b"))
                .hasMessage("invalid host name: \"a..b\"");
        assertThatThrownBy(() -> SelfSignedCertificate.generate("1:2:3"))
                .hasMessage("invalid IP address: 1:2:3");
        assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of(), Duration.ofDays(1), new MutableClock(Instant.now())))
                .hasMessage("at least one host name is needed");
        assertThatThrownBy(() -> SelfSignedCertificate.generate(List.of("x"), Duration.ZERO, new MutableClock(Instant.now())))
                .hasMessage("validity must be positive: PT0S");
    }

    @Test
    void trustedByItsOwnClientContextWithHostnameChecks() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate(List.of("localhost", "127.0.0.1"),
                Duration.ofDays(365), new MutableClock(Instant.now()));
        ServerTls tls = ServerTls.of(self.certifiedKey());

        assertThat(EngineHandshake.run(client(self.clientContext(), "localhost"), tls.newServerEngine()))
                .isEqualTo("TLSv1.3");
        assertThat(EngineHandshake.run(client(self.clientContext(), "127.0.0.1"), tls.newServerEngine()))
                .isEqualTo("TLSv1.3");

        assertThatThrownBy(() -> EngineHandshake.run(client(self.clientContext(), "mail.example.org"), tls.newServerEngine()))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("mail.example.org");
        SSLContext another = SelfSignedCertificate.generate("localhost").clientContext();
        assertThatThrownBy(() -> EngineHandshake.run(client(another, "localhost"), tls.newServerEngine()))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void trustManagerAcceptsOnlyThisCertificate() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate("localhost");
        SelfSignedCertificate other = SelfSignedCertificate.generate("localhost");
        self.trustManager().checkServerTrusted(new X509Certificate[] {self.certificate()}, "ECDHE_ECDSA");
        assertThatThrownBy(() -> self.trustManager().checkServerTrusted(new X509Certificate[] {other.certificate()},
                "ECDHE_ECDSA")).isInstanceOf(java.security.cert.CertificateException.class);
        assertThat(self.trustStore().getCertificate("self-signed")).isEqualTo(self.certificate());
    }

    @Test
    void writesPemFilesThatLoadBack() throws Exception {
        SelfSignedCertificate self = SelfSignedCertificate.generate("localhost");
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        self.writeTo(cert, key);

        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readAllLines(cert)).allMatch(line -> line.length() <= 64);
        CertifiedKey loaded = CertifiedKey.load(cert, key);
        assertThat(loaded.certificate()).isEqualTo(self.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(self.certifiedKey().privateKey().getEncoded());
        assertThat(ServerTls.fromFiles(cert, key).certifiedKey().certificate()).isEqualTo(self.certificate());

        assumeTrue(key.getFileSystem().supportedFileAttributeViews().contains("posix"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    private static SSLEngine client(SSLContext context, String host) {
        SSLEngine engine = context.createSSLEngine(host, 465);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }
}
