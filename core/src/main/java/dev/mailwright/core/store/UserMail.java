package dev.mailwright.core.store;

import dev.mailwright.core.MessageContent;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One account's mail: its mailboxes, subscriptions and quota. A handle is used by one
 * session at a time; several handles on the same account may be open at once.
 */
public interface UserMail extends AutoCloseable {

    String account();

    /** Every mailbox of the account, sorted by name. INBOX always exists. */
    List<MailboxInfo> mailboxes();

    /**
     * Creates a mailbox, and any missing parents (RFC 3501 §6.3.3). A special-use attribute
     * may be given to at most one mailbox of an account.
     *
     * @throws MailStoreException {@code MAILBOX_EXISTS}, {@code INVALID_NAME}, {@code LIMIT}
     */
    void create(MailboxName name, Set<SpecialUse> specialUse);

    /**
     * Deletes a mailbox and its messages. INBOX cannot be deleted ({@code CANNOT}), nor a
     * mailbox with children ({@code HAS_CHILDREN}).
     */
    void delete(MailboxName name);

    /**
     * Renames a mailbox and its children, keeping UIDVALIDITY, UIDs and special-use.
     * Renaming INBOX moves its messages to the new mailbox and leaves INBOX empty
     * (RFC 3501 §6.3.5).
     *
     * @throws MailStoreException {@code NO_SUCH_MAILBOX}, {@code MAILBOX_EXISTS},
     *     {@code CANNOT} (renaming a mailbox below itself)
     */
    void rename(MailboxName from, MailboxName to);

    /** Subscribed names, sorted. They need not exist (RFC 3501 §6.3.6). */
    List<MailboxName> subscriptions();

    void subscribe(MailboxName name, boolean subscribed);

    /** @throws MailStoreException {@code NO_SUCH_MAILBOX} */
    MailboxStatus status(MailboxName name);

    /**
     * Adds a message to a mailbox. The store copies the bytes; the caller still owns
     * {@code content} and releases it. Durable on return.
     *
     * @throws MailStoreException {@code NO_SUCH_MAILBOX}, {@code OVER_QUOTA}, {@code STORAGE},
     *     {@code LIMIT} when the store cannot hold another keyword
     */
    AppendResult append(MailboxName name, MessageContent content, Flags flags, Instant internalDate);

    /**
     * Opens a mailbox for reading and changing messages; close it when done.
     *
     * @throws MailStoreException {@code NO_SUCH_MAILBOX}
     */
    Mailbox select(MailboxName name);

    /** Current use and limits. */
    Quota quota();

    @Override
    void close();
}
