package dev.mailwright.core.store;

import java.util.Objects;

/**
 * A mail store refused an operation. The {@link Reason} tells engines how to answer (an
 * IMAP response code, an SMTP reply); the message is one line naming the problem, safe to
 * show to the account's owner.
 */
public class MailStoreException extends RuntimeException {

    /** Why an operation was refused. */
    public enum Reason {
        /** The account does not exist. */
        NO_SUCH_ACCOUNT,
        /** The account already exists. */
        ACCOUNT_EXISTS,
        /** The mailbox does not exist (IMAP {@code [NONEXISTENT]}). */
        NO_SUCH_MAILBOX,
        /** The mailbox already exists (IMAP {@code [ALREADYEXISTS]}). */
        MAILBOX_EXISTS,
        /** The mailbox name is not acceptable (IMAP {@code [CANNOT]}). */
        INVALID_NAME,
        /** The operation is not possible on this mailbox, such as deleting INBOX (IMAP {@code [CANNOT]}). */
        CANNOT,
        /** The mailbox has children and cannot be deleted (IMAP {@code [INUSE]}). */
        HAS_CHILDREN,
        /** The message was expunged (IMAP {@code [EXPUNGEISSUED]} or a FETCH gap). */
        NO_SUCH_MESSAGE,
        /** The account's quota would be exceeded (IMAP {@code [OVERQUOTA]}, SMTP 552 5.2.2). */
        OVER_QUOTA,
        /** A store limit was reached, such as the number of keywords (IMAP {@code [LIMIT]}). */
        LIMIT,
        /** The storage itself failed (disk, database); usually temporary (IMAP {@code [UNAVAILABLE]}). */
        STORAGE
    }

    private final Reason reason;

    public MailStoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MailStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }

    public static MailStoreException noSuchAccount(String account) {
        return new MailStoreException(Reason.NO_SUCH_ACCOUNT, "no such account: " + account);
    }

    public static MailStoreException noSuchMailbox(MailboxName name) {
        return new MailStoreException(Reason.NO_SUCH_MAILBOX, "no such mailbox: " + name);
    }

    public static MailStoreException mailboxExists(MailboxName name) {
        return new MailStoreException(Reason.MAILBOX_EXISTS, "mailbox already exists: " + name);
    }

    public static MailStoreException invalidName(String why) {
        return new MailStoreException(Reason.INVALID_NAME, "invalid mailbox name: " + why);
    }
}
