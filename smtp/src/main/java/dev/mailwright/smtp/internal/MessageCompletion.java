package dev.mailwright.smtp.internal;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.TlsInfo;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.DisconnectException;
import dev.mailwright.smtp.spi.SmtpException;
import java.io.IOException;
import java.net.InetAddress;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a message (after DATA's final dot or BDAT LAST): refuse it for a limit or a
 * bare line ending, or add the Received field, hand it to the session and answer, once for
 * SMTP or once per recipient for LMTP.
 */
final class MessageCompletion {

    private static final Logger log = LoggerFactory.getLogger(MessageCompletion.class);
    static final SmtpReply BARE_NEWLINE = SmtpReply.of(550, "5.5.2",
            "message refused: bare CR or LF in message data, lines must end in CRLF");
    static final SmtpReply DEFAULT_ACCEPTED = SmtpReply.of(250, "2.0.0", "OK");

    private final Conversation conversation;

    MessageCompletion(Conversation conversation) {
        this.conversation = conversation;
    }

    static SmtpReply refusal(MessageSink.Problem problem) {
        return switch (problem) {
            case TOO_BIG -> SmtpReply.of(552, "5.3.4", "message exceeds fixed maximum message size");
            case HEADER_TOO_BIG -> SmtpReply.of(552, "5.3.4", "message header exceeds fixed maximum size");
            case STORAGE -> SmtpReply.of(451, "4.3.0", "temporary storage failure, try again later");
            case NONE -> throw new IllegalArgumentException("no problem to refuse");
        };
    }

    void finish(boolean bareNewline) {
        Transaction transaction = conversation.transaction();
        MessageSink sink = transaction.sink;
        transaction.sink = null;
        Envelope envelope = transaction.envelope();
        SessionInfo info = conversation.info();
        SmtpReply refusal = bareNewline ? BARE_NEWLINE
                : sink.problem() != MessageSink.Problem.NONE ? refusal(sink.problem()) : null;
        MessageContent content = null;
        if (refusal == null) {
            try {
                content = sink.finish();
            } catch (IOException e) {
                log.warn("session {}: cannot complete spooled message: {}", info.id(), e.toString());
                refusal = refusal(MessageSink.Problem.STORAGE);
            }
        }
        if (refusal != null) {
            sink.discard();
            for (SmtpReply r : repeat(refusal, envelope)) {
                conversation.reply(r);
            }
            conversation.context().events().messageRejected(info, envelope, refusal);
            conversation.transactionDone();
            return;
        }
        String id = conversation.context().ids().next();
        MessageContent message = content.prepend(receivedField(transaction, id));
        DataResult result;
        try {
            result = conversation.session().data(envelope, message);
        } catch (SmtpException e) {
            result = DataResult.reply(e.reply());
        } catch (DisconnectException e) {
            conversation.drop(e);
            return;
        } catch (RuntimeException e) {
            log.error("session {}: backend failed to take message {}", info.id(), id, e);
            result = DataResult.reply(Conversation.INTERNAL_ERROR);
        } finally {
            message.release();
        }
        List<SmtpReply> replies = conversation.lmtp() ? perRecipient(result, envelope, id) : List.of(single(result, id));
        replies.forEach(conversation::reply);
        Optional<SmtpReply> accepted = replies.stream().filter(SmtpReply::isPositive).findFirst();
        if (accepted.isPresent()) {
            log.info("session {}: message {} accepted, {} octets, {} recipient(s)", info.id(), id, message.size(),
                    envelope.recipients().size());
            conversation.context().events().messageAccepted(info, envelope, message.size());
        } else {
            conversation.context().events().messageRejected(info, envelope, replies.get(0));
        }
        conversation.transactionDone();
    }

    private byte[] receivedField(Transaction transaction, String id) {
        Conversation c = conversation;
        SessionInfo info = c.info();
        Optional<TlsInfo> tls = info.tls().or(() -> c.connection().tls().map(MessageCompletion::tlsInfo));
        boolean utf8 = transaction.options.smtpUtf8();
        String protocol = ReceivedField.protocol(c.lmtp(), c.esmtp(), utf8, c.connection().isSecure(), info.isAuthenticated());
        Optional<String> clientName;
        try {
            clientName = c.session().verifiedClientName();
        } catch (RuntimeException e) {
            log.warn("session {}: backend failed to name the client", info.id(), e);
            clientName = Optional.empty();
        }
        InetAddress address = info.remote().getAddress();
        return ReceivedField.format(new ReceivedField.Facts(info.heloName().orElse("unknown"), clientName, address,
                c.context().hostname(), protocol, tls, id,
                transaction.recipients.size() == 1 ? Optional.of(transaction.recipients.get(0).address()) : Optional.empty(),
                ZonedDateTime.now(c.context().clock())));
    }

    private static TlsInfo tlsInfo(SSLSession session) {
        return new TlsInfo(session.getProtocol(), session.getCipherSuite());
    }

    /** SMTP: one reply. Per-recipient results collapse to 250 if any recipient was accepted, else the first failure. */
    private static SmtpReply single(DataResult result, String id) {
        if (result instanceof DataResult.Single single) {
            return single.reply().equals(DEFAULT_ACCEPTED) ? SmtpReply.of(250, "2.0.0", "OK: queued as " + id) : single.reply();
        }
        List<RecipientResult> results = ((DataResult.PerRecipient) result).result().results();
        List<RecipientResult> failed = results.stream().filter(r -> !r.isAccepted()).toList();
        if (failed.size() < results.size() || results.isEmpty()) {
            if (!failed.isEmpty()) {
                log.warn("message {} accepted with {} failed recipient(s); the backend owes their senders a report",
                        id, failed.size());
            }
            return SmtpReply.of(250, "2.0.0", "OK: queued as " + id);
        }
        RecipientResult first = failed.get(0);
        return SmtpReply.of(first.code(), first.enhancedStatus(), first.text());
    }

    /** LMTP (RFC 2033 §4.2): one reply per accepted recipient, in RCPT order. */
    private static List<SmtpReply> perRecipient(DataResult result, Envelope envelope, String id) {
        if (result instanceof DataResult.Single single) {
            SmtpReply reply = single.reply().equals(DEFAULT_ACCEPTED)
                    ? SmtpReply.of(250, "2.0.0", "OK: queued as " + id) : single.reply();
            return envelope.recipients().stream()
                    .map(r -> SmtpReply.of(reply.code(), reply.enhancedStatus(), "<" + r.address() + "> " + reply.text()))
                    .toList();
        }
        List<RecipientResult> results = ((DataResult.PerRecipient) result).result().results();
        List<SmtpReply> replies = new ArrayList<>();
        for (int i = 0; i < envelope.recipients().size(); i++) {
            Envelope.Recipient recipient = envelope.recipients().get(i);
            if (i < results.size()) {
                RecipientResult r = results.get(i);
                replies.add(SmtpReply.of(r.code(), r.enhancedStatus(), "<" + recipient.address() + "> " + r.text()));
            } else {
                log.error("message {}: the backend returned {} results for {} recipients", id, results.size(),
                        envelope.recipients().size());
                replies.add(SmtpReply.of(451, "4.3.0", "<" + recipient.address() + "> internal error, try again later"));
            }
        }
        return replies;
    }

    /** A whole-message refusal: once for SMTP, once per recipient for LMTP. */
    private List<SmtpReply> repeat(SmtpReply refusal, Envelope envelope) {
        if (!conversation.lmtp()) {
            return List.of(refusal);
        }
        return envelope.recipients().stream()
                .map(r -> SmtpReply.of(refusal.code(), refusal.enhancedStatus(), "<" + r.address() + "> " + refusal.text()))
                .toList();
    }
}
