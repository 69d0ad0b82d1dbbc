package dev.mailwright.server.cli;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.user.Usernames;
import dev.mailwright.server.Stores;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mailwright imap-acct}: the mail accounts in the store (mailboxes, as opposed to the
 * logins of {@code creds}). Safe while the server runs: the store locks each account.
 */
@Command(name = "imap-acct", mixinStandardHelpOptions = true, description = "Manage mail accounts (their mailboxes).",
        subcommands = {ImapAcctCommand.Create.class, ImapAcctCommand.ListAccounts.class, ImapAcctCommand.Remove.class})
final class ImapAcctCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static MailStore store(ConfigOption option) {
        return Stores.openMailStore(option.load());
    }

    /** {@code imap-acct create USER}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create an account's INBOX and its Drafts, Sent, Archive, Junk and Trash mailboxes.")
    static final class Create implements Callable<Integer> {
        @CommandLine.ParentCommand
        ImapAcctCommand parent;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USER")
        String user;

        @Override
        public Integer call() {
            String account = Usernames.normalize(user);
            try (MailStore store = store(config)) {
                if (store.exists(account)) {
                    throw new InputError("mail account already exists: " + account);
                }
                store.provision(account);
            }
            parent.spec.commandLine().getOut().println("created mail account " + account);
            return 0;
        }
    }

    /** {@code imap-acct list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the mail accounts.")
    static final class ListAccounts implements Callable<Integer> {
        @CommandLine.ParentCommand
        ImapAcctCommand parent;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            PrintWriter out = parent.spec.commandLine().getOut();
            try (MailStore store = store(config)) {
                store.accounts().forEach(out::println);
            }
            return 0;
        }
    }

    /** {@code imap-acct remove USER --yes}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Delete an account's mailboxes and all its mail.")
    static final class Remove implements Callable<Integer> {
        @CommandLine.ParentCommand
        ImapAcctCommand parent;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "USER")
        String user;

        @Option(names = "--yes", description = "Confirm that all of the account's mail is to be deleted.")
        boolean yes;

        @Override
        public Integer call() {
            String account = Usernames.normalize(user);
            if (!yes) {
                throw new InputError("this deletes all mail of " + account + "; add --yes to confirm");
            }
            try (MailStore store = store(config)) {
                store.deleteAccount(account);
            }
            parent.spec.commandLine().getOut().println("removed mail account " + account);
            return 0;
        }
    }
}
