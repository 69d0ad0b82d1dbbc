package dev.mailwright.examples;

import dev.mailwright.auth.AuthenticatedMessage;
import dev.mailwright.auth.EmailAuthenticator;
import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.results.AuthenticationResults;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.dns.DnsResolver;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * SPF, DKIM and DMARC for one received message, the way a filter or a gateway would check
 * it, printed as an Authentication-Results value.
 *
 * <p>Run: {@code java ... dev.mailwright.examples.CheckMessage 192.0.2.1 mx.example.net sender@example.net message.eml}
 */
public final class CheckMessage {

    private CheckMessage() {}

    /** The Authentication-Results value for a message from {@code ip} that said HELO {@code helo}. */
    public static String check(DnsResolver dns, InetAddress ip, String helo, String mailFrom, Path message) throws IOException {
        EmailAuthenticator authenticator = EmailAuthenticator.builder(dns).receivingHost("filter.example").build();
        MessageContent content = MessageContent.ofFile(message, false);
        AuthenticatedMessage parsed = AuthenticatedMessage.parse(content);
        SpfOutput spf = authenticator.verifySpf(ip, helo, mailFrom);
        List<DkimOutput> dkim = authenticator.verifyDkim(parsed);
        DmarcOutput dmarc = authenticator.verifyDmarc(parsed, spf, dkim);
        return AuthenticationResults.builder("filter.example").spf(spf).dkim(dkim).dmarc(dmarc).build().value();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: CheckMessage IP HELO MAIL-FROM MESSAGE-FILE");
            System.exit(2);
        }
        System.out.println(check(DnsResolver.system(), InetAddress.getByName(args[0]), args[1], args[2], Path.of(args[3])));
    }
}
