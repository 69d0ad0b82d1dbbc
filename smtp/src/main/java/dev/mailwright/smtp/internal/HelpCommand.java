package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.List;
import java.util.Set;

/** HELP (RFC 5321 §4.1.1.8): the commands this server knows. */
final class HelpCommand implements Command {

    @Override
    public String verb() {
        return "HELP";
    }

    @Override
    public Set<Precondition> preconditions() {
        return Set.of();
    }

    @Override
    public void execute(Conversation c, String argument) {
        String hello = c.lmtp() ? "LHLO" : "HELO EHLO";
        c.reply(new SmtpReply(214, "2.0.0", List.of(
                "commands: " + hello + " MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH",
                "see RFC 5321")));
    }
}
