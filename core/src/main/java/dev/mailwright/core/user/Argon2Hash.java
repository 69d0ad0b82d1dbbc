package dev.mailwright.core.user;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * One argon2id hash with its parameters (RFC 9106), read from or written as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding), or read from
 * maddy's {@code argon2:t:m:p:<salt>:<hash>} form (base64 with padding).
 *
 * <p>Parsing enforces bounds so that a damaged or hostile stored hash cannot make one login
 * allocate gigabytes or run for minutes.
 */
record Argon2Hash(int version, int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {

    static final int MAX_MEMORY_KIB = 1 << 20;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 64;
    static final int MIN_SALT = 8;
    static final int MAX_SALT = 64;
    static final int MIN_HASH = 4;
    static final int MAX_HASH = 128;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id(?:\\$v=(\\d{1,3}))?\\$m=(\\d{1,8}),t=(\\d{1,4}),p=(\\d{1,3})"
                    + "\\$([A-Za-z0-9+/]{1,128})\\$([A-Za-z0-9+/]{1,256})");
    private static final Pattern MADDY = Pattern.compile(
            "argon2:(\\d{1,4}):(\\d{1,8}):(\\d{1,3}):([A-Za-z0-9+/]{1,128}={0,2}):([A-Za-z0-9+/]{1,256}={0,2})");

    /** The hash in {@code s}, or {@code null} if it is not a well-formed argon2id PHC string within bounds. */
    static Argon2Hash parsePhc(String s) {
        Matcher m = PHC.matcher(s);
        if (!m.matches()) {
            return null;
        }
        // The PHC format says a missing version means the original 1.0 (0x10).
        int version = m.group(1) == null ? Argon2Parameters.ARGON2_VERSION_10 : Integer.parseInt(m.group(1));
        return checked(version, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), m.group(5), m.group(6));
    }

    /** The hash in maddy's {@code argon2:} form, or {@code null} if malformed or out of bounds. */
    static Argon2Hash parseMaddy(String s) {
        Matcher m = MADDY.matcher(s);
        if (!m.matches()) {
            return null;
        }
        return checked(Argon2Parameters.ARGON2_VERSION_13, Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(1)), Integer.parseInt(m.group(3)), m.group(4), m.group(5));
    }

    private static Argon2Hash checked(int version, int memory, int iterations, int parallelism,
                                      String salt64, String hash64) {
        if (version != Argon2Parameters.ARGON2_VERSION_10 && version != Argon2Parameters.ARGON2_VERSION_13
                || iterations < 1 || iterations > MAX_ITERATIONS
                || parallelism < 1 || parallelism > MAX_PARALLELISM
                || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            return null;
        }
        byte[] salt;
        byte[] hash;
        try {
            salt = Base64.getDecoder().decode(salt64);
            hash = Base64.getDecoder().decode(hash64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (salt.length < MIN_SALT || salt.length > MAX_SALT || hash.length < MIN_HASH || hash.length > MAX_HASH) {
            return null;
        }
        return new Argon2Hash(version, memory, iterations, parallelism, salt, hash);
    }

    /** Computes a fresh hash of {@code password} with these parameters and salt. */
    static Argon2Hash compute(byte[] password, byte[] salt, int memoryKiB, int iterations, int parallelism,
                              int hashLength) {
        byte[] hash = derive(password, salt, null, null, Argon2Parameters.ARGON2_VERSION_13,
                memoryKiB, iterations, parallelism, hashLength);
        return new Argon2Hash(Argon2Parameters.ARGON2_VERSION_13, memoryKiB, iterations, parallelism,
                salt.clone(), hash);
    }

    /** Whether {@code password} hashes to this hash; the comparison takes constant time. */
    boolean matches(byte[] password) {
        byte[] computed = derive(password, salt, null, null, version, memoryKiB, iterations, parallelism,
                hash.length);
        return MessageDigest.isEqual(computed, hash);
    }

    String toPhc() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=" + version + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Raw argon2id as RFC 9106 §3 defines it, with the optional secret and associated data. */
    static byte[] derive(byte[] password, byte[] salt, byte[] secret, byte[] associatedData, int version,
                         int memoryKiB, int iterations, int parallelism, int length) {
        Argon2Parameters.Builder params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(version)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (secret != null) {
            params.withSecret(secret);
        }
        if (associatedData != null) {
            params.withAdditional(associatedData);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }
}
