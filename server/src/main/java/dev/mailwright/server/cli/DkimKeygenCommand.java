package dev.mailwright.server.cli;

import dev.mailwright.auth.dkim.DkimSigningKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailwright dkim keygen}: writes {@code DOMAIN_SELECTOR.key} (PKCS#8 PEM, owner-only) and
 * {@code DOMAIN_SELECTOR.dns} (the TXT record text) into the output directory, as maddy lays them out.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Generate a DKIM key: DIR/DOMAIN_SELECTOR.key and the TXT record in DIR/DOMAIN_SELECTOR.dns.")
final class DkimKeygenCommand implements Callable<Integer> {

    /** The algorithms offered. */
    enum Algorithm { rsa2048, ed25519 }

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "D", description = "The signing domain (d=).")
    private String domain;

    @Option(names = "--selector", required = true, paramLabel = "S", description = "The selector (s=).")
    private String selector;

    @Option(names = "--algorithm", defaultValue = "rsa2048", paramLabel = "ALG",
            description = "rsa2048 or ed25519 (default: ${DEFAULT-VALUE}).")
    private Algorithm algorithm;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to write the files to.")
    private Path out;

    @Override
    public Integer call() {
        DkimSigningKey key = algorithm == Algorithm.ed25519 ? DkimSigningKey.generateEd25519() : DkimSigningKey.generateRsa();
        DkimSigningKey.KeyFiles files;
        try {
            files = key.writeFiles(out, domain, selector);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        } catch (IOException e) {
            throw new InputError("cannot write the key: " + e.getMessage());
        }
        spec.commandLine().getOut().println("wrote " + files.privateKey() + " and " + files.dnsRecord());
        spec.commandLine().getOut().println("publish: " + selector + "._domainkey." + domain + ". IN TXT \""
                + key.dnsRecord() + "\"");
        return 0;
    }
}
