package dev.mailwright.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mailwright dkim}: key generation, signing and verification. */
@Command(name = "dkim", mixinStandardHelpOptions = true, description = "Generate DKIM keys, sign and verify messages.",
        subcommands = {DkimKeygenCommand.class, DkimSignCommand.class, DkimVerifyCommand.class})
final class DkimCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private Mailwright parent;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    Mailwright mailwright() {
        return parent;
    }
}
