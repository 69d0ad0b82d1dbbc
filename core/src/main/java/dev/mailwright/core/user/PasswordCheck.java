package dev.mailwright.core.user;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.BiPredicate;

/**
 * Verifies a password against a stored hash, or, for an unknown user, against a dummy hash
 * made with the same parameters, so that "no such user" and "wrong password" cost the same
 * work and give the same answer.
 */
final class PasswordCheck {

    private final BiPredicate<String, String> verifier;
    private final String dummyHash;

    PasswordCheck(BiPredicate<String, String> verifier, String dummyHash) {
        this.verifier = verifier;
        this.dummyHash = dummyHash;
    }

    /** A check with {@code hasher}; makes the dummy hash now, which costs one hash. */
    static PasswordCheck using(PasswordHasher hasher) {
        // The dummy's password is random and forgotten at once, so nothing can match it.
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        return new PasswordCheck(hasher::verify, hasher.hash(Base64.getEncoder().encodeToString(secret)));
    }

    /** Whether {@code password} matches {@code storedHash}; {@code null} means the user is unknown. */
    boolean matches(String password, String storedHash) {
        boolean known = storedHash != null;
        boolean matches = verifier.test(password, known ? storedHash : dummyHash);
        return known & matches;
    }
}
