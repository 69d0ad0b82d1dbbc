package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.Set;

/** DATA (RFC 5321 §4.1.1.4): after 354 the next bytes are the message, up to {@code <CRLF>.<CRLF>}. */
final class DataCommand implements Command {

    @Override
    public String verb() {
        return "DATA";
    }

    @Override
    public Set<Precondition> preconditions() {
        return EnumSet.of(Precondition.TRANSACTION);
    }

    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.reply(SmtpReply.of(501, "5.5.4", "syntax: DATA takes no argument"));
            return;
        }
        Transaction t = c.transaction();
        if (t.chunking) {
            c.reply(SmtpReply.of(503, "5.5.1", "DATA not allowed after BDAT"));
            return;
        }
        if (t.recipients.isEmpty()) {
            c.reply(noRecipients(t));
            return;
        }
        c.beginData();
    }

    /** RFC 2920 §3.1: with every RCPT refused, DATA gets 554; without any RCPT, it is out of sequence. */
    static SmtpReply noRecipients(Transaction t) {
        return t.recipientsTried > 0
                ? SmtpReply.of(554, "5.5.1", "no valid recipients")
                : SmtpReply.of(503, "5.5.1", "need RCPT command first");
    }
}
