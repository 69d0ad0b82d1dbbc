package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpReply;










import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The commands a listener understands, by verb, with their preconditions checked before each runs. */
public final class CommandRegistry {

    private final Map<String, Command> commands = new HashMap<>();

    private CommandRegistry(List<Command> list) {
        for (Command c : list) {
            commands.put(c.verb(), c);
        }
    }

    /** The commands of a role: LMTP has LHLO where SMTP has HELO and EHLO. */
    public static CommandRegistry forRole(ListenerRole role) {
        List<Command> hello = role == ListenerRole.LMTP
                ? List.of(HelloCommand.lhlo())
                : List.of(HelloCommand.helo(), HelloCommand.ehlo());
        List<Command> rest = List.of(new MailCommand(), new RcptCommand(), new DataCommand(), new BdatCommand(),
                new StartTlsCommand(), new AuthCommand(), new VrfyCommand(), new HelpCommand(),
                SimpleCommands.rset(), SimpleCommands.noop(), SimpleCommands.quit(), SimpleCommands.expn());
        List<Command> all = new java.util.ArrayList<>(hello);
        all.addAll(rest);
        return new CommandRegistry(all);
    }

    /** The command for a verb in upper case, or empty. */
    Optional<Command> find(String verb) {
        return Optional.ofNullable(commands.get(verb));
    }

    /** The first precondition of {@code command} that fails, as its reply. */
    static Optional<SmtpReply> check(Command command, Conversation conversation) {
        for (Precondition p : command.preconditions()) {
            Optional<SmtpReply> refusal = p.check(conversation);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
