package dev.mailwright.testing;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.imap.ImapLimits;
import dev.mailwright.imap.ImapListener;
import dev.mailwright.imap.ImapServer;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpLimits;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.SmtpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SMTP and IMAP engines of one test server, configured for tests: loopback addresses and
 * free ports, few threads, no throttling of failed logins, room for many connections from
 * the one client address a test suite has.
 */
final class Engines {

    /** How long stopping waits for clients still connected; a test's clients are normally gone. */
    private static final Duration STOP_GRACE = Duration.ofMillis(250);
    /** Threads per listener: plenty for a test, cheap to start (they are created on demand). */
    private static final int WORKER_THREADS = 16;

    private final SmtpServer smtp;
    private final ImapServer imap;
    private final Map<Protocol, InetSocketAddress> addresses;

    private Engines(SmtpServer smtp, ImapServer imap, Map<Protocol, InetSocketAddress> addresses) {
        this.smtp = smtp;
        this.imap = imap;
        this.addresses = Collections.unmodifiableMap(addresses);
    }

    /** Binds every listener in {@code protocols}; on failure nothing stays bound. */
    static Engines start(Set<Protocol> protocols, String hostname, boolean plaintextLogin, ServerTls tls,
                         CapturingBackend backend, TestAccounts accounts, MailStore store) throws IOException {
        Map<Protocol, InetSocketAddress> bound = new EnumMap<>(Protocol.class);
        SmtpServer smtp = null;
        ImapServer imap = null;
        try {
            List<Protocol> smtpProtocols = protocols.stream().filter(Protocol::isSmtp).sorted().toList();
            if (!smtpProtocols.isEmpty()) {
                SmtpServer.Builder b = SmtpServer.builder(backend)
                        .hostname(hostname)
                        .tls(tls)
                        .authFailureDelays(Duration.ZERO, Duration.ZERO)
                        .workerThreads(WORKER_THREADS)
                        .ioThreads(1);
                for (Protocol p : smtpProtocols) {
                    b.listener(smtpListener(p, plaintextLogin));
                }
                smtp = b.build();
                List<InetSocketAddress> addresses = smtp.start();
                for (int i = 0; i < smtpProtocols.size(); i++) {
                    bound.put(smtpProtocols.get(i), addresses.get(i));
                }
            }
            List<Protocol> imapProtocols = protocols.stream().filter(p -> !p.isSmtp()).sorted().toList();
            if (!imapProtocols.isEmpty()) {
                ImapServer.Builder b = ImapServer.builder()
                        .store(store)
                        .authenticator((user, password, client) -> accounts.authenticate(user, password))
                        .tls(tls)
                        .loginWithoutTls(plaintextLogin)
                        .limits(ImapLimits.builder().authFailureDelay(Duration.ZERO, Duration.ZERO).build())
                        .workerThreads(WORKER_THREADS);
                for (Protocol p : imapProtocols) {
                    b.listener(ImapListener.loopback(p == Protocol.IMAPS ? TlsMode.IMPLICIT : TlsMode.STARTTLS)
                            .name(p.toString())
                            .connectionLimits(1000, 1000)
                            .build());
                }
                imap = b.build();
                List<InetSocketAddress> addresses = imap.start();
                for (int i = 0; i < imapProtocols.size(); i++) {
                    bound.put(imapProtocols.get(i), addresses.get(i));
                }
            }
            return new Engines(smtp, imap, bound);
        } catch (IOException | RuntimeException e) {
            new Engines(smtp, imap, bound).stop();
            throw e;
        }
    }

    private static SmtpListener smtpListener(Protocol p, boolean plaintextLogin) {
        SmtpLimits limits = SmtpLimits.builder().maxConnections(1000, 1000).build();
        return switch (p) {
            case SMTP -> SmtpListener.builder(ListenerRole.MX).name("smtp").tlsMode(TlsMode.STARTTLS)
                    .auth(true).authRequiresTls(!plaintextLogin).limits(limits).build();
            case SMTPS -> SmtpListener.builder(ListenerRole.MX).name("smtps").tlsMode(TlsMode.IMPLICIT)
                    .auth(true).limits(limits).build();
            // RFC 6409 and RFC 8314: submission always wants TLS before AUTH, as real clients expect.
            case SUBMISSION -> SmtpListener.builder(ListenerRole.SUBMISSION).name("submission").tlsMode(TlsMode.STARTTLS)
                    .limits(limits).build();
            default -> throw new IllegalArgumentException("not an SMTP protocol: " + p);
        };
    }

    Map<Protocol, InetSocketAddress> addresses() {
        return addresses;
    }

    /** Stops both engines at once; clients still connected get a short grace. */
    void stop() {
        List<Thread> stoppers = new ArrayList<>(2);
        if (smtp != null) {
            Thread t = new Thread(() -> smtp.stop(STOP_GRACE), "test-smtp-stop");
            t.start();
            stoppers.add(t);
        }
        if (imap != null) {
            imap.stop(STOP_GRACE);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
