package dev.mailwright.smtp.outbound.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mailwright.core.dns.TlsaRecord;
import dev.mailwright.core.tls.SelfSignedCertificate;
import dev.mailwright.smtp.outbound.fixtures.TestCa;
import dev.mailwright.smtp.outbound.spi.TlsVerificationException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DaneTrustManagerTest {

    private static final SelfSignedCertificate SELF = SelfSignedCertificate.generate("some-other-name.example");
    private static final TestCa CA = TestCa.create("Test TA");
    private static final TestCa.Issued ISSUED = CA.issue("mx.example.net");

    static TlsaRecord tlsa(int usage, int selector, int matching, X509Certificate cert) throws Exception {
        byte[] selected = selector == 0 ? cert.getEncoded() : cert.getPublicKey().getEncoded();
        byte[] data = switch (matching) {
            case 1 -> MessageDigest.getInstance("SHA-256").digest(selected);
            case 2 -> MessageDigest.getInstance("SHA-512").digest(selected);
            default -> selected;
        };
        return new TlsaRecord(usage, selector, matching, data);
    }

    private static DaneTrustManager dane(TlsaRecord... records) {
        return new DaneTrustManager(List.of(records), List.of("mx.example.net", "example.net"), Clock.systemUTC());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "0,1", "0,2", "1,0", "1,1", "1,2"})
    void daneEeMatchesTheLeafWhateverItsName(int selector, int matching) throws Exception {
        X509Certificate leaf = SELF.certificate();
        assertThatCode(() -> dane(tlsa(3, selector, matching, leaf)).checkServerTrusted(
                new X509Certificate[] {leaf}, "ECDHE_ECDSA")).doesNotThrowAnyException();
    }

    @Test
    void daneEeMismatchFails() throws Exception {
        DaneTrustManager tm = dane(tlsa(3, 1, 1, ISSUED.leaf()));
        assertThatThrownBy(() -> tm.checkServerTrusted(new X509Certificate[] {SELF.certificate()}, "ECDHE_ECDSA"))
                .isInstanceOfSatisfying(TlsVerificationException.class,
                        e -> assertThat(e.resultType()).isEqualTo("validation-failure"));
    }

    @Test
    void daneTaMatchesAnIssuerInTheChainAndChecksTheName() throws Exception {
        X509Certificate[] chain = ISSUED.chain().toArray(new X509Certificate[0]);
        assertThatCode(() -> dane(tlsa(2, 0, 1, CA.certificate())).checkServerTrusted(chain, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        assertThatCode(() -> dane(tlsa(2, 1, 1, CA.certificate())).checkServerTrusted(chain, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();

        DaneTrustManager otherName = new DaneTrustManager(List.of(tlsa(2, 0, 1, CA.certificate())),
                List.of("mx.example.org", "example.org"), Clock.systemUTC());
        assertThatThrownBy(() -> otherName.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOfSatisfying(TlsVerificationException.class,
                        e -> assertThat(e.resultType()).isEqualTo("certificate-host-mismatch"));
    }

    @Test
    void daneTaDoesNotMatchAnotherAuthority() throws Exception {
        TestCa other = TestCa.create("Other TA");
        X509Certificate[] chain = ISSUED.chain().toArray(new X509Certificate[0]);
        assertThatThrownBy(() -> dane(tlsa(2, 0, 1, other.certificate())).checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOf(TlsVerificationException.class);
    }

    @Test
    void daneTaRefusesAChainWhoseSignatureDoesNotHold() throws Exception {
        TestCa other = TestCa.create("Test TA");
        // A certificate from another CA placed under ours: the link does not verify.
        X509Certificate[] forged = {other.issue("mx.example.net").leaf(), CA.certificate()};
        assertThatThrownBy(() -> dane(tlsa(2, 0, 1, CA.certificate())).checkServerTrusted(forged, "ECDHE_ECDSA"))
                .isInstanceOf(TlsVerificationException.class).hasMessageContaining("chain link");
    }

    @Test
    void pkixUsagesAndUnknownParametersAreUnusable() throws Exception {
        X509Certificate leaf = SELF.certificate();
        assertThat(DaneTrustManager.isUsable(tlsa(1, 1, 1, leaf))).isFalse();
        assertThat(DaneTrustManager.isUsable(tlsa(0, 1, 1, leaf))).isFalse();
        assertThat(DaneTrustManager.isUsable(new TlsaRecord(3, 2, 1, new byte[32]))).isFalse();
        assertThat(DaneTrustManager.isUsable(new TlsaRecord(3, 1, 3, new byte[32]))).isFalse();
        assertThatThrownBy(() -> dane(tlsa(1, 1, 1, leaf))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pkixCheckNeedsTrustAndTheHostName() {
        PkixHostTrustManager good = new PkixHostTrustManager(PkixHostTrustManager.trustOf(CA.trustStore()),
                List.of("mx.example.net"));
        X509Certificate[] chain = ISSUED.chain().toArray(new X509Certificate[0]);
        assertThatCode(() -> good.checkServerTrusted(chain, "ECDHE_ECDSA")).doesNotThrowAnyException();

        PkixHostTrustManager wrongHost = new PkixHostTrustManager(PkixHostTrustManager.trustOf(CA.trustStore()),
                List.of("mx2.example.net"));
        assertThatThrownBy(() -> wrongHost.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOfSatisfying(TlsVerificationException.class,
                        e -> assertThat(e.resultType()).isEqualTo("certificate-host-mismatch"));

        PkixHostTrustManager untrusted = new PkixHostTrustManager(
                PkixHostTrustManager.trustOf(TestCa.create("Stranger").trustStore()), List.of("mx.example.net"));
        assertThatThrownBy(() -> untrusted.checkServerTrusted(chain, "ECDHE_ECDSA"))
                .isInstanceOfSatisfying(TlsVerificationException.class,
                        e -> assertThat(e.resultType()).isEqualTo("certificate-not-trusted"));
    }
}
