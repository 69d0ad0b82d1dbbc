package dev.mailwright.smtp.outbound.tls;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts any server certificate: opportunistic TLS (RFC 7435), where encryption without
 * authentication still beats plaintext, and where refusing an unverifiable certificate would
 * only push the session back to plaintext.
 */
public final class AnyCertificateTrustManager implements X509TrustManager {

    public static final AnyCertificateTrustManager INSTANCE = new AnyCertificateTrustManager();

    private AnyCertificateTrustManager() {
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("server sent no certificate");
        }
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
