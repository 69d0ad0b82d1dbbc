package dev.mailwright.server.pipeline;

import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.store.Flags;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.MailboxInfo;
import dev.mailwright.core.store.MailboxName;
import dev.mailwright.core.store.SpecialUse;
import dev.mailwright.core.store.UserMail;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Final delivery into an account's INBOX, or into its Junk mailbox for quarantined mail,
 * with the Return-Path field of RFC 5321 §4.4 on top. Durable when the store is.
 */
public final class LocalDelivery {

    private static final Logger log = LoggerFactory.getLogger(LocalDelivery.class);

    private final MailStore store;
    private final Clock clock;

    public LocalDelivery(MailStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Delivers one copy to one account.
     *
     * @param id the message's id, for the log line
     * @param sender the envelope sender, for Return-Path
     * @param recipient the recipient the result speaks of
     * @param quarantine whether the message goes to Junk instead of INBOX
     */
    public RecipientResult deliver(String id, Optional<MailAddress> sender, MailAddress recipient, String account,
            MessageContent content, boolean quarantine) {
        String returnPath = "Return-Path: <" + sender.map(MailAddress::toString).orElse("") + ">\r\n";
        MessageContent withReturnPath = content.prepend(returnPath.getBytes(StandardCharsets.UTF_8));
        try (UserMail mail = open(account)) {
            MailboxName mailbox = quarantine ? junk(mail) : MailboxName.INBOX;
            mail.append(mailbox, withReturnPath, Flags.NONE, clock.instant());
            log.info("message {} from=<{}> to=<{}> delivered to {} {}", id, sender.map(Object::toString).orElse(""),
                    recipient, account, mailbox);
            return RecipientResult.accepted(recipient);
        } catch (MailStoreException e) {
            RecipientResult result = switch (e.reason()) {
                case NO_SUCH_ACCOUNT -> RecipientResult.permanentFailure(recipient, 550, "5.1.1", "mailbox unavailable");
                case OVER_QUOTA -> RecipientResult.temporaryFailure(recipient, 452, "4.2.2", "mailbox full");
                default -> RecipientResult.temporaryFailure(recipient, 451, "4.3.0", "temporary storage failure, try again later");
            };
            log.warn("message {} from=<{}> to=<{}> not delivered to {}: {} ({})", id, sender.map(Object::toString).orElse(""),
                    recipient, account, e.getMessage(), e.reason());
            return result;
        } catch (RuntimeException e) {
            log.error("message {} to=<{}>: delivery to {} failed", id, recipient, account, e);
            return RecipientResult.temporaryFailure(recipient, 451, "4.3.0", "temporary storage failure, try again later");
        }
    }

    /**
     * Whether the account can take a message of about {@code bytes}: checked at RCPT, so
     * that a full mailbox is a 452 then rather than a failure after the message was
     * accepted for others. An account not yet provisioned has room.
     */
    public boolean hasRoom(String account, long bytes) {
        if (!store.exists(account)) {
            return true;
        }
        try (UserMail mail = store.open(account)) {
            return mail.quota().allows(bytes, 1);
        } catch (MailStoreException e) {
            return e.reason() != MailStoreException.Reason.OVER_QUOTA;
        }
    }

    /**
     * The account's mail, provisioned on first delivery: the directory said the account
     * exists, so its mailboxes should too (INBOX and the special-use folders).
     */
    private UserMail open(String account) {
        try {
            return store.open(account);
        } catch (MailStoreException e) {
            if (e.reason() != MailStoreException.Reason.NO_SUCH_ACCOUNT) {
                throw e;
            }
            store.provision(account);
            log.info("created the mailboxes of {} on its first delivery", account);
            return store.open(account);
        }
    }

    /** The account's Junk mailbox (by special use, then by name), created if missing. */
    private static MailboxName junk(UserMail mail) {
        for (MailboxInfo info : mail.mailboxes()) {
            if (info.specialUse().contains(SpecialUse.JUNK)) {
                return info.name();
            }
        }
        MailboxName junk = MailboxName.of("Junk");
        try {
            mail.create(junk, java.util.Set.of(SpecialUse.JUNK));
        } catch (MailStoreException e) {
            if (e.reason() != MailStoreException.Reason.MAILBOX_EXISTS && e.reason() != MailStoreException.Reason.CANNOT) {
                throw e;
            }
        }
        return junk;
    }
}
