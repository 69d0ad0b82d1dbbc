package dev.mailwright.core.user;

import java.util.List;

/**
 * A {@link UserDirectory} that can also be administered. Every method fails with a
 * {@link UserDirectoryException} naming the problem. A change is visible to every reader
 * when the method returns, and on stable storage if the implementation persists at all.
 */
public interface ManagedUserDirectory extends UserDirectory {

    /** Adds an account; fails with {@code ALREADY_EXISTS} if the name is taken. */
    void create(String username, String password);

    /** Replaces the password of an existing account; fails with {@code NO_SUCH_USER}. */
    void setPassword(String username, String password);

    /** Deletes an account; fails with {@code NO_SUCH_USER}. */
    void remove(String username);

    /** Every canonical account name, sorted. */
    List<String> list();
}
