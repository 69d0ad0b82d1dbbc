package dev.mailwright.core.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.X509TrustedCertificateBlock;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from PEM files (RFC 7468) and writes them back.
 * Keys become JDK key objects, not Bouncy Castle ones, so that JSSE can use them; no
 * security provider is registered.
 */
final class PemFiles {

    /** Larger than any sensible chain or key file; a bigger file is a mistake. */
    static final int MAX_FILE_BYTES = 1 << 20;

    private PemFiles() {
    }

    /** Every certificate in {@code file}, in file order; other PEM objects are skipped. */
    static List<X509Certificate> readCertificates(Path file) {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> certificates = new ArrayList<>();
        for (Object object : readObjects(file)) {
            X509CertificateHolder holder = object instanceof X509TrustedCertificateBlock trusted
                    ? trusted.getCertificateHolder()
                    : object instanceof X509CertificateHolder plain ? plain : null;
            if (holder != null) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsMaterialException("cannot use certificate " + (certificates.size() + 1)
                            + " in " + file + ": " + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsMaterialException("no certificate in " + file);
        }
        return certificates;
    }

    /** The one private key in {@code file}; certificates and parameters beside it are skipped. */
    static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        for (Object object : readObjects(file)) {
            PrivateKeyInfo info;
            if (object instanceof PrivateKeyInfo pkcs8) {
                info = pkcs8;
            } else if (object instanceof PEMKeyPair pair) {
                info = pair.getPrivateKeyInfo();
            } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                throw new TlsMaterialException("encrypted private key in " + file
                        + ": store it unencrypted (openssl pkey -in old.pem -out " + file.getFileName() + ")");
            } else {
                continue;
            }
            if (key != null) {
                throw new TlsMaterialException("more than one private key in " + file);
            }
            try {
                key = converter.getPrivateKey(info);
            } catch (IOException | RuntimeException e) {
                throw new TlsMaterialException("cannot use the private key in " + file + ": " + e.getMessage(), e);
            }
        }
        if (key == null) {
            throw new TlsMaterialException("no private key in " + file);
        }
        return key;
    }

    private static List<Object> readObjects(Path file) {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new TlsMaterialException("cannot read " + file + ": no such file", e);
        } catch (IOException e) {
            throw new TlsMaterialException("cannot read " + file + ": " + e, e);
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new TlsMaterialException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        List<Object> objects = new ArrayList<>();
        // PEM is ASCII; Latin-1 maps every byte to one char, so stray bytes cannot break decoding.
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.ISO_8859_1)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (IOException | RuntimeException e) {
            throw new TlsMaterialException("cannot parse " + file + " as PEM: " + e.getMessage(), e);
        }
        return objects;
    }

    /** One PEM block with 64-character lines, as RFC 7468 §2 prescribes. */
    static String encode(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }
}
