package dev.mailwright.smtp.client;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * When the client uses TLS and how it judges the server's certificate. Immutable.
 *
 * <ul>
 *   <li>{@link #none()}: never STARTTLS;
 *   <li>{@link #opportunistic()}: STARTTLS when offered, any certificate (encryption against
 *       passive listeners only); plaintext when not offered;
 *   <li>{@link #pkix()} / {@link #pkix(X509TrustManager)}: TLS required, the chain checked
 *       against trusted authorities and the server's name against the certificate;
 *   <li>{@link #verifiedBy(ServerCertificateVerifier)}: TLS required, the chain judged by the
 *       caller's verifier (DANE).
 * </ul>
 * TLS 1.2 and 1.3 only.
 */
public final class TlsPolicy {

    /** Whether TLS is used. */
    public enum Requirement { NONE, OPPORTUNISTIC, REQUIRED }

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final Requirement requirement;
    private final X509TrustManager trust;
    private final ServerCertificateVerifier verifier;

    private TlsPolicy(Requirement requirement, X509TrustManager trust, ServerCertificateVerifier verifier) {
        this.requirement = requirement;
        this.trust = trust;
        this.verifier = verifier;
    }

    public static TlsPolicy none() {
        return new TlsPolicy(Requirement.NONE, null, null);
    }

    public static TlsPolicy opportunistic() {
        return new TlsPolicy(Requirement.OPPORTUNISTIC, null, null);
    }

    /** TLS required, verified against the JDK's trusted authorities. */
    public static TlsPolicy pkix() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init((KeyStore) null);
            for (TrustManager m : factory.getTrustManagers()) {
                if (m instanceof X509TrustManager x509) {
                    return pkix(x509);
                }
            }
            throw new IllegalStateException("the JDK has no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the JDK's trusted authorities", e);
        }
    }

    /** TLS required, verified against {@code trust} (a private CA, or a test's self-signed certificate). */
    public static TlsPolicy pkix(X509TrustManager trust) {
        return new TlsPolicy(Requirement.REQUIRED, Objects.requireNonNull(trust, "trust"), null);
    }

    /** TLS required, the certificate judged by {@code verifier} alone (for DANE). */
    public static TlsPolicy verifiedBy(ServerCertificateVerifier verifier) {
        return new TlsPolicy(Requirement.REQUIRED, null, Objects.requireNonNull(verifier, "verifier"));
    }

    public Requirement requirement() {
        return requirement;
    }

    /** Whether a successful handshake under this policy means the certificate was verified. */
    boolean verifies() {
        return trust != null || verifier != null;
    }

    /** Puts TLS on a connected socket and completes the handshake. */
    SSLSocket handshake(Socket plain, String serverName) throws IOException {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(serverName)}, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
        SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket(plain, serverName, plain.getPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        if (trust != null) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (isHostName(serverName)) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }

    private X509TrustManager trustManager(String serverName) {
        if (trust != null) {
            return trust;
        }
        return new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (verifier != null) {
                    verifier.verify(List.of(chain), serverName);
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                checkServerTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("a client does not check client certificates");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                checkClientTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                checkClientTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    private static boolean isHostName(String name) {
        return name.indexOf(':') < 0 && !name.matches("[0-9.]+") && name.contains(".");
    }

    @Override
    public String toString() {
        return "TlsPolicy[" + requirement + (trust != null ? ", PKIX" : verifier != null ? ", custom verifier" : "") + "]";
    }
}
