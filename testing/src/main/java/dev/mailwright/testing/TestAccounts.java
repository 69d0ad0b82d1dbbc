package dev.mailwright.testing;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.store.FlagUpdate;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.Mailbox;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MessageInfo;
import dev.mailwright.core.store.UidSet;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.core.user.InMemoryUserDirectory;
import dev.mailwright.core.user.PasswordHasher;
import dev.mailwright.core.user.UserDirectoryException;
import dev.mailwright.core.user.Usernames;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The users of a test server: who may log in, which recipient addresses have a mailbox, and
 * the accounts created on demand. Thread-safe.
 */
final class TestAccounts {

    /**
     * Hashing that costs microseconds: test passwords protect nothing, and a test suite logs
     * in often. The argon2id defaults would add tens of milliseconds to every login.
     */
    private static PasswordHasher cheapHasher() {
        return PasswordHasher.builder().memoryKiB(64).iterations(1).parallelism(1).build();
    }

    private final InMemoryUserDirectory directory = new InMemoryUserDirectory(cheapHasher());
    private final MailStore store;
    /** A-label domains, lower case; empty means every domain is local. */
    private final Set<String> domains;
    private final boolean autoCreate;

    TestAccounts(MailStore store, Set<String> domains, boolean autoCreate) {
        this.store = store;
        this.domains = Set.copyOf(domains);
        this.autoCreate = autoCreate;
    }

    /**
     * Creates the account, or sets its password if it exists, and gives it the standard mailboxes.
     *
     * @return the canonical account name
     * @throws IllegalArgumentException naming what is wrong with the name or password
     */
    String createOrUpdate(String username, String password) {
        String name;
        try {
            name = Usernames.normalize(username);
            try {
                directory.create(name, password);
            } catch (UserDirectoryException e) {
                if (e.reason() != UserDirectoryException.Reason.ALREADY_EXISTS) {
                    throw e;
                }
                directory.setPassword(name, password);
            }
        } catch (UserDirectoryException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        store.provision(name);
        return name;
    }

    boolean exists(String username) {
        return directory.exists(username);
    }

    List<String> users() {
        return directory.list();
    }

    /** Whether mail for this address is delivered here (rather than relayed, or refused). */
    boolean isLocal(MailAddress address) {
        return domains.isEmpty() || domains.contains(address.asciiDomain().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The account of a local recipient: an existing one, or with auto-creation a new one
     * whose password is the address itself, as GreenMail does.
     */
    Optional<String> accountFor(MailAddress recipient) {
        Optional<String> existing = directory.accountFor(recipient.localPart(), recipient.unicodeDomain());
        if (existing.isPresent() || !autoCreate) {
            return existing;
        }
        String address = recipient.toString();
        try {
            return Optional.of(createIfAbsent(address, address));
        } catch (UserDirectoryException e) {
            // A valid address the account rules cannot hold (a quoted local part with a colon, say).
            return Optional.empty();
        }
    }

    /** Checks a login; with auto-creation an unknown user is created with the password given. */
    Optional<String> authenticate(String username, String password) {
        Optional<String> user = directory.authenticate(username, password);
        if (user.isPresent() || !autoCreate || directory.exists(username)) {
            return user;
        }
        try {
            createIfAbsent(username, password);
        } catch (UserDirectoryException e) {
            return Optional.empty();
        }
        // Another login may have created it first, with another password.
        return directory.authenticate(username, password);
    }

    private String createIfAbsent(String username, String password) {
        String name = Usernames.normalize(username);
        try {
            directory.create(name, password);
        } catch (UserDirectoryException e) {
            if (e.reason() != UserDirectoryException.Reason.ALREADY_EXISTS) {
                throw e;
            }
        }
        store.provision(name);
        return name;
    }

    /** Removes every message from every mailbox; users and mailboxes stay. */
    void purgeMessages() {
        for (String account : store.accounts()) {
            try (UserMail mail = store.open(account)) {
                for (MailboxInfo info : mail.mailboxes()) {
                    try (Mailbox mailbox = mail.select(info.name())) {
                        UidSet all = UidSet.of(mailbox.snapshot().messages().stream().map(MessageInfo::uid).toList());
                        if (!all.isEmpty()) {
                            mailbox.store(all, FlagUpdate.add(Flags.of(Flags.SystemFlag.DELETED)), OptionalLong.empty());
                            mailbox.expunge(Optional.of(all));
                        }
                    } catch (MailStoreException e) {
                        if (e.reason() != MailStoreException.Reason.NO_SUCH_MAILBOX) {
                            throw e;
                        }
                    }
                }
            } catch (MailStoreException e) {
                if (e.reason() != MailStoreException.Reason.NO_SUCH_ACCOUNT) {
                    throw e;
                }
            }
        }
    }
}
