package dev.mailwright.testing;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.delivery.DeliveryResult;
import dev.mailwright.core.delivery.MailStoreDelivery;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.core.store.MailStore;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.AuthSupport;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.DisconnectException;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The SMTP side of a test server: it decides recipients as a real server would (local
 * domains, known or auto-created users, relaying only for authenticated clients), stores
 * each message in its local recipients' INBOXes so that IMAP sees it, records it with its
 * envelope, and applies the injected {@link Faults}.
 */
final class CapturingBackend implements SmtpBackend, AuthSupport {

    private final TestAccounts accounts;
    private final ReceivedMessages log;
    private final Faults faults;
    private final MailStore store;
    private final Clock clock;
    private final IntFunction<Protocol> listenerByPort;

    CapturingBackend(TestAccounts accounts, ReceivedMessages log, Faults faults, MailStore store, Clock clock,
                     IntFunction<Protocol> listenerByPort) {
        this.accounts = accounts;
        this.log = log;
        this.faults = faults;
        this.store = store;
        this.clock = clock;
        this.listenerByPort = listenerByPort;
    }

    @Override
    public SmtpSession open(SessionInfo session) {
        faults.delayReply();
        return new Session(session, listenerByPort.apply(session.local().getPort()));
    }

    @Override
    public Optional<String> authenticate(String username, String password, SessionInfo session) {
        return accounts.authenticate(username, password);
    }

    private final class Session implements SmtpSession {

        private final Protocol protocol;
        private SessionInfo info;
        /** The local recipients of the transaction and their accounts; relayed ones have none. */
        private final Map<MailAddress, String> local = new HashMap<>();

        Session(SessionInfo info, Protocol protocol) {
            this.info = info;
            this.protocol = protocol;
        }

        @Override
        public void sessionUpdated(SessionInfo session) {
            info = session;
            // HELO, EHLO and AUTH answers; not the update after a TLS handshake, which has no reply of its own.
            if (session.heloName().isPresent()) {
                faults.delayReply();
            }
        }

        @Override
        public void mail(Optional<MailAddress> sender, MailOptions options) {
            faults.delayReply();
            if (log.isFull()) {
                throw SmtpException.insufficientStorage();
            }
        }

        @Override
        public void rcpt(MailAddress recipient, RcptOptions options) {
            faults.delayReply();
            Optional<SmtpReply> rejection = faults.takeRecipientRejection();
            if (rejection.isPresent()) {
                throw new SmtpException(rejection.get());
            }
            if (!accounts.isLocal(recipient)) {
                if (!info.isAuthenticated()) {
                    throw SmtpException.relayDenied();
                }
                return;
            }
            String account = accounts.accountFor(recipient).orElseThrow(SmtpException::noSuchUser);
            local.put(recipient, account);
        }

        @Override
        public void messageProgress(long octets) {
            if (faults.takeDrop(octets)) {
                throw new DisconnectException("injected fault: connection dropped in the middle of DATA");
            }
        }

        @Override
        public DataResult data(Envelope envelope, MessageContent content) {
            faults.delayReply();
            if (faults.takeDrop()) {
                throw new DisconnectException("injected fault: connection dropped during DATA");
            }
            Optional<SmtpReply> rejection = faults.takeMessageRejection();
            if (rejection.isPresent()) {
                throw new SmtpException(rejection.get());
            }
            if (log.isFull()) {
                throw SmtpException.insufficientStorage();
            }
            byte[] bytes = content.toByteArray();
            List<Envelope.Recipient> stored = envelope.recipients().stream().filter(r -> local.containsKey(r.address())).toList();
            DeliveryResult delivered = stored.isEmpty() ? new DeliveryResult(List.of())
                    : new MailStoreDelivery(store, r -> Optional.ofNullable(local.get(r)), clock)
                            .deliver(envelope.withRecipients(stored), MessageContent.of(bytes));
            List<RecipientResult> results = new ArrayList<>();
            for (Envelope.Recipient r : envelope.recipients()) {
                results.add(local.containsKey(r.address())
                        ? delivered.resultFor(r.address()).orElseGet(() -> RecipientResult.accepted(r.address()))
                        : RecipientResult.accepted(r.address()));
            }
            if (results.stream().anyMatch(RecipientResult::isAccepted)
                    && !log.add(new ReceivedMessage(bytes, envelope, info, protocol, clock.instant()))) {
                throw SmtpException.insufficientStorage();
            }
            return DataResult.perRecipient(new DeliveryResult(results));
        }

        @Override
        public void reset() {
            local.clear();
        }
    }
}
