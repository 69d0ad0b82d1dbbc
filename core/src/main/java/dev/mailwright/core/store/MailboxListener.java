package dev.mailwright.core.store;

/** Hears that a mailbox changed; see {@link Mailbox#watch}. */
@FunctionalInterface
public interface MailboxListener {
    void mailboxChanged(MailboxName name);
}
