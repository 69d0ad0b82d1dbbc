package dev.mailwright.core.tls;

import dev.mailwright.core.io.AtomicFile;
import java.io.IOException;
import java.math.BigInteger;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate with an ECDSA P-256 key, for development and tests: servers
 * that must offer STARTTLS before a real certificate exists, and clients that should trust
 * exactly this certificate.
 *
 * <p>The certificate names its host names as DNS names and IP literals as IP addresses in
 * subjectAltName (RFC 5280 §4.2.1.6; RFC 6125 clients match only those), is valid from an
 * hour before creation (to allow for clock skew) for a year by default, and may be used only
 * for TLS server authentication.
 */
public final class SelfSignedCertificate {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final CertifiedKey certifiedKey;

    private SelfSignedCertificate(CertifiedKey certifiedKey) {
        this.certifiedKey = certifiedKey;
    }

    /** A certificate for {@code hostname} (a DNS name or an IP literal), valid for 365 days. */
    public static SelfSignedCertificate generate(String hostname) {
        return generate(List.of(hostname), Duration.ofDays(365), Clock.systemUTC());
    }

    /**
     * A certificate for every name in {@code names} (DNS names or IP literals; the first also
     * becomes the subject's common name), valid for {@code validity} from {@code clock}'s now.
     */
    public static SelfSignedCertificate generate(List<String> names, Duration validity, Clock clock) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("at least one host name is needed");
        }
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive: " + validity);
        }
        List<GeneralName> altNames = new ArrayList<>();
        for (String name : names) {
            altNames.add(generalName(name));
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();

            X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
            String first = names.get(0).strip();
            // X.520 caps a common name at 64 characters; the subjectAltName carries the real names.
            subject.addRDN(BCStyle.CN, first.length() <= 64 ? first : "Mailwright self-signed");
            X500Name name = subject.build();
            byte[] serial = new byte[16];
            SecureRandom random = new SecureRandom();
            random.nextBytes(serial);
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(1, serial).setBit(0),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), name, keys.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(altNames.toArray(new GeneralName[0])));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SelfSignedCertificate(CertifiedKey.of(keys.getPrivate(), List.of(certificate)));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot generate a self-signed certificate: " + e, e);
        }
    }

    private static GeneralName generalName(String raw) {
        String name = Objects.requireNonNull(raw, "host name").strip();
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        if (IPV4.matcher(name).matches() || name.indexOf(':') >= 0) {
            try {
                return new GeneralName(GeneralName.iPAddress, name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid IP address: " + raw, e);
            }
        }
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
            throw new IllegalArgumentException("invalid host name: \"" + raw + "\"");
        }
        try {
            return new GeneralName(GeneralName.dNSName, IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid host name: \"" + raw + "\"", e);
        }
    }

    public X509Certificate certificate() {
        return certifiedKey.certificate();
    }

    /** The key and certificate, for {@link ServerTls#of(CertifiedKey)}. */
    public CertifiedKey certifiedKey() {
        return certifiedKey;
    }

    /**
     * Writes the certificate and its PKCS#8 private key as PEM files, each replaced
     * atomically; the key file gets mode 0600 where the file system has POSIX permissions.
     */
    public void writeTo(Path certificateFile, Path keyFile) throws IOException {
        try {
            AtomicFile.write(keyFile, PemFiles.encode("PRIVATE KEY", certifiedKey.privateKey().getEncoded())
                    .getBytes(StandardCharsets.US_ASCII), true);
            AtomicFile.write(certificateFile, PemFiles.encode("CERTIFICATE", certificate().getEncoded())
                    .getBytes(StandardCharsets.US_ASCII), false);
        } catch (CertificateEncodingException e) {
            throw new IOException("cannot encode the certificate: " + e.getMessage(), e);
        }
    }

    /** An in-memory trust store holding only this certificate. */
    public KeyStore trustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("self-signed", certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e, e);
        }
    }

    /** A trust manager that trusts only this certificate. */
    public X509TrustManager trustManager() {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(trustStore());
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the PKIX trust manager factory made no X509TrustManager");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager: " + e, e);
        }
    }

    /** A client context that trusts only this certificate (for Jakarta Mail's {@code ssl.socketFactory}). */
    public SSLContext clientContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a client context: " + e, e);
        }
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certifiedKey + "]";
    }
}
