package dev.mailwright.smtp.spi;

import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.user.UserDirectory;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks AUTH credentials (RFC 4954, PLAIN and LOGIN). The engine runs the SASL exchange,
 * counts failures per client address and delays the answers; this only says yes or no.
 * May block; called on a connection worker. Thread-safe.
 */
@FunctionalInterface
public interface AuthSupport {

    /**
     * @return the canonical user name on success; empty for an unknown user and a wrong
     *     password alike, so that the client cannot tell them apart
     */
    Optional<String> authenticate(String username, String password, SessionInfo session);

    /**
     * Whether {@code user}, just authenticated, may act as {@code authorizationId} (the
     * SASL authzid, RFC 4616 §2). By default nobody may act as someone else.
     */
    default boolean mayActAs(String user, String authorizationId) {
        return false;
    }

    /** Checks credentials against a {@link UserDirectory}. */
    static AuthSupport of(UserDirectory directory) {
        Objects.requireNonNull(directory, "directory");
        return (username, password, session) -> directory.authenticate(username, password);
    }
}
