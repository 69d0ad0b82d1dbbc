package dev.mailwright.auth.dkim;

import dev.mailwright.core.io.AtomicFile;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Objects;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * A DKIM private key with its algorithm: RSA (rsa-sha256) or Ed25519 (ed25519-sha256). Keys are
 * generated here or read from PEM (PKCS#8 {@code PRIVATE KEY}, or PKCS#1 {@code RSA PRIVATE KEY});
 * they are written as PKCS#8 PEM, with the DNS TXT record that publishes the public half.
 */
public final class DkimSigningKey {

    /** The RSA modulus length {@link #generateRsa()} uses. */
    public static final int DEFAULT_RSA_BITS = 2048;
    private static final int MAX_PEM_BYTES = 64 * 1024;

    private final DkimAlgorithm algorithm;
    private final RSAPrivateCrtKey rsaKey;
    private final Ed25519PrivateKeyParameters edKey;
    private final byte[] publicKey;

    private DkimSigningKey(RSAPrivateCrtKey rsaKey) {
        this.algorithm = DkimAlgorithm.RSA_SHA256;
        this.rsaKey = rsaKey;
        this.edKey = null;
        try {
            RSAPublicKeySpec spec = new RSAPublicKeySpec(rsaKey.getModulus(), rsaKey.getPublicExponent());
            this.publicKey = KeyFactory.getInstance("RSA").generatePublic(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot derive an RSA public key", e);
        }
    }

    private DkimSigningKey(Ed25519PrivateKeyParameters edKey) {
        this.algorithm = DkimAlgorithm.ED25519_SHA256;
        this.rsaKey = null;
        this.edKey = edKey;
        this.publicKey = edKey.generatePublicKey().getEncoded();
    }

    /** A new 2048-bit RSA key. */
    public static DkimSigningKey generateRsa() {
        return generateRsa(DEFAULT_RSA_BITS);
    }

    /**
     * A new RSA key of {@code bits} bits.
     *
     * @throws IllegalArgumentException unless 1024 &le; bits &le; 8192 (RFC 8301 §3.2 sets the floor)
     */
    public static DkimSigningKey generateRsa(int bits) {
        if (bits < DkimKeyRecord.MIN_RSA_BITS || bits > DkimKeyRecord.MAX_RSA_BITS) {
            throw new IllegalArgumentException("RSA key size must be between 1024 and 8192 bits: " + bits);
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            return new DkimSigningKey((RSAPrivateCrtKey) pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate RSA keys", e);
        }
    }

    /** A new Ed25519 key. */
    public static DkimSigningKey generateEd25519() {
        return new DkimSigningKey(new Ed25519PrivateKeyParameters(new SecureRandom()));
    }

    /** An Ed25519 key from its 32-octet private seed (RFC 8032 §5.1.5), as RFC 8463's example gives it. */
    public static DkimSigningKey ed25519FromSeed(byte[] seed) {
        if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed is 32 octets, not " + seed.length);
        }
        return new DkimSigningKey(new Ed25519PrivateKeyParameters(seed, 0));
    }

    /**
     * A key from PEM text.
     *
     * @throws IllegalArgumentException if the text holds no RSA or Ed25519 private key
     */
    public static DkimSigningKey fromPem(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PEMKeyPair pair) {
                    object = pair.getPrivateKeyInfo();
                }
                if (object instanceof PrivateKeyInfo info) {
                    return fromPrivateKeyInfo(info);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable PEM private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no private key in the PEM text");
    }

    /**
     * A key from a PEM file.
     *
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException naming the file if it holds no usable key
     */
    public static DkimSigningKey read(Path file) {
        try {
            if (Files.size(file) > MAX_PEM_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_PEM_BYTES + " octets for a key");
            }
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static DkimSigningKey fromPrivateKeyInfo(PrivateKeyInfo info) throws IOException {
        if (info.getPrivateKeyAlgorithm().getAlgorithm().equals(EdECObjectIdentifiers.id_Ed25519)) {
            AsymmetricKeyParameter key = PrivateKeyFactory.createKey(info);
            return new DkimSigningKey((Ed25519PrivateKeyParameters) key);
        }
        PrivateKey key = new JcaPEMKeyConverter().getPrivateKey(info);
        if (key instanceof RSAPrivateCrtKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < DkimKeyRecord.MIN_RSA_BITS || bits > DkimKeyRecord.MAX_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits; DKIM needs 1024 to 8192");
            }
            return new DkimSigningKey(rsa);
        }
        throw new IllegalArgumentException("key algorithm " + key.getAlgorithm() + " is neither RSA nor Ed25519");
    }

    /** The algorithm signatures made with this key use. */
    public DkimAlgorithm algorithm() {
        return algorithm;
    }

    /** The public key as the DNS record's {@code p=} carries it: SubjectPublicKeyInfo for RSA, 32 raw octets for Ed25519. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The text of the DNS TXT record publishing this key, e.g. {@code v=DKIM1; k=ed25519; p=...}. */
    public String dnsRecord() {
        return "v=DKIM1; k=" + algorithm.keyType() + "; p=" + Base64.getEncoder().encodeToString(publicKey);
    }

    /** The private key as PKCS#8 PEM. Handle with care: it is the secret. */
    public String toPem() {
        try {
            // Ed25519 as the RFC 8410 v1 structure without the optional public key, the form OpenSSL
            // writes and every reader accepts (OpenSSL 3.0 refuses the v2 form with the public key).
            byte[] der = rsaKey != null ? rsaKey.getEncoded()
                    : new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                            new DEROctetString(edKey.getEncoded())).getEncoded();
            StringWriter text = new StringWriter();
            try (PemWriter writer = new PemWriter(text)) {
                writer.writeObject(new PemObject("PRIVATE KEY", der));
            }
            return text.toString();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the private key", e);
        }
    }

    /** Where {@link #writeFiles} put a key. */
    public record KeyFiles(Path privateKey, Path dnsRecord) {
    }

    /**
     * Writes the private key as {@code DOMAIN_SELECTOR.key} (PKCS#8 PEM, readable by the owner only)
     * and the TXT record text as {@code DOMAIN_SELECTOR.dns} in {@code directory}, the layout maddy
     * uses, each atomically and durably. Existing files are not replaced.
     *
     * @throws IOException if a file exists already or cannot be written
     */
    public KeyFiles writeFiles(Path directory, String domain, String selector) throws IOException {
        Objects.requireNonNull(directory, "directory");
        if (!domain.matches("[A-Za-z0-9._-]+") || !selector.matches("[A-Za-z0-9._-]+")
                || domain.startsWith(".") || selector.startsWith(".")) {
            throw new IllegalArgumentException("domain and selector must be DNS names: " + domain + ", " + selector);
        }
        String base = domain.toLowerCase(java.util.Locale.ROOT) + "_" + selector;
        Path keyFile = directory.resolve(base + ".key");
        Path dnsFile = directory.resolve(base + ".dns");
        for (Path file : new Path[] {keyFile, dnsFile}) {
            if (Files.exists(file)) {
                throw new IOException(file + " exists already; not replacing a key");
            }
        }
        Files.createDirectories(directory);
        AtomicFile.write(keyFile, toPem().getBytes(StandardCharsets.US_ASCII), true);
        AtomicFile.write(dnsFile, (dnsRecord() + "\n").getBytes(StandardCharsets.US_ASCII), false);
        return new KeyFiles(keyFile, dnsFile);
    }

    byte[] sign(byte[] data) {
        return rsaKey != null ? Crypto.signRsa(rsaKey, data) : Crypto.signEd25519(edKey, data);
    }

    @Override
    public String toString() {
        return "DkimSigningKey[" + algorithm.tag() + (rsaKey != null ? ", " + rsaKey.getModulus().bitLength() + " bits" : "")
                + "]";
    }
}
