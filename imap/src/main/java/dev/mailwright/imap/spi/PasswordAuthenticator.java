package dev.mailwright.imap.spi;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Decides who may log in, for hosts whose accounts live outside a
 * {@link dev.mailwright.core.user.UserDirectory}. Called off the network threads; may
 * block. Never log the password.
 */
@FunctionalInterface
public interface PasswordAuthenticator {

    /**
     * Checks a username and password.
     *
     * @param client the client's address (the real client's when a PROXY header named one)
     * @return the account to open in the mail store, or empty to refuse; unknown users and
     *     wrong passwords must look the same
     */
    Optional<String> authenticate(String username, String password, InetSocketAddress client);
}
