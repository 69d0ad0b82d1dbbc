package dev.mailwright.smtp.outbound.tls;

import dev.mailwright.smtp.outbound.spi.TlsVerificationException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Accepts a server whose chain is PKIX-valid under the configured trust anchors and whose
 * certificate names the expected host in a subjectAltName dNSName (RFC 8461 §4.2, RFC 8689 §4.2.1).
 * Failures carry RFC 8460 result types.
 */
public final class PkixHostTrustManager implements X509TrustManager {

    private final X509TrustManager pkix;
    private final List<String> hosts;

    /**
     * @param pkix the PKIX validator (e.g. {@link #systemTrust()})
     * @param hosts the names any of which the certificate must present
     */
    public PkixHostTrustManager(X509TrustManager pkix, List<String> hosts) {
        this.pkix = Objects.requireNonNull(pkix, "pkix");
        this.hosts = List.copyOf(hosts);
    }

    /** The JDK's default trust anchors. */
    public static X509TrustManager systemTrust() {
        return trustOf(null);
    }

    /** A PKIX validator trusting the anchors in {@code trustStore} ({@code null}: the JDK's defaults). */
    public static X509TrustManager trustOf(KeyStore trustStore) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509TrustManager available");
        } catch (NoSuchAlgorithmException | KeyStoreException e) {
            throw new IllegalStateException("cannot set up PKIX validation: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new TlsVerificationException("validation-failure", "server sent no certificate");
        }
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            boolean expired = false;
            for (Throwable t = e; t != null; t = t.getCause()) {
                expired |= t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException;
            }
            throw new TlsVerificationException(expired ? "certificate-expired" : "certificate-not-trusted",
                    "certificate not PKIX-valid: " + e.getMessage(), e);
        }
        if (!HostnameMatcher.certificateMatches(chain[0], hosts, false)) {
            throw new TlsVerificationException("certificate-host-mismatch",
                    "certificate names " + HostnameMatcher.dnsNames(chain[0], false) + ", expected " + hosts);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("client certificates are not checked here");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }
}
