package dev.mailwright.smtp.spi;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import java.util.Optional;

/**
 * One client connection, as the host sees it: it decides on the sender, on each recipient
 * and on the message. Every method runs on the connection's worker, one call at a time, and
 * may block. To refuse, throw {@link SmtpException} with the reply the client should get; to
 * drop the connection without a reply, {@link DisconnectException}; any other exception is
 * logged and answered {@code 451 4.3.0} without its text.
 *
 * <p>The engine checks syntax, sequence, limits and TLS/AUTH requirements before calling;
 * a session sees only well-formed requests it must judge on their merits. Deciding each
 * recipient here is what keeps a server from being an open relay.
 */
public interface SmtpSession extends AutoCloseable {

    /**
     * What the engine knows about the client changed: HELO/EHLO/LHLO was given, TLS started
     * (everything learnt before it is void, RFC 3207 §4.2), or AUTH succeeded.
     */
    default void sessionUpdated(SessionInfo session) {
    }

    /**
     * A name for the client's address that the host looked up and verified (forward-confirmed
     * reverse DNS, for example), for the Received field. The engine never does DNS itself.
     */
    default Optional<String> verifiedClientName() {
        return Optional.empty();
    }

    /**
     * MAIL FROM: a new transaction starts.
     *
     * @param sender the reverse-path; empty for the null sender {@code <>}
     * @param options the MAIL parameters (SIZE, BODY, SMTPUTF8, RET, ENVID, REQUIRETLS, AUTH)
     */
    void mail(Optional<MailAddress> sender, MailOptions options);

    /** RCPT TO: accept this recipient, or throw to refuse it. */
    void rcpt(MailAddress recipient, RcptOptions options);

    /**
     * Part of the message has arrived: {@code octets} so far (after dot-unstuffing, across
     * BDAT chunks), and more is to come. Called as the body streams in, after each block read
     * from the connection, so it must be cheap. Its one effect is a {@link DisconnectException},
     * which drops the connection there and then with the message unfinished; a refusal has to
     * wait for {@link #data}, where the client expects the reply. A message that arrives in one
     * block is never reported here.
     */
    default void messageProgress(long octets) {
    }

    /**
     * The message arrived complete and within every limit. The engine owns {@code content}
     * (the engine's Received field already on top) and releases it when this returns; a
     * session that keeps the message copies or stores it before returning. A 250 after
     * DATA means the message is safe, so return only once it is.
     *
     * @param envelope the sender and the accepted recipients with their parameters
     */
    DataResult data(Envelope envelope, MessageContent content);

    /** The transaction ended (after the message, RSET, EHLO or STARTTLS); forget its state. */
    void reset();

    /** The connection closed. */
    @Override
    default void close() {
    }
}
