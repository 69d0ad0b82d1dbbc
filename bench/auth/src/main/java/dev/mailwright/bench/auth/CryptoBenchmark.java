package dev.mailwright.bench.auth;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The bare signature operations DKIM is built on, over data the size of a signed header block:
 * the floor that {@link DkimBenchmark} is compared with. Also the JDK's own Ed25519, which the
 * signer does not use because Bouncy Castle's is faster.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 2)
@Fork(2)
public class CryptoBenchmark {

    private final byte[] data = new byte[600];
    private KeyPair rsa;
    private byte[] rsaSignature;
    private Ed25519PrivateKeyParameters ed;
    private Ed25519PublicKeyParameters edPublic;
    private byte[] edSignature;
    private KeyPair jdkEd;
    private byte[] jdkEdSignature;

    @Setup
    public void setUp() throws GeneralSecurityException {
        new SecureRandom().nextBytes(data);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        rsaSignature = rsaSign();
        ed = new Ed25519PrivateKeyParameters(new SecureRandom());
        edPublic = ed.generatePublicKey();
        edSignature = bcEd25519Sign();
        jdkEd = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        jdkEdSignature = jdkEd25519Sign();
    }

    @Benchmark
    public byte[] rsaSign() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(rsa.getPrivate());
        signer.update(data);
        return signer.sign();
    }

    @Benchmark
    public boolean rsaVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.getPublic());
        verifier.update(data);
        return verifier.verify(rsaSignature);
    }

    @Benchmark
    public byte[] bcEd25519Sign() throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        ed.sign(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, signature, 0);
        return signature;
    }

    @Benchmark
    public boolean bcEd25519Verify() throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
        return edPublic.verify(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, edSignature, 0);
    }

    @Benchmark
    public byte[] jdkEd25519Sign() throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(jdkEd.getPrivate());
        signer.update(hash);
        return signer.sign();
    }

    @Benchmark
    public boolean jdkEd25519Verify() throws GeneralSecurityException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(jdkEd.getPublic());
        verifier.update(hash);
        return verifier.verify(jdkEdSignature);
    }
}
