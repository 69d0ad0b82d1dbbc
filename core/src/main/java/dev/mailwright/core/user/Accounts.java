package dev.mailwright.core.user;

import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The lookups every hash-storing directory shares, over its own map from name to hash. */
final class Accounts {

    private Accounts() {
    }

    static Optional<String> authenticate(String username, String password, Function<String, String> hashOf,
                                         PasswordCheck check) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        String name = Usernames.normalizeOrNull(username);
        String hash = name == null ? null : hashOf.apply(name);
        return check.matches(password, hash) ? Optional.of(name) : Optional.empty();
    }

    static boolean exists(String username, Predicate<String> exists) {
        String name = Usernames.normalizeOrNull(Objects.requireNonNull(username, "username"));
        return name != null && exists.test(name);
    }

    static Optional<String> accountFor(String localPart, String domain, Predicate<String> exists) {
        Objects.requireNonNull(localPart, "localPart");
        Objects.requireNonNull(domain, "domain");
        String full = Usernames.normalizeOrNull(localPart, domain);
        if (full != null && exists.test(full)) {
            return Optional.of(full);
        }
        if (localPart.indexOf('@') < 0) {
            String bare = Usernames.normalizeOrNull(localPart);
            if (bare != null && exists.test(bare)) {
                return Optional.of(bare);
            }
        }
        return Optional.empty();
    }

    /** The hash for a new password, or a {@code INVALID_PASSWORD} failure naming the problem. */
    static String newHash(PasswordHasher hasher, String password) {
        Objects.requireNonNull(password, "password");
        try {
            return hasher.hash(password);
        } catch (IllegalArgumentException e) {
            throw new UserDirectoryException(Reason.INVALID_PASSWORD, "invalid password: " + e.getMessage());
        }
    }

    static UserDirectoryException alreadyExists(String name) {
        return new UserDirectoryException(Reason.ALREADY_EXISTS, "user already exists: " + name);
    }

    static UserDirectoryException noSuchUser(String name) {
        return new UserDirectoryException(Reason.NO_SUCH_USER, "no such user: " + name);
    }
}
