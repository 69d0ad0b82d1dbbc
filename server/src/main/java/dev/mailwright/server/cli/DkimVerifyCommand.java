package dev.mailwright.server.cli;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dkim.DkimVerifier;
import dev.mailwright.auth.results.AuthenticationResults;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code mailwright dkim verify}: verifies every signature of the message on standard input and
 * prints one RFC 8601 result per signature ({@code dkim=none} without any). Exit status 0 when
 * every signature passes, 1 when one does not or there is none, 2 for a usage or input error.
 */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Verify the DKIM signatures of the message on standard input.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every signature passed", "1:a signature did not pass, or there is none",
            "2:usage or input error"})
final class DkimVerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    private DkimCommand parent;

    @Mixin
    private DnsOptions dns = new DnsOptions();

    @Override
    public Integer call() {
        DkimVerifier verifier = DkimVerifier.builder(dns.resolver()).build();
        byte[] message = MessageInput.read(parent.mailwright().stdin(), "standard input");
        AuthenticatedMessage parsed;
        try {
            parsed = AuthenticatedMessage.parse(message);
        } catch (IOException e) {
            throw new InputError("standard input: " + e.getMessage());
        }
        List<DkimOutput> results = verifier.verify(parsed);
        boolean allPass = !results.isEmpty();
        // The same text as the dkim entries of Authentication-Results, one per line.
        for (AuthenticationResults.MethodResult result : AuthenticationResults.builder("localhost").dkim(results)
                .build().results()) {
            spec.commandLine().getOut().println(result.format());
        }
        for (DkimOutput result : results) {
            allPass &= result.result() == DkimResult.PASS;
        }
        return allPass ? 0 : 1;
    }
}
