package dev.mailwright.examples;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.mime.Headers;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.SmtpServer;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * A custom SMTP receiver in the style of SubEthaSMTP or Wiser: it accepts mail for one
 * domain and prints a line for each message. Replace {@link #data} with whatever the
 * application does with mail: store it, forward it, parse it.
 *
 * <p>Run: {@code java ... dev.mailwright.examples.PrintingReceiver 2525 example.org}
 */
public final class PrintingReceiver {

    private PrintingReceiver() {}

    /** Starts a receiver for {@code domain} on {@code port} (0 for any free port), printing to {@code out}. */
    public static SmtpServer start(int port, String domain, PrintStream out) throws IOException {
        SmtpServer server = SmtpServer.builder(session -> new Session(domain, out, session))
                .hostname("receiver." + domain)
                .listener(SmtpListener.builder(ListenerRole.MX)
                        .address(new InetSocketAddress("127.0.0.1", port))
                        .build())
                .build();
        server.start();
        return server;
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2525;
        String domain = args.length > 1 ? args[1] : "example.org";
        SmtpServer server = start(port, domain, System.out);
        System.out.println("receiving mail for " + domain + " on " + server.addresses());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(Duration.ofSeconds(5))));
        Thread.currentThread().join();
    }

    /** One connection: recipients in the domain only, then a line per message. */
    private static final class Session implements SmtpSession {
        private final String domain;
        private final PrintStream out;
        private final SessionInfo info;

        Session(String domain, PrintStream out, SessionInfo info) {
            this.domain = domain;
            this.out = out;
            this.info = info;
        }

        @Override
        public void mail(Optional<MailAddress> sender, MailOptions options) {
            // Any sender.
        }

        @Override
        public void rcpt(MailAddress recipient, RcptOptions options) {
            if (!recipient.asciiDomain().equalsIgnoreCase(domain)) {
                throw SmtpException.relayDenied();
            }
        }

        @Override
        public DataResult data(Envelope envelope, MessageContent content) {
            try (InputStream in = new BufferedInputStream(content.open())) {
                Headers headers = Headers.parse(in);
                String subject = headers.first("Subject").map(f -> f.decodedValue()).orElse("(no subject)");
                out.printf("from=<%s> to=%s size=%d client=%s subject=%s%n",
                        envelope.sender().map(Object::toString).orElse(""), envelope.recipientAddresses(), content.size(),
                        info.remote().getAddress().getHostAddress(), subject);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return DataResult.accepted();
        }

        @Override
        public void reset() {
            // Nothing kept between messages.
        }
    }
}
