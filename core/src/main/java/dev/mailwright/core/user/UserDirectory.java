package dev.mailwright.core.user;

import java.util.Optional;

/**
 * The accounts a server knows: who may authenticate, and which recipient addresses are
 * delivered to a local account. Implementations are thread-safe; calls may block on disk or
 * network, so engines call them off their I/O threads.
 *
 * <p>Account names are canonical as defined by {@link Usernames#normalize(String)}; every
 * method accepts names in any case and normalises them the same way.
 */
public interface UserDirectory {

    /**
     * Checks a username and password. Returns the canonical account name on success. An
     * unknown user and a wrong password give the same empty answer, and an unknown user costs
     * one verification against a dummy hash made with the current parameters, so neither the
     * answer nor its timing tells which accounts exist (accounts whose hashes use other
     * parameters or another scheme take a different time to check).
     */
    Optional<String> authenticate(String username, String password);

    /** Whether an account with this name exists (after normalisation). */
    boolean exists(String username);

    /**
     * The account that receives mail for {@code localPart@domain}, if any. An account named
     * with a full address matches only that address; an account named without a domain
     * matches its local part in every domain, and the caller decides separately whether the
     * domain is local. The full-address account wins when both exist.
     */
    Optional<String> accountFor(String localPart, String domain);
}
