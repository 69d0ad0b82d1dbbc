package dev.mailwright.bench;

import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpLimits;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.SmtpServer;
import dev.mailwright.smtp.backend.DiscardBackend;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * An SMTP server with the discard backend, for load tests: {@code SmtpSinkBench [port [workers [io-threads]]]}.
 * Prints {@code ready <address>} once listening; each line on standard input prints the
 * messages received so far; end of input stops it.
 */
public final class SmtpSinkBench {

    private SmtpSinkBench() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2526;
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int ioThreads = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        DiscardBackend backend = new DiscardBackend();
        SmtpServer server = SmtpServer.builder(backend)
                .hostname("bench.localhost")
                .workerThreads(workers)
                .ioThreads(ioThreads)
                .listener(SmtpListener.builder(ListenerRole.MX)
                        .address(new InetSocketAddress("127.0.0.1", port))
                        .limits(SmtpLimits.builder().maxConnections(5000, 5000).build())
                        .build())
                .build();
        System.out.println("ready " + server.start().get(0));
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            System.out.println("messages " + backend.messages());
            System.out.flush();
        }
        server.stop(Duration.ofSeconds(1));
        System.out.println("messages " + backend.messages());
    }
}
