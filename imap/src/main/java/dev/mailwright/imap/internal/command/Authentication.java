package dev.mailwright.imap.internal.command;

import dev.mailwright.core.store.MailStore;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.Capabilities;
import dev.mailwright.imap.internal.session.ImapSession;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of LOGIN and AUTHENTICATE: checks the credentials, opens the account's mail
 * (provisioning a new account when configured to), and completes the suspended command.
 * A failure is answered {@code NO [AUTHENTICATIONFAILED]} after a delay that grows with the
 * failures from the client's address, scheduled so that no worker thread sleeps; the same
 * answer for an unknown user and a wrong password.
 */
final class Authentication {

    private static final Logger log = LoggerFactory.getLogger(Authentication.class);

    private Authentication() {}

    /** Whether the password may be sent on this connection; refuses with PRIVACYREQUIRED if not. */
    static void requireSafeChannel(ImapSession session) throws ImapException {
        if (!Capabilities.loginAllowed(session)) {
            throw ImapException.no("PRIVACYREQUIRED", "Plaintext authentication is not allowed without TLS; use STARTTLS first");
        }
    }

    /** Checks the credentials and completes the (already suspended) command. */
    static void attempt(ImapSession session, String username, String password) {
        Optional<String> account;
        try {
            account = username.isEmpty() || username.length() > 320 || password.length() > 1024
                    ? Optional.empty()
                    : session.engine().authenticator().authenticate(username, password, session.connection().remoteAddress());
        } catch (RuntimeException e) {
            log.error("authenticator failed on {}", session.connection().id(), e);
            session.complete(ImapException.no("UNAVAILABLE", "Authentication is temporarily unavailable"), null, null);
            return;
        }
        if (account.isEmpty()) {
            fail(session);
            return;
        }
        UserMail mail;
        try {
            mail = open(session.engine().store(), account.get(), session.engine().autoProvision());
        } catch (MailStoreException e) {
            log.warn("{} authenticated but its mail cannot be opened: {}", account.get(), e.getMessage());
            session.complete(ImapException.no("UNAVAILABLE", "Mail for this account is not available"), null, null);
            return;
        }
        log.info("{} logged in from {}", account.get(), session.connection().remoteAddress().getAddress().getHostAddress());
        session.authenticated(account.get(), mail);
        session.complete(null, "CAPABILITY " + Capabilities.of(session), "Logged in");
    }

    private static UserMail open(MailStore store, String account, boolean provision) {
        if (provision && !store.exists(account)) {
            store.provision(account);
        }
        return store.open(account);
    }

    private static void fail(ImapSession session) {
        Duration delay = session.engine().throttle().failed(session.connection().remoteAddress().getAddress());
        boolean enough = session.authenticationFailed();
        log.info("failed login from {}", session.connection().remoteAddress().getAddress().getHostAddress());
        Runnable answer = () -> session.connection().execute(() -> {
            session.complete(ImapException.no("AUTHENTICATIONFAILED", "Authentication failed"), null, null);
            if (enough) {
                session.bye("Too many authentication failures");
            }
        });
        if (delay.isZero()) {
            answer.run();
        } else {
            session.engine().scheduler().schedule(answer, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
