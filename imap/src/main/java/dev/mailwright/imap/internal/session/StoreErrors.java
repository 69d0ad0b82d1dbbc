package dev.mailwright.imap.internal.session;

import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.imap.internal.protocol.ImapException;

/** Store refusals as IMAP answers, with the RFC 5530 / RFC 9051 response codes. */
public final class StoreErrors {

    private StoreErrors() {}

    public static ImapException toImap(MailStoreException e) {
        return switch (e.reason()) {
            case NO_SUCH_MAILBOX -> ImapException.no("NONEXISTENT", "No such mailbox");
            case MAILBOX_EXISTS -> ImapException.no("ALREADYEXISTS", "Mailbox already exists");
            case INVALID_NAME -> ImapException.no("CANNOT", oneLine(e.getMessage()));
            case CANNOT -> ImapException.no("CANNOT", oneLine(e.getMessage()));
            case HAS_CHILDREN -> ImapException.no("HASCHILDREN", "Mailbox has children");
            case NO_SUCH_MESSAGE -> ImapException.no("EXPUNGEISSUED", "Message was expunged");
            case OVER_QUOTA -> ImapException.no("OVERQUOTA", "Quota exceeded");
            case LIMIT -> ImapException.no("LIMIT", oneLine(e.getMessage()));
            case NO_SUCH_ACCOUNT, ACCOUNT_EXISTS, STORAGE -> ImapException.no("UNAVAILABLE", "Mail storage is unavailable, try again later");
        };
    }

    private static String oneLine(String text) {
        if (text == null || text.isEmpty()) {
            return "Operation not possible";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length() && i < 200; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }
}
