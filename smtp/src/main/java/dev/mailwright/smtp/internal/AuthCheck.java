package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.AuthSupport;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the credentials of a finished SASL exchange. Unknown user and wrong password get
 * the same reply (535 5.7.8); failures are counted per client address and their replies
 * delayed more and more, and a connection with too many failures is closed.
 */
final class AuthCheck {

    private static final Logger log = LoggerFactory.getLogger(AuthCheck.class);
    static final SmtpReply SUCCEEDED = SmtpReply.of(235, "2.7.0", "authentication successful");
    static final SmtpReply FAILED = SmtpReply.of(535, "5.7.8", "authentication credentials invalid");
    static final SmtpReply UNAVAILABLE = SmtpReply.of(454, "4.7.0", "temporary authentication failure");

    private final Conversation conversation;

    AuthCheck(Conversation conversation) {
        this.conversation = conversation;
    }

    void verify(String mechanism, SaslExchange.Done credentials) {
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
