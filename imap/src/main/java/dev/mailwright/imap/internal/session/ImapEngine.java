package dev.mailwright.imap.internal.session;

import dev.mailwright.core.mime.MimeLimits;
import dev.mailwright.core.net.Connection;
import dev.mailwright.core.net.ConnectionHandler;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.user.LoginThrottle;
import dev.mailwright.imap.ImapLimits;
import dev.mailwright.imap.internal.command.CommandRegistry;
import dev.mailwright.imap.internal.fetch.MessageCache;
import dev.mailwright.imap.spi.PasswordAuthenticator;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.MDC;

/**
 * The IMAP protocol engine behind every listener of one server: shared services (store,
 * authenticator, limits, command registry, structure cache, scheduler) and the network
 * callbacks, which it hands to each connection's {@link ImapSession}.
 */
public final class ImapEngine implements ConnectionHandler {

    /** Settings the engine is built from. */
    public record Settings(MailStore store, PasswordAuthenticator authenticator, ImapLimits limits, LoginThrottle throttle,
            boolean loginWithoutTls, boolean autoProvision, boolean literalPlus, String greeting, Path spoolDirectory) {}

    private final Settings settings;
    private final ScheduledExecutorService scheduler;
    private final CommandRegistry commands = CommandRegistry.standard();
    private final MessageCache cache;

    public ImapEngine(Settings settings, ScheduledExecutorService scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.cache = new MessageCache(settings.limits().structureCacheBytes(), MimeLimits.DEFAULT);
    }

    public MailStore store() {
        return settings.store();
    }

    public PasswordAuthenticator authenticator() {
        return settings.authenticator();
    }

    public ImapLimits limits() {
        return settings.limits();
    }

    public boolean loginWithoutTls() {
        return settings.loginWithoutTls();
    }

    public boolean autoProvision() {
        return settings.autoProvision();
    }

    public boolean literalPlus() {
        return settings.literalPlus();
    }

    /** Where literals above the spool threshold are written while they arrive. */
    public Path spoolDirectory() {
        return settings.spoolDirectory();
    }

    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public LoginThrottle throttle() {
        return settings.throttle();
    }

    public CommandRegistry commands() {
        return commands;
    }

    /** Parsed message structures shared by all sessions. */
    public MessageCache cache() {
        return cache;
    }

    @Override
    public void connected(Connection connection) {
        ImapSession session = new ImapSession(this, connection);
        connection.attach(session);
        connection.setIdleTimeout(settings.limits().loginTimeout());
        withMdc(connection, () -> {
            session.out().append("* OK [CAPABILITY ").append(Capabilities.of(session)).append("] ")
                    .utf8(settings.greeting()).crlf();
            session.out().flush();
        });
    }

    @Override
    public void received(Connection connection) {
        ImapSession session = connection.attachment(ImapSession.class);
        if (session != null) {
            withMdc(connection, session::drain);
        }
    }

    @Override
    public void idle(Connection connection) {
        ImapSession session = connection.attachment(ImapSession.class);
        if (session != null) {
            withMdc(connection, session::timedOut);
        } else {
            connection.close();
        }
    }

    @Override
    public void shutdown(Connection connection) {
        ImapSession session = connection.attachment(ImapSession.class);
        if (session != null) {
            withMdc(connection, session::shuttingDown);
        } else {
            connection.close();
        }
    }

    @Override
    public void closed(Connection connection) {
        ImapSession session = connection.attachment(ImapSession.class);
        if (session != null) {
            withMdc(connection, session::closed);
        }
    }

    private static void withMdc(Connection connection, Runnable action) {
        MDC.put("imap.session", connection.id());
        try {
            action.run();
        } finally {
            MDC.clear();
        }
    }
}
