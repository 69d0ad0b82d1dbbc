package dev.mailwright.server.cli;

import dev.mailwright.postgres.PostgresUserDirectory;
import dev.mailwright.server.Stores;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.server.pipeline.AliasFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code mailwright aliases}: every alias the server knows, and the shared aliases that several
 * nodes keep in PostgreSQL. With Maildir the aliases live in {@code mailwright.toml} and the
 * aliases file, which an administrator edits; the server re-reads the file when it changes.
 */
@Command(name = "aliases", mixinStandardHelpOptions = true, description = "List aliases; manage the shared ones in PostgreSQL.",
        subcommands = {AliasesCommand.ListAliases.class, AliasesCommand.SetAlias.class, AliasesCommand.Remove.class})
final class AliasesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The shared aliases' directory; an input error naming the setting when the backend is Maildir. */
    static Stores.UserAccess shared(MailwrightConfig config, String command) {
        Stores.UserAccess access = Stores.openUsers(config);
        if (!(access.directory() instanceof PostgresUserDirectory)) {
            access.close();
            throw new InputError("aliases " + command + ": shared aliases need [storage] backend = \"postgres\"; with Maildir,"
                    + " edit [rewrite.aliases] or the file named by rewrite.aliases-file");
        }
        return access;
    }

    /** {@code aliases list}: one line per alias, in the aliases file's form, with where it comes from. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List every alias: mailwright.toml, the aliases file and, with PostgreSQL, the shared ones.")
    static final class ListAliases implements Callable<Integer> {
        @CommandLine.ParentCommand
        AliasesCommand parent;

        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            MailwrightConfig settings = config.load();
            PrintWriter out = parent.spec.commandLine().getOut();
            print(out, settings.rewrite().aliases(), "mailwright.toml");
            if (settings.rewrite().aliasesFile().isPresent()) {
                try {
                    AliasFile file = new AliasFile(settings.rewrite().aliasesFile().get(), Clock.systemUTC(), Duration.ofDays(1));
                    print(out, file.aliases(), settings.rewrite().aliasesFile().get().toString());
                } catch (IOException | IllegalArgumentException e) {
                    throw new InputError("rewrite.aliases-file: " + e.getMessage());
                }
            }
            if (settings.storage().backend() == MailwrightConfig.Storage.Backend.POSTGRES) {
                try (Stores.UserAccess access = Stores.openUsers(settings)) {
                    print(out, ((PostgresUserDirectory) access.directory()).aliases().read(), "shared");
                }
            }
            return 0;
        }

        private static void print(PrintWriter out, Map<String, List<String>> aliases, String source) {
            new TreeMap<>(aliases).forEach((alias, targets) ->
                    out.println(alias + ": " + String.join(", ", targets) + "    # " + source));
        }
    }

    /** {@code aliases set ALIAS TARGET...}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Make a shared alias stand for these addresses, on every node (PostgreSQL only).")
    static final class SetAlias implements Callable<Integer> {
        @CommandLine.ParentCommand
        AliasesCommand parent;

        @Mixin
        ConfigOption config;

        @Parameters(index = "0", paramLabel = "ALIAS", description = "An address, or a local part for every local domain.")
        String alias;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "TARGET", description = "The addresses it stands for.")
        List<String> targets;

        @Override
        public Integer call() {
            try (Stores.UserAccess access = shared(config.load(), "set")) {
                ((PostgresUserDirectory) access.directory()).aliases().set(alias, targets);
            } catch (IllegalArgumentException e) {
                throw new InputError("aliases set: " + e.getMessage());
            }
            parent.spec.commandLine().getOut().println("set " + alias + ": " + String.join(", ", targets));
            return 0;
        }
    }

    /** {@code aliases remove ALIAS}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a shared alias (PostgreSQL only).")
    static final class Remove implements Callable<Integer> {
        @CommandLine.ParentCommand
        AliasesCommand parent;

        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "ALIAS")
        String alias;

        @Override
        public Integer call() {
            boolean existed;
            try (Stores.UserAccess access = shared(config.load(), "remove")) {
                existed = ((PostgresUserDirectory) access.directory()).aliases().remove(alias);
            } catch (IllegalArgumentException e) {
                throw new InputError("aliases remove: " + e.getMessage());
            }
            if (!existed) {
                throw new InputError("no such shared alias: " + alias);
            }
            parent.spec.commandLine().getOut().println("removed " + alias);
            return 0;
        }
    }
}
