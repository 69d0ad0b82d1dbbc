package dev.mailwright.server.cli;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.EmailAuthenticator;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.results.AuthenticationResults;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.core.mime.HeaderLimitException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mailwright auth-check}: checks SPF for a connection and, given a message, DKIM and DMARC,
 * and prints the Authentication-Results value (or JSON).
 */
@Command(name = "auth-check", mixinStandardHelpOptions = true, description = "Check SPF, and with --message also DKIM and DMARC; print Authentication-Results.")
final class AuthCheckCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--ip", required = true, paramLabel = "ADDR", description = "The client's IP address.")
    private String ip;

    @Option(names = "--helo", required = true, paramLabel = "NAME", description = "The HELO/EHLO name.")
    private String helo;

    @Option(names = "--mail-from", required = true, paramLabel = "ADDR",
            description = "The MAIL FROM address; '' or '<>' for the null sender.")
    private String mailFrom;

    @Option(names = "--message", paramLabel = "FILE", description = "The message, for DKIM and DMARC.")
    private Path message;

    @Option(names = "--authserv-id", paramLabel = "NAME", defaultValue = "localhost",
            description = "The host name that heads the result (default: ${DEFAULT-VALUE}).")
    private String authservId;

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    @Mixin
    private DnsOptions dns = new DnsOptions();

    @Override
    public Integer call() {
        InetAddress address = parseIp(ip);
        AuthenticationResults.Builder results;
        try {
            results = AuthenticationResults.builder(authservId);
            results.build();
        } catch (IllegalArgumentException e) {
            throw new InputError("--authserv-id: " + e.getMessage());
        }
        byte[] bytes = message == null ? null : MessageInput.read(message);
        EmailAuthenticator auth = EmailAuthenticator.builder(dns.resolver()).receivingHost(authservId).build();
        SpfOutput spf = auth.verifySpf(address, helo, mailFrom);
        results.spf(spf);
        List<DkimOutput> dkim = List.of();
        DmarcOutput dmarc = null;
        if (bytes != null) {
            AuthenticatedMessage parsed = parse(bytes);
            dkim = auth.verifyDkim(parsed);
            dmarc = auth.verifyDmarc(parsed, spf, dkim);
            results.dkim(dkim).dmarc(dmarc);
        }
        spec.commandLine().getOut().println(json ? Json.of(spf, dkim, dmarc) : results.build().value());
        return 0;
    }

    private AuthenticatedMessage parse(byte[] bytes) {
        try {
            return AuthenticatedMessage.parse(bytes);
        } catch (HeaderLimitException e) {
            throw new InputError(message + ": " + e.getMessage());
        } catch (IOException e) {
            throw new InputError("cannot read " + message + ": " + e.getMessage());
        }
    }

    static InetAddress parseIp(String text) {
        String literal = text.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        // Only literals: getByName would otherwise look a host name up.
        boolean v4 = literal.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
        boolean v6 = literal.indexOf(':') >= 0 && literal.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new InputError("--ip: not an IP address: '" + text + "'");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new InputError("--ip: not an IP address: '" + text + "'");
        }
    }
}
