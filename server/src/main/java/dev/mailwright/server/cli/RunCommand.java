package dev.mailwright.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mailwright run}: starts the assembled server. The server itself is not assembled
 * in this version yet; the command says so and fails rather than pretending to run.
 */
@Command(name = "run", description = "Run the mail server (not available in this version yet).")
final class RunCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println(
                "mailwright: the assembled server is not part of this version yet; "
                        + "the SMTP and IMAP engines and the MailServer builder come next (see CHANGELOG.md)");
        return 1;
    }
}
