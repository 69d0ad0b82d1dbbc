package dev.mailwright.core.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private key and the certificate chain that certifies it, leaf first, each following
 * certificate issuing the one before (RFC 8446 §4.4.2, RFC 5246 §7.4.2). Immutable.
 *
 * <p>Loading finds the leaf by its key, whatever its position in the file, and orders the
 * rest by issuer, so a chain file in the wrong order still works; certificates that do not
 * belong to the chain are dropped with a warning. RSA, EC and Ed25519 keys are supported;
 * an expired leaf is loaded with a warning (clients will refuse it, but a server that
 * refuses to start is worse).
 */
public final class CertifiedKey {

    private static final Logger LOG = LoggerFactory.getLogger(CertifiedKey.class);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private CertifiedKey(PrivateKey privateKey, List<X509Certificate> chain) {
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
    }

    /**
     * Reads a PEM certificate chain and a PEM private key (PKCS#8 {@code PRIVATE KEY},
     * PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}, unencrypted). Both may
     * be the same file.
     *
     * @throws TlsMaterialException naming the file and the problem
     */
    public static CertifiedKey load(Path certificateFile, Path keyFile) {
        List<X509Certificate> certificates = PemFiles.readCertificates(certificateFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        return assemble(key, certificates, certificateFile.toString(), keyFile.toString());
    }

    /**
     * The key with its chain, reordered leaf first if needed.
     *
     * @throws TlsMaterialException if no certificate matches the key
     */
    public static CertifiedKey of(PrivateKey privateKey, List<X509Certificate> certificates) {
        Objects.requireNonNull(privateKey, "privateKey");
        if (certificates.isEmpty()) {
            throw new TlsMaterialException("no certificate given");
        }
        return assemble(privateKey, certificates, "the chain", "the key");
    }

    private static CertifiedKey assemble(PrivateKey key, List<X509Certificate> certificates, String certSource,
                                         String keySource) {
        X509Certificate leaf = null;
        for (X509Certificate certificate : certificates) {
            if (matches(certificate.getPublicKey(), key)) {
                leaf = certificate;
                break;
            }
        }
        if (leaf == null) {
            throw new TlsMaterialException(certificates.size() == 1
                    ? "certificate in " + certSource + " does not match the private key in " + keySource
                    : "none of the " + certificates.size() + " certificates in " + certSource
                            + " matches the private key in " + keySource);
        }
        List<X509Certificate> remaining = new ArrayList<>(certificates);
        remaining.remove(leaf);
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(leaf);
        for (X509Certificate last = leaf; !isSelfIssued(last); ) {
            X509Certificate issuer = issuerOf(last, remaining);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            remaining.remove(issuer);
            last = issuer;
        }
        if (!remaining.isEmpty()) {
            LOG.warn("{} certificate(s) in {} do not belong to the chain of {} and are left out",
                    remaining.size(), certSource, leaf.getSubjectX500Principal().getName());
        }
        try {
            leaf.checkValidity(new Date());
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warn("certificate {} in {} is not valid now: valid from {} to {}",
                    leaf.getSubjectX500Principal().getName(), certSource,
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        }
        return new CertifiedKey(key, chain);
    }

    private static boolean isSelfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    /** The certificate among {@code candidates} that signed {@code certificate}, if present. */
    private static X509Certificate issuerOf(X509Certificate certificate, List<X509Certificate> candidates) {
        X509Certificate byName = null;
        for (X509Certificate candidate : candidates) {
            if (!candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(candidate.getPublicKey());
                return candidate;
            } catch (GeneralSecurityException e) {
                // Same name, different key (a re-keyed CA): keep looking for the real issuer.
                byName = byName == null ? candidate : byName;
            }
        }
        return byName;
    }

    /** Whether {@code privateKey} belongs to {@code publicKey}. */
    static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
        if (publicKey instanceof RSAKey rsaPublic) {
            return privateKey instanceof RSAKey rsaPrivate && rsaPublic.getModulus().equals(rsaPrivate.getModulus());
        }
        String algorithm = switch (privateKey.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null || !publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
            return false;
        }
        // EC and EdDSA private keys do not expose their public half portably: sign and verify.
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** The chain, leaf first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The leaf certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /** When the leaf certificate expires. */
    public Instant notAfter() {
        return certificate().getNotAfter().toInstant();
    }

    /** A fresh JDK {@link SSLContext} serving this key and chain (no protocol restrictions applied). */
    SSLContext newSslContext() {
        try {
            char[] password = "in-memory".toCharArray();
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", privateKey, password, chain.toArray(new X509Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance("PKIX");
            keyManagers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsMaterialException("cannot build a TLS context for " + certificate().getSubjectX500Principal()
                    .getName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "CertifiedKey[" + certificate().getSubjectX500Principal().getName() + ", "
                + privateKey.getAlgorithm() + ", " + chain.size() + " certificate(s), until " + notAfter() + "]";
    }
}
