package dev.mailwright.server;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.user.UserDirectory;
import dev.mailwright.core.user.UserDirectoryException;
import dev.mailwright.core.user.Usernames;
import java.util.Optional;

/**
 * Who receives mail here: an account that can log in (the user directory), or a mail
 * account without a login ({@code imap-acct create}, for example a shared address read
 * by another process). Logging in still needs the directory.
 */
final class MailAccounts implements UserDirectory {

    private final UserDirectory users;
    private final MailStore store;

    MailAccounts(UserDirectory users, MailStore store) {
        this.users = users;
        this.store = store;
    }

    @Override
    public Optional<String> authenticate(String username, String password) {
        return users.authenticate(username, password);
    }

    @Override
    public boolean exists(String username) {
        return users.exists(username);
    }

    @Override
    public Optional<String> accountFor(String localPart, String domain) {
        Optional<String> account = users.accountFor(localPart, domain);
        if (account.isPresent()) {
            return account;
        }
        String name;
        try {
            name = Usernames.normalize(localPart + "@" + domain);
        } catch (UserDirectoryException e) {
            return Optional.empty();
        }
        return store.exists(name) ? Optional.of(name) : Optional.empty();
    }
}
