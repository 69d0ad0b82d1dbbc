package dev.mailwright.server;

import dev.mailwright.core.net.TlsMode;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.tls.ServerTls;
import dev.mailwright.core.user.LoginThrottle;
import dev.mailwright.core.user.UserDirectory;
import dev.mailwright.imap.ImapLimits;
import dev.mailwright.imap.ImapListener;
import dev.mailwright.imap.ImapServer;
import dev.mailwright.server.config.ConfigException;
import dev.mailwright.server.config.MailwrightConfig;
import dev.mailwright.server.pipeline.InboundBackend;
import dev.mailwright.server.pipeline.MailPipeline;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpLimits;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.SmtpServer;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns the {@code [listen]} settings into SMTP and IMAP servers. */
final class Listeners {

    private Listeners() {}

    /** One SMTP server per kind of listener, each with the backend for its role. */
    static Map<String, SmtpServer> smtp(MailwrightConfig config, DataLayout layout, MailPipeline pipeline,
            UserDirectory users, ServerTls tls, Clock clock, LoginThrottle logins) {
        MailwrightConfig.Listen listen = config.listen();
        MailwrightConfig.Limits limits = config.limits();
        SmtpLimits smtpLimits = SmtpLimits.builder()
                .maxMessageSize(limits.messageSize())
                .maxRecipients(limits.recipients())
                .maxConnections(limits.connections(), limits.connectionsPerIp())
                .build();
        Map<String, SmtpServer> servers = new LinkedHashMap<>();
        add(servers, config, layout, pipeline, users, tls, clock, logins, "smtp", ListenerRole.MX, TlsMode.STARTTLS, listen.smtp(), smtpLimits);
        add(servers, config, layout, pipeline, users, tls, clock, logins, "submission", ListenerRole.SUBMISSION, TlsMode.STARTTLS,
                listen.submission(), smtpLimits);
        add(servers, config, layout, pipeline, users, tls, clock, logins, "submission-tls", ListenerRole.SUBMISSION, TlsMode.IMPLICIT,
                listen.submissionTls(), smtpLimits);
        add(servers, config, layout, pipeline, users, tls, clock, logins, "lmtp", ListenerRole.LMTP, TlsMode.NONE, listen.lmtp(), smtpLimits);
        return servers;
    }

    private static void add(Map<String, SmtpServer> servers, MailwrightConfig config, DataLayout layout,
            MailPipeline pipeline, UserDirectory users, ServerTls tls, Clock clock, LoginThrottle logins, String kind, ListenerRole role,
            TlsMode mode, List<InetSocketAddress> addresses, SmtpLimits limits) {
        if (addresses.isEmpty()) {
            return;
        }
        SmtpServer.Builder builder = SmtpServer.builder(new InboundBackend(pipeline, role))
                .hostname(config.hostname())
                .tls(tls)
                .spoolDirectory(layout.spoolDir())
                .clock(clock);
        if (role == ListenerRole.SUBMISSION) {
            builder.userDirectory(users).loginThrottle(logins);
        }
        int n = 0;
        for (InetSocketAddress address : addresses) {
            builder.listener(SmtpListener.builder(role)
                    .name(kind + (n++ == 0 ? "" : "-" + n))
                    .address(resolved(kind, address))
                    .tlsMode(mode)
                    .limits(limits)
                    .proxyProtocol(config.listen().proxyProtocol().contains(kind) ? config.listen().proxyTrusted() : List.of())
                    .build());
        }
        try {
            servers.put(kind, builder.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException("listen." + kind + ": " + e.getMessage());
        }
    }

    /** The IMAP listeners, in the order {@link #imapKinds} names them. */
    static Optional<ImapServer> imap(MailwrightConfig config, DataLayout layout, MailStore store, UserDirectory users,
            ServerTls tls, LoginThrottle logins) {
        MailwrightConfig.Listen listen = config.listen();
        if (listen.imap().isEmpty() && listen.imapTls().isEmpty()) {
            return Optional.empty();
        }
        ImapServer.Builder builder = ImapServer.builder()
                .store(store)
                .users(users)
                .loginThrottle(logins)
                .tls(tls)
                .autoProvision(true)
                .spoolDirectory(layout.spoolDir())
                .limits(ImapLimits.builder().appendLimit(config.limits().messageSize()).build());
        addImap(builder, config, "imap", TlsMode.STARTTLS, listen.imap());
        addImap(builder, config, "imap-tls", TlsMode.IMPLICIT, listen.imapTls());
        try {
            return Optional.of(builder.build());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ConfigException("listen.imap: " + e.getMessage());
        }
    }

    /** One entry per IMAP listener: {@code imap} for each STARTTLS address, then {@code imap-tls}. */
    static List<String> imapKinds(MailwrightConfig config) {
        List<String> kinds = new ArrayList<>();
        config.listen().imap().forEach(a -> kinds.add("imap"));
        config.listen().imapTls().forEach(a -> kinds.add("imap-tls"));
        return kinds;
    }

    private static void addImap(ImapServer.Builder builder, MailwrightConfig config, String kind, TlsMode mode,
            List<InetSocketAddress> addresses) {
        int n = 0;
        for (InetSocketAddress address : addresses) {
            builder.listener(ImapListener.builder(resolved(kind, address))
                    .name(kind + (n++ == 0 ? "" : "-" + n))
                    .tls(mode)
                    .proxyProtocol(config.listen().proxyProtocol().contains(kind) ? config.listen().proxyTrusted() : List.of())
                    .connectionLimits(config.limits().connections(), config.limits().imapConnectionsPerIp())
                    .build());
        }
    }

    private static InetSocketAddress resolved(String kind, InetSocketAddress address) {
        InetSocketAddress bound = new InetSocketAddress(address.getHostString(), address.getPort());
        if (bound.isUnresolved()) {
            throw new ConfigException("listen." + kind + ": cannot resolve " + address.getHostString());
        }
        return bound;
    }
}
