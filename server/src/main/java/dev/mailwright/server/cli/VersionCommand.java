package dev.mailwright.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mailwright version}: prints the version and the Java runtime. */
@Command(name = "version", description = "Print the Mailwright version.")
final class VersionCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().getOut().println(MailwrightVersion.describe());
    }
}
