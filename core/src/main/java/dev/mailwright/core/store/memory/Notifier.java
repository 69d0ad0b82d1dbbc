package dev.mailwright.core.store.memory;

import dev.mailwright.core.store.MailboxListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells a mailbox's listeners about a change, outside the account lock. */
final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private Notifier() {}

    static void notify(MailboxData mailbox) {
        if (mailbox == null) {
            return;
        }
        for (MailboxListener listener : mailbox.listeners) {
            try {
                listener.mailboxChanged(mailbox.name);
            } catch (RuntimeException e) {
                // One broken listener must not keep the others, or the writer, from going on.
                log.warn("mailbox listener failed for {}", mailbox.name, e);
            }
        }
    }
}
