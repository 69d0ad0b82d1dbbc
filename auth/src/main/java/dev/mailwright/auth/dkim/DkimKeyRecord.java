package dev.mailwright.auth.dkim;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * A DKIM key record (RFC 6376 §3.6.1), with the key decoded once so that a cached record costs
 * nothing to reuse.
 *
 * @param keyType   {@code k=}: {@code rsa} or {@code ed25519}
 * @param hashes    {@code h=}: the hashes the key may be used with; empty means any
 * @param testing   {@code t=y}: the domain is testing DKIM
 * @param strict    {@code t=s}: the signature's i= domain must equal d= exactly
 * @param rsaKey    the RSA key, or null
 * @param edKey     the Ed25519 key, or null
 * @param keyBits   the RSA modulus length, or 256 for Ed25519; 0 when revoked
 */
record DkimKeyRecord(String keyType, List<String> hashes, boolean testing, boolean strict, PublicKey rsaKey,
        Ed25519PublicKeyParameters edKey, int keyBits) {

    /** RFC 8301 §3.2: verifiers must not accept RSA keys shorter than this. */
    static final int MIN_RSA_BITS = 1024;
    /** Longer keys are refused as a cost bound; RFC 8301 only asks verifiers to handle up to 4096. */
    static final int MAX_RSA_BITS = 8192;

    /** Whether the key was revoked ({@code p=} empty). */
    boolean revoked() {
        return rsaKey == null && edKey == null;
    }

    static DkimKeyRecord parse(String text) throws DkimSyntaxException {
        Map<String, String> tags = TagList.parse(text);
        String version = tags.get("v");
        if (version != null && (!version.equals("DKIM1") || !tags.keySet().iterator().next().equals("v"))) {
            throw new DkimSyntaxException("key record version is not DKIM1 in first place");
        }
        String keyType = TagList.lower(tags.getOrDefault("k", "rsa"));
        if (!keyType.equals("rsa") && !keyType.equals("ed25519")) {
            throw new DkimSyntaxException("unknown key type k=" + keyType);
        }
        List<String> hashes = tags.containsKey("h")
                ? List.of(TagList.lower(TagList.removeWhitespace(tags.get("h"))).split(":"))
                : List.of();
        String services = tags.get("s");
        if (services != null) {
            List<String> list = List.of(TagList.lower(TagList.removeWhitespace(services)).split(":"));
            if (!list.contains("*") && !list.contains("email")) {
                throw new DkimSyntaxException("key is not for email (s=" + services + ")");
            }
        }
        List<String> flags = tags.containsKey("t")
                ? List.of(TagList.lower(TagList.removeWhitespace(tags.get("t"))).split(":"))
                : List.of();
        String p = tags.get("p");
        if (p == null) {
            throw new DkimSyntaxException("key record has no p= tag");
        }
        byte[] key;
        try {
            key = TagList.base64(p);
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException("p= is not valid base64");
        }
        boolean testing = flags.contains("y");
        boolean strict = flags.contains("s");
        if (key.length == 0) {
            return new DkimKeyRecord(keyType, hashes, testing, strict, null, null, 0);
        }
        if (keyType.equals("ed25519")) {
            if (key.length != Ed25519PublicKeyParameters.KEY_SIZE) {
                throw new DkimSyntaxException("Ed25519 key of " + key.length + " octets, not 32");
            }
            return new DkimKeyRecord(keyType, hashes, testing, strict, null, new Ed25519PublicKeyParameters(key), 256);
        }
        RSAPublicKey rsa = rsaKey(key);
        return new DkimKeyRecord(keyType, hashes, testing, strict, rsa, null, rsa.getModulus().bitLength());
    }

    /** SubjectPublicKeyInfo as RFC 6376 specifies, or the bare PKCS#1 RSAPublicKey some domains publish. */
    private static RSAPublicKey rsaKey(byte[] der) throws DkimSyntaxException {
        try {
            KeyFactory factory = KeyFactory.getInstance("RSA");
            try {
                return (RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException | ClassCastException e) {
                org.bouncycastle.asn1.pkcs.RSAPublicKey pkcs1 = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                BigInteger modulus = pkcs1.getModulus();
                return (RSAPublicKey) factory.generatePublic(new RSAPublicKeySpec(modulus, pkcs1.getPublicExponent()));
            }
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new DkimSyntaxException("p= is not an RSA public key");
        }
    }
}
