package dev.mailwright.smtp.backend;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.delivery.DeliveryTarget;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A ready-made backend: recipients chosen by a predicate, messages handed to a
 * {@link DeliveryTarget} (a mail store, a queue) with its per-recipient results. It accepts
 * nobody the predicate does not name, so it cannot relay by accident.
 *
 * <p>{@link #forLocalDomains} is the MX backend: recipients in the given domains only,
 * everything else refused with {@code 554 5.7.1 relay access denied}.
 */
public final class DeliveryBackend implements SmtpBackend {

    private final Predicate<MailAddress> localDomain;
    private final Predicate<MailAddress> knownRecipient;
    private final DeliveryTarget target;

    private DeliveryBackend(Predicate<MailAddress> localDomain, Predicate<MailAddress> knownRecipient, DeliveryTarget target) {
        this.localDomain = localDomain;
        this.knownRecipient = knownRecipient;
        this.target = target;
    }

    /**
     * Accepts the recipients {@code accepts} names and refuses the rest as not local
     * ({@code 554 5.7.1}).
     */
    public static DeliveryBackend of(Predicate<MailAddress> accepts, DeliveryTarget target) {
        return new DeliveryBackend(Objects.requireNonNull(accepts, "accepts"), r -> true, Objects.requireNonNull(target, "target"));
    }

    /**
     * The MX backend: accepts recipients in {@code domains} (compared in A-label form,
     * ignoring case) and refuses everything else; {@code knownRecipient} then says which
     * local addresses exist (unknown ones get {@code 550 5.1.1}).
     */
    public static DeliveryBackend forLocalDomains(Collection<String> domains, Predicate<MailAddress> knownRecipient,
                                                  DeliveryTarget target) {
        Set<String> ascii = domains.stream()
                .map(d -> MailAddress.of("postmaster", d).asciiDomain().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (ascii.isEmpty()) {
            throw new IllegalArgumentException("no local domains: an MX backend without any would refuse all mail");
        }
        return new DeliveryBackend(r -> ascii.contains(r.asciiDomain().toLowerCase(Locale.ROOT)),
                Objects.requireNonNull(knownRecipient, "knownRecipient"), Objects.requireNonNull(target, "target"));
    }

    @Override
    public SmtpSession open(SessionInfo session) {
        return new Session();
    }

    private final class Session implements SmtpSession {

        @Override
        public void mail(Optional<MailAddress> sender, MailOptions options) {
            // Any sender: whether to accept the message is decided per recipient.
        }

        @Override
        public void rcpt(MailAddress recipient, RcptOptions options) {
            if (!localDomain.test(recipient)) {
                throw SmtpException.relayDenied();
            }
            if (!knownRecipient.test(recipient)) {
                throw SmtpException.noSuchUser();
            }
        }

        @Override
        public DataResult data(Envelope envelope, MessageContent content) {
            return DataResult.perRecipient(target.deliver(envelope, content));
        }

        @Override
        public void reset() {
            // No per-transaction state.
        }
    }
}
