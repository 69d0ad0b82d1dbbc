package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.EnumSet;
import java.util.Set;

/**
 * STARTTLS (RFC 3207). The 220 goes out in plaintext, then TLS starts; whatever the client
 * pipelined after the command is thrown away unread (CVE-2011-0411), and the conversation
 * starts again from the greeting state: EHLO must come again.
 */
final class StartTlsCommand implements Command {

    @Override
    public String verb() {
        return "STARTTLS";
    }

    @Override
    public Set<Precondition> preconditions() {
        return EnumSet.of(Precondition.INTRODUCED);
    }

    @Override
    public void execute(Conversation c, String argument) {
        if (!argument.isEmpty()) {
            c.reply(SmtpReply.of(501, "5.5.4", "syntax: STARTTLS takes no argument"));
        } else if (c.connection().isSecure()) {
            c.reply(SmtpReply.of(554, "5.5.1", "TLS already active"));
        } else if (!c.connection().canStartTls()) {
            c.reply(SmtpReply.of(502, "5.5.1", "STARTTLS not available"));
        } else {
            c.startTls();
        }
    }
}
