package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.AuthSupport;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One AUTH exchange (RFC 4954): 334 challenges until the SASL mechanism has the
 * credentials, then the check. Unknown user and wrong password get the same reply
 * (535 5.7.8); failures are counted per client address and their replies delayed more and
 * more, and a connection with too many failures is closed.
 */
final class Authentication {

    private static final Logger log = LoggerFactory.getLogger(Authentication.class);
    static final SmtpReply SUCCEEDED = SmtpReply.of(235, "2.7.0", "authentication successful");
    static final SmtpReply FAILED = SmtpReply.of(535, "5.7.8", "authentication credentials invalid");
    static final SmtpReply UNAVAILABLE = SmtpReply.of(454, "4.7.0", "temporary authentication failure");

    private final Conversation conversation;
    private final SaslExchange exchange;

    Authentication(Conversation conversation, SaslExchange exchange) {
        this.conversation = conversation;
        this.exchange = exchange;
    }

    /** Starts the exchange; true while it waits for a response line. */
    boolean start(Optional<String> initialResponse) {
        return step(exchange.start(initialResponse));
    }

    /** The client's response line; true while the exchange waits for another. */
    boolean respond(String line) {
        return step(exchange.respond(line));
    }

    private boolean step(SaslExchange.Step step) {
        if (step instanceof SaslExchange.Challenge challenge) {
            conversation.reply(SmtpReply.of(334, "", challenge.text()));
            return true;
        }
        if (step instanceof SaslExchange.Failed failed) {
            conversation.reply(failed.reply());
        } else if (step instanceof SaslExchange.Done done) {
            verify(done);
        }
        return false;
    }

    private void verify(SaslExchange.Done credentials) {
        String mechanism = exchange.mechanism();
        AuthSupport auth = conversation.context().auth();
        String id = conversation.info().id();
        Optional<String> user;
        try {
            user = auth.authenticate(credentials.username(), credentials.password(), conversation.info());
        } catch (RuntimeException e) {
            // The exception may quote the credentials; log only its type.
            log.error("session {}: authenticator failed: {}", id, e.getClass().getName());
            conversation.reply(UNAVAILABLE);
            return;
        }
        String identity = user.orElse(null);
        String authzid = credentials.authorizationId();
        if (identity != null && !authzid.isEmpty() && !authzid.equals(identity) && !authzid.equals(credentials.username())) {
            boolean allowed;
            try {
                allowed = auth.mayActAs(identity, authzid);
            } catch (RuntimeException e) {
                log.error("session {}: authorization check failed: {}", id, e.getClass().getName());
                allowed = false;
            }
            identity = allowed ? authzid : null;
        }
        if (identity != null) {
            conversation.authenticated(identity);
            conversation.context().events().authSucceeded(conversation.info(), mechanism);
            log.info("session {}: AUTH {} succeeded for {}", id, mechanism, identity);
            conversation.reply(SUCCEEDED);
            return;
        }
        int failures = conversation.authFailed();
        Duration delay = conversation.context().throttle().failed(conversation.info().remote().getAddress());
        conversation.context().events().authFailed(conversation.info(), mechanism);
        log.info("session {}: AUTH {} failed from {} ({} on this connection)", id, mechanism,
                conversation.info().remote().getAddress().getHostAddress(), failures);
        SmtpReply close = failures >= conversation.context().limits().maxAuthFailures()
                ? SmtpReply.of(421, "4.7.0", conversation.context().hostname() + " too many authentication failures")
                : null;
        conversation.replyLater(FAILED, delay, close);
    }
}
