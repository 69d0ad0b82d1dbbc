package dev.mailwright.server.cli;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.dkim.DkimSigner;
import dev.mailwright.auth.dkim.DkimSigningKey;
import dev.mailwright.core.mime.HeaderField;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mailwright dkim sign}: reads a message on standard input and writes it unchanged with a
 * DKIM-Signature field on top. A message with bare LF line ends gets the field with LF ends too.
 */
@Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign the message on standard input; write it with a DKIM-Signature on top.")
final class DkimSignCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private DkimCommand parent;

    @Option(names = "--key", required = true, paramLabel = "FILE", description = "The private key (PEM).")
    private Path key;

    @Option(names = "--domain", required = true, paramLabel = "D", description = "The signing domain (d=).")
    private String domain;

    @Option(names = "--selector", required = true, paramLabel = "S", description = "The selector (s=).")
    private String selector;

    @Override
    public Integer call() throws IOException {
        DkimSigningKey signingKey;
        try {
            signingKey = DkimSigningKey.read(key);
        } catch (UncheckedIOException e) {
            throw new InputError("cannot read key file " + key);
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        DkimSigner signer;
        try {
            signer = DkimSigner.builder(domain, selector, signingKey).build();
        } catch (IllegalArgumentException e) {
            throw new InputError(e.getMessage());
        }
        byte[] message = MessageInput.read(parent.mailwright().stdin(), "standard input");
        HeaderField field;
        try {
            field = signer.sign(AuthenticatedMessage.parse(message));
        } catch (IOException e) {
            throw new InputError("standard input: " + e.getMessage());
        }
        byte[] signature = field.raw();
        if (MessageInput.usesBareLf(message)) {
            signature = new String(signature, StandardCharsets.US_ASCII).replace("\r\n", "\n")
                    .getBytes(StandardCharsets.US_ASCII);
        }
        OutputStream out = parent.mailwright().stdout();
        out.write(signature);
        out.write(message);
        out.flush();
        return 0;
    }
}
