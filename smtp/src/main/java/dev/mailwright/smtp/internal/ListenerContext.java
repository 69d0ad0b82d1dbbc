package dev.mailwright.smtp.internal;

import dev.mailwright.core.user.LoginThrottle;
import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.SmtpEvents;
import dev.mailwright.smtp.SmtpLimits;
import dev.mailwright.smtp.SmtpListener;
import dev.mailwright.smtp.spi.AuthSupport;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.VrfySupport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a conversation on one listener needs from the server: settings, the host's
 * backend and the server's shared services. Immutable.
 *
 * @param hostname the server's name in the greeting, replies and Received fields
 * @param auth the credential check; null when no listener offers AUTH
 * @param vrfy the VRFY answerer; null when VRFY is off
 * @param scheduler runs delayed replies (AUTH failures), never protocol work
 */
public record ListenerContext(
        String hostname,
        SmtpListener listener,
        SmtpBackend backend,
        AuthSupport auth,
        VrfySupport vrfy,
        SmtpEvents events,
        Path spoolDirectory,
        Clock clock,
        LoginThrottle throttle,
        ScheduledExecutorService scheduler,
        MessageIds ids,
        CommandRegistry commands) {

    public ListenerContext {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(spoolDirectory, "spoolDirectory");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(commands, "commands");
        if (listener.auth() && auth == null) {
            throw new IllegalArgumentException(listener.name() + ": AUTH is offered but no authenticator is set");
        }
    }

    SmtpLimits limits() {
        return listener.limits();
    }

    boolean lmtp() {
        return listener.role() == ListenerRole.LMTP;
    }

    boolean submission() {
        return listener.role() == ListenerRole.SUBMISSION;
    }
}
