package dev.mailwright.core.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Keys, certificates and PEM text for tests, made with Bouncy Castle over the JDK's providers. */
final class TestPki {

    private final AtomicLong serial = new AtomicLong(1);

    /** Root, intermediate and leaf; the leaf names {@code host} and carries {@code leafKeys}. */
    record Chain(KeyPair rootKeys, X509Certificate root, X509Certificate intermediate, KeyPair leafKeys,
                 X509Certificate leaf) {
    }

    static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair ec() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static KeyPair ed25519() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    Chain chain(KeyPair leafKeys, String host) throws Exception {
        KeyPair rootKeys = ec();
        KeyPair intermediateKeys = ec();
        X509Certificate root = certificate("Test Root", rootKeys.getPublic(), "Test Root", rootKeys.getPrivate(), true, null);
        X509Certificate intermediate = certificate("Test Intermediate", intermediateKeys.getPublic(), "Test Root",
                rootKeys.getPrivate(), true, null);
        X509Certificate leaf = certificate(host, leafKeys.getPublic(), "Test Intermediate",
                intermediateKeys.getPrivate(), false, host);
        return new Chain(rootKeys, root, intermediate, leafKeys, leaf);
    }

    X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey, boolean ca,
                                String dnsName) throws Exception {
        return certificate(subject, subjectKey, issuer, issuerKey, ca, dnsName,
                Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
    }

    X509Certificate certificate(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey, boolean ca,
                                String dnsName, Instant notBefore, Instant notAfter) throws Exception {
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + issuer),
                BigInteger.valueOf(serial.getAndIncrement()), Date.from(notBefore), Date.from(notAfter),
                new X500Name("CN=" + subject), subjectKey);
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (dnsName != null) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(signatureAlgorithm(issuerKey)).build(issuerKey)));
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> "Ed25519";
        };
    }

    /** PKCS#8: {@code -----BEGIN PRIVATE KEY-----}. */
    static String pkcs8(PrivateKey key) {
        return PemFiles.encode("PRIVATE KEY", key.getEncoded());
    }

    /** OpenSSL's traditional form: PKCS#1 {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}. */
    static String traditional(PrivateKey key) throws IOException {
        if (key.getAlgorithm().equals("EC")) {
            // The JDK's PKCS#8 encoding keeps the curve only in the outer algorithm identifier;
            // SEC1 needs it inside (RFC 5915 §3), as OpenSSL writes it.
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ECPrivateKey inner = ECPrivateKey.getInstance(info.parsePrivateKey());
            ECPrivateKey sec1 = new ECPrivateKey(256, inner.getKey(), inner.getPublicKey(),
                    info.getPrivateKeyAlgorithm().getParameters());
            return PemFiles.encode("EC PRIVATE KEY", sec1.getEncoded());
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        }
        return out.toString();
    }

    static String pem(X509Certificate... certificates) throws GeneralSecurityException {
        StringBuilder out = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            out.append(PemFiles.encode("CERTIFICATE", certificate.getEncoded()));
        }
        return out.toString();
    }

    /** A client context that trusts {@code anchor} alone. */
    static SSLContext clientTrusting(X509Certificate anchor) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("anchor", anchor);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
