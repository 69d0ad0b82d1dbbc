package dev.mailwright.auth.dkim;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The signature operations. RSA uses the JDK; Ed25519 uses Bouncy Castle's implementation, which
 * signs many times faster than JDK 17's. Ed25519 signs the SHA-256 hash of the data, not the data
 * (RFC 8463 §3).
 */
final class Crypto {

    private Crypto() {
    }

    static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    static boolean verifyRsa(DkimAlgorithm algorithm, PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance(algorithm == DkimAlgorithm.RSA_SHA1 ? "SHA1withRSA" : "SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            // A malformed signature value is a signature that does not verify.
            return false;
        }
    }

    static boolean verifyEd25519(Ed25519PublicKeyParameters key, byte[] data, byte[] signature) {
        if (signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        byte[] hash = digest("SHA-256").digest(data);
        return key.verify(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, signature, 0);
    }

    static byte[] signRsa(PrivateKey key, byte[] data) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA signing failed: " + e.getMessage(), e);
        }
    }

    static byte[] signEd25519(Ed25519PrivateKeyParameters key, byte[] data) {
        byte[] hash = digest("SHA-256").digest(data);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        key.sign(Ed25519.Algorithm.Ed25519, null, hash, 0, hash.length, signature, 0);
        return signature;
    }
}
