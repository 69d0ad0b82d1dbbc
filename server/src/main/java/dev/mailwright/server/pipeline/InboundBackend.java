package dev.mailwright.server.pipeline;

import dev.mailwright.smtp.ListenerRole;
import dev.mailwright.smtp.spi.SmtpBackend;
import dev.mailwright.smtp.spi.SmtpSession;
import dev.mailwright.core.SessionInfo;
import java.util.Objects;

/** The assembled server's SMTP backend for one kind of listener: MX, submission or LMTP. */
public final class InboundBackend implements SmtpBackend {

    private final MailPipeline pipeline;
    private final ListenerRole role;

    public InboundBackend(MailPipeline pipeline, ListenerRole role) {
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.role = Objects.requireNonNull(role, "role");
    }

    @Override
    public SmtpSession open(SessionInfo session) {
        return new InboundSession(pipeline, role, session);
    }
}
