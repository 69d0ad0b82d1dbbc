package dev.mailwright.smtp.outbound.internal;

import dev.mailwright.smtp.outbound.spi.TlsVerificationException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.X509TrustManager;

/**
 * Runs a check without enforcing it: MTA-STS in testing mode (RFC 8461 §5) delivers whatever the
 * certificate, and remembers whether the check would have passed so that the attempt record and a
 * later TLS report can say so. One instance serves one session.
 */
final class RecordingTrustManager implements X509TrustManager {

    private final X509TrustManager check;
    private volatile Boolean passed;
    private volatile String failure = "";

    RecordingTrustManager(X509TrustManager check) {
        this.check = Objects.requireNonNull(check, "check");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("server sent no certificate");
        }
        try {
            check.checkServerTrusted(chain, authType);
            passed = Boolean.TRUE;
        } catch (TlsVerificationException e) {
            failure = e.resultType();
            passed = Boolean.FALSE;
        } catch (CertificateException e) {
            failure = "validation-failure";
            passed = Boolean.FALSE;
        }
    }

    /** Whether a handshake ran the check and it passed. */
    boolean passed() {
        return Boolean.TRUE.equals(passed);
    }

    /** The RFC 8460 result type of the failed check; empty if it passed or never ran. */
    String failure() {
        return failure;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
