package dev.mailwright.server.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code mailwright} command: the entry point of the runnable jar that the
 * {@code ./mailwright} launcher starts.
 */
@Command(
        name = "mailwright",
        mixinStandardHelpOptions = true,
        versionProvider = MailwrightVersion.Provider.class,
        description = "An embeddable mail server: SMTP, submission, outbound delivery, SPF/DKIM/DMARC and IMAP.",
        subcommands = {VersionCommand.class, RunCommand.class, CredsCommand.class, ImapAcctCommand.class, AliasesCommand.class,
                QueueCommand.class, DnsRecordsCommand.class, CheckDnsCommand.class, AuthCheckCommand.class,
                DkimCommand.class, CommandLine.HelpCommand.class})
public final class Mailwright implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final OutputStream stdout;

    private Mailwright(InputStream stdin, OutputStream stdout) {
        this.stdin = stdin;
        this.stdout = stdout;
    }

    /** Standard input, for commands that read a message. */
    InputStream stdin() {
        return stdin;
    }

    /** Standard output as bytes, for commands that write a message (the writer of {@code getOut()} is for text). */
    OutputStream stdout() {
        return stdout;
    }

    @Override
    public void run() {
        // No subcommand: show what there is to do.
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line and returns its exit status: 0 success, 1 failure, 2 usage error. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, System.in, System.out, out, err);
    }

    /**
     * Runs the command line with the given standard input and byte output (where commands such as
     * {@code dkim sign} write messages) and returns its exit status.
     */
    public static int execute(String[] args, InputStream stdin, OutputStream stdout, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Mailwright(Objects.requireNonNull(stdin, "stdin"),
                Objects.requireNonNull(stdout, "stdout")));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, ignored) -> {
            // A usage mistake: one line and a pointer to the help, exit status 2.
            CommandLine commandLine = ex.getCommandLine();
            commandLine.getErr().println("mailwright: " + ex.getMessage()
                    + " (see '" + commandLine.getCommandSpec().qualifiedName() + " --help')");
            commandLine.getErr().flush();
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // One clear line, never a stack trace, for anything a command could not do.
            commandLine.getErr().println("mailwright: " + describe(ex));
            commandLine.getErr().flush();
            // Input the command cannot use is the caller's mistake, like a usage error.
            return ex instanceof InputError ? 2 : 1;
        });
        return cli.execute(args);
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("run") && System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            // The server reports what it does; the administration commands only their problems.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, System.in, System.out, out, err));
    }

    private static String describe(Exception ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : message;
    }
}
