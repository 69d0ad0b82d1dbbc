package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.util.Set;
import java.util.function.BiConsumer;

/** The commands that need no class of their own: RSET, NOOP, QUIT and EXPN (RFC 5321 §4.1.1.5-§4.1.1.10). */
final class SimpleCommands implements Command {

    private final String verb;
    private final BiConsumer<Conversation, String> action;

    private SimpleCommands(String verb, BiConsumer<Conversation, String> action) {
        this.verb = verb;
        this.action = action;
    }

    /** RSET: drop the transaction, keep the introduction. */
    static Command rset() {
        return new SimpleCommands("RSET", (c, argument) -> {
            if (!argument.isEmpty()) {
                c.reply(SmtpReply.of(501, "5.5.4", "syntax: RSET takes no argument"));
                return;
            }
            c.abortTransaction();
            c.reply(SmtpReply.of(250, "2.0.0", "OK"));
        });
    }

    /** NOOP: any argument is ignored (RFC 5321 §4.1.1.9). */
    static Command noop() {
        return new SimpleCommands("NOOP", (c, argument) -> c.reply(SmtpReply.of(250, "2.0.0", "OK")));
    }

    static Command quit() {
        return new SimpleCommands("QUIT", (c, argument) ->
                c.closeWith(SmtpReply.of(221, "2.0.0", c.context().hostname() + " closing connection")));
    }

    /** EXPN would reveal list members; it is recognised and refused. */
    static Command expn() {
        return new SimpleCommands("EXPN", (c, argument) -> c.reply(SmtpReply.of(502, "5.5.1", "EXPN not supported")));
    }

    @Override
    public String verb() {
        return verb;
    }

    @Override
    public Set<Precondition> preconditions() {
        return Set.of();
    }

    @Override
    public void execute(Conversation c, String argument) {
        action.accept(c, argument);
    }
}
