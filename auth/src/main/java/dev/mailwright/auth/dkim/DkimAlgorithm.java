package dev.mailwright.auth.dkim;

/** The signing algorithms of RFC 6376 §3.3 and RFC 8463. */
public enum DkimAlgorithm {
    /** RSA with SHA-1: still parsed, never accepted as valid (RFC 8301 §3.1). */
    RSA_SHA1("rsa-sha1", "rsa", "sha1", "SHA-1"),
    /** RSA with SHA-256 (RFC 6376 §3.3.1). */
    RSA_SHA256("rsa-sha256", "rsa", "sha256", "SHA-256"),
    /** Ed25519 over a SHA-256 hash (RFC 8463). */
    ED25519_SHA256("ed25519-sha256", "ed25519", "sha256", "SHA-256");

    private final String tag;
    private final String keyType;
    private final String hashTag;
    private final String digest;

    DkimAlgorithm(String tag, String keyType, String hashTag, String digest) {
        this.tag = tag;
        this.keyType = keyType;
        this.hashTag = hashTag;
        this.digest = digest;
    }

    /** The {@code a=} value, e.g. {@code rsa-sha256}. */
    public String tag() {
        return tag;
    }

    /** The key record's {@code k=} value: {@code rsa} or {@code ed25519}. */
    public String keyType() {
        return keyType;
    }

    /** The hash as a key record's {@code h=} names it: {@code sha1} or {@code sha256}. */
    String hashTag() {
        return hashTag;
    }

    /** The JCA digest name. */
    String digest() {
        return digest;
    }

    /** The algorithm for an {@code a=} value, ignoring case, or null. */
    static DkimAlgorithm fromTag(String tag) {
        for (DkimAlgorithm algorithm : values()) {
            if (algorithm.tag.equalsIgnoreCase(tag)) {
                return algorithm;
            }
        }
        return null;
    }
}
