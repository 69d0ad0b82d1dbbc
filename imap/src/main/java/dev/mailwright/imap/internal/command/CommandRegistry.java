package dev.mailwright.imap.internal.command;

import java.util.HashMap;
import java.util.Map;

/** The commands a server understands, by name; UID forms are looked up separately. */
public final class CommandRegistry {

    private final Map<String, Command> commands = new HashMap<>();
    private final Map<String, Command> uidCommands = new HashMap<>();

    private CommandRegistry() {}

    /** Every command the engine implements. */
    public static CommandRegistry standard() {
        CommandRegistry r = new CommandRegistry();
        r.add("CAPABILITY", new CapabilityCommand());
        r.add("NOOP", new NoopCommand());
        r.add("CHECK", new NoopCommand());
        r.add("LOGOUT", new LogoutCommand());
        r.add("STARTTLS", new StartTlsCommand());
        r.add("LOGIN", new LoginCommand());
        r.add("AUTHENTICATE", new AuthenticateCommand());
        r.add("ENABLE", new EnableCommand());
        r.add("ID", new IdCommand());
        r.add("NAMESPACE", new NamespaceCommand());
        r.add("COMPRESS", new CompressCommand());
        r.add("SELECT", new SelectCommand(false));
        r.add("EXAMINE", new SelectCommand(true));
        r.add("CREATE", new CreateCommand());
        r.add("DELETE", new DeleteCommand());
        r.add("RENAME", new RenameCommand());
        r.add("SUBSCRIBE", new SubscribeCommand(true));
        r.add("UNSUBSCRIBE", new SubscribeCommand(false));
        r.add("LIST", new ListCommand(false));
        r.add("LSUB", new ListCommand(true));
        r.add("STATUS", new StatusCommand());
        r.add("APPEND", new AppendCommand());
        r.add("CLOSE", new CloseCommand(true));
        r.add("UNSELECT", new CloseCommand(false));
        r.add("IDLE", new IdleCommand());
        r.add("GETQUOTA", new QuotaCommand(false));
        r.add("GETQUOTAROOT", new QuotaCommand(true));
        r.add("SETQUOTA", new SetQuotaCommand());
        Command expunge = new ExpungeCommand();
        r.add("EXPUNGE", expunge);
        r.uidCommands.put("EXPUNGE", expunge);
        r.both("COPY", new CopyCommand(false));
        r.both("MOVE", new CopyCommand(true));
        r.both("STORE", new StoreCommand());
        r.both("FETCH", new FetchCommand());
        r.both("SEARCH", new SearchCommand());
        r.both("SORT", new SortCommand(false));
        r.both("THREAD", new SortCommand(true));
        return r;
    }

    private void add(String name, Command command) {
        commands.put(name, command);
    }

    /** A command with a plain and a UID form. */
    void both(String name, Command command) {
        commands.put(name, command);
        uidCommands.put(name, command);
    }

    /** The command, or null when there is none by that name. */
    public Command find(String name, boolean uid) {
        return uid ? uidCommands.get(name) : commands.get(name);
    }
}
