package dev.mailwright.core.store;

import java.util.List;
import java.util.Set;

/**
 * Where mail lives: accounts, each with mailboxes of messages. Implementations are
 * thread-safe; the in-memory store is for tests and embedding, the Maildir store is the
 * durable default, and a shared database store serves several nodes.
 *
 * <p>Contract, checked by the shared contract test suite:
 * <ul>
 *   <li>A store assigns UIDs and MODSEQs atomically with the change itself; a UID is never
 *       reused within a mailbox of a given UIDVALIDITY, also across restarts and processes.
 *   <li>An append, copy, move, flag change or expunge is durable when the call returns
 *       (except for stores that say they are not durable, like the in-memory one).
 *   <li>Change events reach {@link Mailbox#watch} listeners for changes made through any
 *       handle of the store; stores shared between processes also report changes made
 *       elsewhere, at the latest when {@link Mailbox#changesSince} is next called.
 * </ul>
 */
public interface MailStore extends AutoCloseable {

    /** The mailboxes a new account gets by {@link #provision}, besides INBOX. */
    List<MailboxInfo> STANDARD_MAILBOXES = List.of(
            new MailboxInfo(MailboxName.of("Drafts"), Set.of(SpecialUse.DRAFTS)),
            new MailboxInfo(MailboxName.of("Sent"), Set.of(SpecialUse.SENT)),
            new MailboxInfo(MailboxName.of("Archive"), Set.of(SpecialUse.ARCHIVE)),
            new MailboxInfo(MailboxName.of("Junk"), Set.of(SpecialUse.JUNK)),
            new MailboxInfo(MailboxName.of("Trash"), Set.of(SpecialUse.TRASH)));

    /**
     * Opens an account's mail. The handle is cheap; close it when done.
     *
     * @throws MailStoreException {@code NO_SUCH_ACCOUNT}
     */
    UserMail open(String account);

    boolean exists(String account);

    /**
     * Creates an account with an empty INBOX.
     *
     * @throws MailStoreException {@code ACCOUNT_EXISTS}, or {@code INVALID_NAME} for a name
     *     the store cannot hold
     */
    void createAccount(String account);

    /**
     * Removes an account and all its mail.
     *
     * @throws MailStoreException {@code NO_SUCH_ACCOUNT}
     */
    void deleteAccount(String account);

    /** Every account, sorted. */
    List<String> accounts();

    /**
     * Creates an account with INBOX and the {@link #STANDARD_MAILBOXES} (Drafts, Sent,
     * Archive, Junk, Trash with their special-use attributes), subscribed. If the account
     * exists, only the missing mailboxes are created.
     */
    default void provision(String account) {
        if (!exists(account)) {
            try {
                createAccount(account);
            } catch (MailStoreException e) {
                if (e.reason() != MailStoreException.Reason.ACCOUNT_EXISTS) {
                    throw e;
                }
            }
        }
        try (UserMail mail = open(account)) {
            mail.subscribe(MailboxName.INBOX, true);
            for (MailboxInfo standard : STANDARD_MAILBOXES) {
                try {
                    mail.create(standard.name(), standard.specialUse());
                } catch (MailStoreException e) {
                    if (e.reason() != MailStoreException.Reason.MAILBOX_EXISTS) {
                        throw e;
                    }
                }
                mail.subscribe(standard.name(), true);
            }
        }
    }

    /** Releases the store's resources. Handles opened from it stop working. */
    @Override
    void close();
}
