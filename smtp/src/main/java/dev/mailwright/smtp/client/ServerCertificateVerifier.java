package dev.mailwright.smtp.client;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a server's certificate chain is acceptable, in place of PKIX: the seam for
 * DANE (RFC 7672), where TLSA records, not certificate authorities, say which keys are good.
 */
@FunctionalInterface
public interface ServerCertificateVerifier {

    /**
     * @param chain the server's chain, its own certificate first
     * @param serverName the name the client connected to (the MX host name)
     * @throws CertificateException to refuse; the handshake then fails
     */
    void verify(List<X509Certificate> chain, String serverName) throws CertificateException;
}
