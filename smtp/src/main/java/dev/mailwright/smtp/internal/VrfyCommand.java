package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.Set;

/**
 * VRFY (RFC 5321 §3.5.3). Off unless the server enables it with a {@code VrfySupport}
 * backend; then it answers 252, which confirms nothing, so that VRFY cannot be used to
 * harvest addresses.
 */
final class VrfyCommand implements Command {

    static final SmtpReply CANNOT_VERIFY =
            SmtpReply.of(252, "2.5.0", "cannot VRFY user, but will accept message and attempt delivery");

    @Override
    public String verb() {
        return "VRFY";
    }

    @Override
    public Set<Precondition> preconditions() {
        return Set.of();
    }

    @Override
    public void execute(Conversation c, String argument) {
        if (argument.isBlank()) {
            c.reply(SmtpReply.of(501, "5.5.4", "syntax: VRFY address"));
            return;
        }
        if (c.context().vrfy() == null) {
            c.reply(CANNOT_VERIFY);
            return;
        }
        SmtpReply[] answer = new SmtpReply[1];
        if (c.callSession("vrfy", () -> answer[0] = c.context().vrfy().verify(argument, c.info()))) {
            c.reply(answer[0]);
        }
    }
}
