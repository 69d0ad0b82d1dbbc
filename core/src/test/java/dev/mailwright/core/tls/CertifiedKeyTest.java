package dev.mailwright.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertifiedKeyTest {

    @TempDir
    Path dir;

    private final TestPki pki = new TestPki();

    @Test
    void loadsRsaKeysInPkcs8AndPkcs1() throws Exception {
        KeyPair keys = TestPki.rsa();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        Path cert = write("cert.pem", TestPki.pem(chain.leaf(), chain.intermediate()));

        String pkcs1 = TestPki.traditional(keys.getPrivate());
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        for (String keyPem : List.of(TestPki.pkcs8(keys.getPrivate()), pkcs1)) {
            CertifiedKey loaded = CertifiedKey.load(cert, write("key.pem", keyPem));
            assertThat(loaded.privateKey().getAlgorithm()).isEqualTo("RSA");
            assertThat(loaded.privateKey().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
            assertThat(loaded.chain()).containsExactly(chain.leaf(), chain.intermediate());
        }
    }

    @Test
    void loadsEcKeysInPkcs8AndSec1() throws Exception {
        KeyPair keys = TestPki.ec();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        Path cert = write("cert.pem", TestPki.pem(chain.leaf(), chain.intermediate()));

        String sec1 = TestPki.traditional(keys.getPrivate());
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        for (String keyPem : List.of(TestPki.pkcs8(keys.getPrivate()), sec1)) {
            CertifiedKey loaded = CertifiedKey.load(cert, write("key.pem", keyPem));
            assertThat(loaded.privateKey().getAlgorithm()).isEqualTo("EC");
            assertThat(loaded.certificate()).isEqualTo(chain.leaf());
        }
    }

    @Test
    void loadsEd25519Keys() throws Exception {
        KeyPair keys = TestPki.ed25519();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        CertifiedKey loaded = CertifiedKey.load(write("cert.pem", TestPki.pem(chain.leaf())),
                write("key.pem", TestPki.pkcs8(keys.getPrivate())));
        assertThat(loaded.privateKey().getAlgorithm()).isIn("EdDSA", "Ed25519");
        assertThat(loaded.certificate()).isEqualTo(chain.leaf());
    }

    @Test
    void loadsOpensslFilesWithEcParametersAndCombinedFiles() throws Exception {
        // Made with: openssl ecparam -name prime256v1 -genkey -out key.pem (which writes an
        // "EC PARAMETERS" block before the key), then openssl req -x509 -new -key key.pem.
        Path key = resource("openssl-ec-key.pem");
        Path cert = resource("openssl-ec-cert.pem");
        assertThat(Files.readString(key)).startsWith("-----BEGIN EC PARAMETERS-----");
        CertifiedKey loaded = CertifiedKey.load(cert, key);
        assertThat(loaded.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=openssl.example");

        Path combined = write("combined.pem", Files.readString(cert) + Files.readString(key));
        assertThat(CertifiedKey.load(combined, combined).certificate()).isEqualTo(loaded.certificate());
    }

    @Test
    void putsTheChainInOrderAndDropsStrangers() throws Exception {
        KeyPair keys = TestPki.ec();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        TestPki.Chain other = pki.chain(TestPki.ec(), "other.example.org");
        Path cert = write("cert.pem", TestPki.pem(chain.root(), other.leaf(), chain.intermediate(), chain.leaf()));
        CertifiedKey loaded = CertifiedKey.load(cert, write("key.pem", TestPki.pkcs8(keys.getPrivate())));
        assertThat(loaded.chain()).containsExactly(chain.leaf(), chain.intermediate(), chain.root());
    }

    @Test
    void ofReordersToo() throws Exception {
        KeyPair keys = TestPki.ec();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        CertifiedKey key = CertifiedKey.of(keys.getPrivate(), List.of(chain.intermediate(), chain.leaf()));
        assertThat(key.chain()).containsExactly(chain.leaf(), chain.intermediate());
        assertThat(key.notAfter()).isEqualTo(chain.leaf().getNotAfter().toInstant());
    }

    @Test
    void refusesAKeyThatDoesNotMatch() throws Exception {
        TestPki.Chain chain = pki.chain(TestPki.ec(), "mx.example.org");
        Path cert = write("cert.pem", TestPki.pem(chain.leaf()));
        for (KeyPair wrong : List.of(TestPki.ec(), TestPki.rsa(), TestPki.ed25519())) {
            Path key = write("key.pem", TestPki.pkcs8(wrong.getPrivate()));
            assertThatThrownBy(() -> CertifiedKey.load(cert, key))
                    .isInstanceOf(TlsMaterialException.class)
                    .hasMessage("certificate in " + cert + " does not match the private key in " + key);
        }
        Path twoCerts = write("chain.pem", TestPki.pem(chain.leaf(), chain.intermediate()));
        Path key = write("key.pem", TestPki.pkcs8(TestPki.rsa().getPrivate()));
        assertThatThrownBy(() -> CertifiedKey.load(twoCerts, key))
                .hasMessage("none of the 2 certificates in " + twoCerts + " matches the private key in " + key);
    }

    @Test
    void namesMissingAndUnusableFiles() throws Exception {
        KeyPair keys = TestPki.ec();
        TestPki.Chain chain = pki.chain(keys, "mx.example.org");
        Path cert = write("cert.pem", TestPki.pem(chain.leaf()));
        Path key = write("key.pem", TestPki.pkcs8(keys.getPrivate()));
        Path missing = dir.resolve("missing.pem");
        Path garbage = write("garbage.pem", "this is not PEM at all\n\u0000\u00ff binary junk\n");
        Path badBase64 = write("bad.pem", "-----BEGIN CERTIFICATE-----\n!!!!not base64!!!!\n-----END CERTIFICATE-----\n");
        Path truncated = write("truncated.pem", TestPki.pem(chain.leaf()).substring(0, 200));
        Path huge = dir.resolve("huge.pem");
        Files.write(huge, new byte[PemFiles.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> CertifiedKey.load(missing, key)).hasMessage("cannot read " + missing + ": no such file");
        assertThatThrownBy(() -> CertifiedKey.load(cert, missing)).hasMessage("cannot read " + missing + ": no such file");
        assertThatThrownBy(() -> CertifiedKey.load(garbage, key)).hasMessage("no certificate in " + garbage);
        assertThatThrownBy(() -> CertifiedKey.load(cert, garbage)).hasMessage("no private key in " + garbage);
        assertThatThrownBy(() -> CertifiedKey.load(cert, cert)).hasMessage("no private key in " + cert);
        assertThatThrownBy(() -> CertifiedKey.load(key, key)).hasMessage("no certificate in " + key);
        assertThatThrownBy(() -> CertifiedKey.load(badBase64, key)).hasMessageStartingWith("cannot parse " + badBase64 + " as PEM: ");
        assertThatThrownBy(() -> CertifiedKey.load(truncated, key)).hasMessageStartingWith("cannot parse " + truncated + " as PEM: ");
        assertThatThrownBy(() -> CertifiedKey.load(huge, key)).hasMessage(huge + " is larger than 1048576 bytes");

        Path twoKeys = write("two.pem", TestPki.pkcs8(keys.getPrivate()) + TestPki.pkcs8(keys.getPrivate()));
        assertThatThrownBy(() -> CertifiedKey.load(cert, twoKeys)).hasMessage("more than one private key in " + twoKeys);
    }

    @Test
    void refusesEncryptedKeysWithAHint() throws Exception {
        KeyPair keys = TestPki.ec();
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(keys.getPrivate(),
                    new JceOpenSSLPKCS8EncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC)
                            .setRandom(new SecureRandom()).setPassword("secret".toCharArray()).build()));
        }
        assertThat(out.toString()).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");
        Path cert = write("cert.pem", TestPki.pem(pki.chain(keys, "mx.example.org").leaf()));
        Path key = write("key.pem", out.toString());
        assertThatThrownBy(() -> CertifiedKey.load(cert, key))
                .hasMessage("encrypted private key in " + key + ": store it unencrypted (openssl pkey -in old.pem -out key.pem)");
    }

    @Test
    void loadsAnExpiredCertificate() throws Exception {
        KeyPair keys = TestPki.ec();
        X509Certificate expired = pki.certificate("old.example.org", keys.getPublic(), "old.example.org",
                keys.getPrivate(), false, "old.example.org", java.time.Instant.parse("2020-01-01T00:00:00Z"),
                java.time.Instant.parse("2021-01-01T00:00:00Z"));
        CertifiedKey loaded = CertifiedKey.of(keys.getPrivate(), List.of(expired));
        assertThat(loaded.chain()).containsExactly(expired);
    }

    private Path write(String name, String content) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.ISO_8859_1);
        return file;
    }

    private Path resource(String name) throws Exception {
        return Path.of(CertifiedKeyTest.class.getResource(name).toURI());
    }
}
