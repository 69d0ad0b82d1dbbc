package dev.mailwright.core.user;

import java.util.Objects;

/**
 * A user directory operation that could not be done, with a one-line message naming the
 * problem, for example {@code user already exists: alice@example.org}. Authentication never
 * throws this for a wrong password or an unknown user; it answers "no" instead.
 */
public final class UserDirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers (such as a command line) that react differently. */
    public enum Reason {
        /** The username breaks the rules of {@link Usernames}. */
        INVALID_USERNAME,
        /** The password is empty, too long or contains a NUL character. */
        INVALID_PASSWORD,
        /** {@code create} for a user that exists. */
        ALREADY_EXISTS,
        /** {@code setPassword} or {@code remove} for a user that does not exist. */
        NO_SUCH_USER,
        /** The backing store could not be read, parsed, locked or written. */
        STORAGE
    }

    private final Reason reason;

    public UserDirectoryException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public UserDirectoryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
