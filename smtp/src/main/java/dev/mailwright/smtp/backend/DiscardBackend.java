package dev.mailwright.smtp.backend;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.RcptOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.smtp.spi.DataResult;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.SmtpSession;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts every recipient and throws every message away, counting them: a sink for load
 * tests and benchmarks, never for a server reachable from outside (it accepts mail for
 * anyone and keeps none).
 */
public final class DiscardBackend implements SmtpBackend {

    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong octets = new AtomicLong();

    /** Messages accepted so far. */
    public long messages() {
        return messages.get();
    }

    /** Octets of the messages accepted so far, Received fields included. */
    public long octets() {
        return octets.get();
    }

    @Override
    public SmtpSession open(SessionInfo session) {
        return new SmtpSession() {
            @Override
            public void mail(Optional<MailAddress> sender, MailOptions options) {
                // Every sender is fine.
            }

            @Override
            public void rcpt(MailAddress recipient, RcptOptions options) {
                // Every recipient is fine.
            }

            @Override
            public DataResult data(Envelope envelope, MessageContent content) {
                messages.incrementAndGet();
                octets.addAndGet(content.size());
                return DataResult.accepted();
            }

            @Override
            public void reset() {
                // No state.
            }
        };
    }
}
