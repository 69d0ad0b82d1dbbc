package dev.mailwright.server.cli;

import dev.mailwright.core.user.ManagedUserDirectory;
import dev.mailwright.core.user.UserDirectoryException;
import dev.mailwright.server.Stores;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailwright creds}: the accounts that may log in, in the users file under the data
 * directory, or in the shared database with {@code [storage] backend = "postgres"}. Safe while
 * the server runs: file writes are atomic and locked, and the server re-reads the file when it
 * changes; database changes are seen by every node at once.
 */
@Command(name = "creds", mixinStandardHelpOptions = true, description = "Manage the accounts that may log in.",
        subcommands = {CredsCommand.Create.class, CredsCommand.ListUsers.class, CredsCommand.Remove.class,
                CredsCommand.Password.class})
final class CredsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Mailwright parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The users file under the data directory, or the shared database with {@code [storage] backend = "postgres"}. */
    static Stores.UserAccess directory(ConfigOption config) {
        return Stores.openUsers(config.load());
    }

    /** Reads a new password: from standard input with --password-stdin, else twice from the terminal. */
    static String readPassword(CredsCommand creds, boolean fromStdin) {
        if (fromStdin) {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(creds.parent.stdin(), StandardCharsets.UTF_8));
                String line = in.readLine();
                if (line == null || line.isEmpty()) {
                    throw new InputError("no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new InputError("cannot read the password from standard input");
            }
        }
        Console console = System.console();
        if (console == null) {
            throw new InputError("no terminal to ask for the password: use --password-stdin");
        }
        char[] first = console.readPassword("Password: ");
        char[] second = console.readPassword("Password again: ");
        try {
            if (first == null || first.length == 0) {
                throw new InputError("no password given");
            }
            if (!Arrays.equals(first, second)) {
                throw new InputError("the passwords do not match");
            }
            return new String(first);
        } finally {
            if (first != null) {
                Arrays.fill(first, '\0');
            }
            if (second != null) {
                Arrays.fill(second, '\0');
            }
        }
    }

    /** {@code creds create USER}. */
    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an account that may log in.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredsCommand creds;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USER", description = "The account name, usually a full address such as alice@example.org.")
        String user;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            try (Stores.UserAccess access = directory(config)) {
                ManagedUserDirectory users = access.directory();
                if (users.exists(user)) {
                    throw new UserDirectoryException(UserDirectoryException.Reason.ALREADY_EXISTS, "user already exists: " + user);
                }
                users.create(user, readPassword(creds, passwordStdin));
            }
            creds.spec.commandLine().getOut().println("created " + user);
            return 0;
        }
    }

    /** {@code creds list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts that may log in.")
    static final class ListUsers implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredsCommand creds;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            PrintWriter out = creds.spec.commandLine().getOut();
            try (Stores.UserAccess access = directory(config)) {
                access.directory().list().forEach(out::println);
            }
            return 0;
        }
    }

    /** {@code creds remove USER}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an account's login (its mail stays; see imap-acct).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredsCommand creds;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            try (Stores.UserAccess access = directory(config)) {
                access.directory().remove(user);
            }
            creds.spec.commandLine().getOut().println("removed " + user);
            return 0;
        }
    }

    /** {@code creds password USER}. */
    @Command(name = "password", mixinStandardHelpOptions = true, description = "Set an account's password.")
    static final class Password implements Callable<Integer> {
        @CommandLine.ParentCommand
        CredsCommand creds;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USER")
        String user;

        @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            try (Stores.UserAccess access = directory(config)) {
                ManagedUserDirectory users = access.directory();
                if (!users.exists(user)) {
                    throw new UserDirectoryException(UserDirectoryException.Reason.NO_SUCH_USER, "no such user: " + user);
                }
                users.setPassword(user, readPassword(creds, passwordStdin));
            }
            creds.spec.commandLine().getOut().println("password changed for " + user);
            return 0;
        }
    }
}
