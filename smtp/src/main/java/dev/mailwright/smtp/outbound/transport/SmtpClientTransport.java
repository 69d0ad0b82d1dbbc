package dev.mailwright.smtp.outbound.transport;

import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.client.SendResult;
import dev.mailwright.smtp.client.SmtpClient;
import dev.mailwright.smtp.client.SmtpClientException;
import dev.mailwright.smtp.client.SmtpConnection;
import dev.mailwright.smtp.outbound.spi.OutboundTransport;
import dev.mailwright.smtp.outbound.spi.SessionRequest;
import dev.mailwright.smtp.outbound.spi.SessionResult;
import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import dev.mailwright.smtp.outbound.spi.TlsVerificationException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default transport: one session of the project's {@link SmtpClient} per call, on the calling
 * delivery thread. The request's trust manager judges the server's certificate through the
 * client's verifier hook, so PKIX-with-name, DANE and opportunistic checks all run the same way;
 * whether TLS is optional or required is decided here, from the request's mode.
 *
 * <p>A refused greeting or EHLO, a failed TLS requirement and a failed AUTH end the session with
 * a 4xx reply for every recipient so that the delivery logic moves on to the next MX host (as
 * Postfix's {@code smtp_skip_5xx_greeting} does); replies to MAIL, RCPT and DATA are passed on as
 * the server gave them.
 */
public final class SmtpClientTransport implements OutboundTransport {

    private static final Logger log = LoggerFactory.getLogger(SmtpClientTransport.class);

    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration dataTimeout;

    /** With RFC 5321 §4.5.3.2's minimums: 5 minutes per command, 10 for the end of DATA; 30 s to connect. */
    public SmtpClientTransport() {
        this(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    public SmtpClientTransport(Duration connectTimeout, Duration commandTimeout, Duration dataTimeout) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.commandTimeout = Objects.requireNonNull(commandTimeout, "commandTimeout");
        this.dataTimeout = Objects.requireNonNull(dataTimeout, "dataTimeout");
    }

    @Override
    public SessionResult send(SessionRequest request, MessageContent content) {
        TlsPolicy policy = request.tls();
        SmtpClient.Builder builder = SmtpClient.builder()
                .helloName(request.heloName())
                .connectTimeout(connectTimeout)
                .commandTimeout(commandTimeout)
                .dataTimeout(dataTimeout)
                .implicitTls(policy.mode() == TlsPolicy.Mode.IMPLICIT)
                .tlsPolicy(dev.mailwright.smtp.client.TlsPolicy.verifiedBy(
                        (chain, name) -> policy.trust().checkServerTrusted(chain.toArray(new X509Certificate[0]), "UNKNOWN")));
        request.credentials().ifPresent(c -> builder.credentials(c.username(), c.password()));
        SmtpClient client = builder.build();
        int n = request.envelope().recipients().size();
        String stage = "connect";
        SmtpConnection connection = null;
        TlsOutcome tls = TlsOutcome.none(policy.policy(), "");
        try {
            connection = client.connect(request.address(), request.host());
            stage = "EHLO";
            connection.hello();
            if (policy.mode() != TlsPolicy.Mode.IMPLICIT) {
                if (connection.capabilities().has("STARTTLS")) {
                    stage = "STARTTLS";
                    startTls(connection, policy);
                } else if (!policy.allowsPlaintext()) {
                    tls = TlsOutcome.none(policy.policy(), "starttls-not-supported");
                    quietly(connection);
                    return all(request, tls, new SmtpReply(451, "4.7.5", "TLS required, but " + request.host()
                            + " does not offer STARTTLS"), n, "STARTTLS not offered");
                }
            }
            tls = connection.tls().map(t -> new TlsOutcome(policy.verified(), policy.policy(), t.protocol(),
                    t.cipherSuite(), "")).orElse(tls);
            if (request.credentials().isPresent()) {
                stage = "AUTH";
                SmtpClientException refused = authenticate(connection, request);
                if (refused != null) {
                    quietly(connection);
                    return all(request, tls, new SmtpReply(451, "4.7.0", "authentication at " + request.host()
                            + " failed" + refused.reply().map(r -> ": " + r.code() + " " + r.text()).orElse("")),
                            n, "AUTH failed");
                }
            }
            stage = "transaction";
            SendResult sent = connection.send(request.envelope(), content);
            List<SmtpReply> replies = new ArrayList<>(n);
            for (RecipientResult r : sent.recipients()) {
                replies.add(new SmtpReply(r.code(), r.enhancedStatus(), r.text()));
            }
            quietly(connection);
            return new SessionResult(request.host(), tls, replies, replies.get(0).toString(),
                    connection.capabilities().has("DSN"));
        } catch (SmtpClientException e) {
            String failure = TlsVerificationException.find(e).map(TlsVerificationException::resultType)
                    .orElse(stage.equals("STARTTLS") || e.getMessage().contains("TLS") ? "validation-failure" : "");
            if (!failure.isEmpty()) {
                tls = TlsOutcome.none(policy.policy(), failure);
                log.info("TLS with {} [{}] failed: {}", request.host(), request.address().getAddress().getHostAddress(),
                        e.getMessage());
                return all(request, tls, new SmtpReply(451, "4.7.5", "TLS with " + request.host() + " failed ("
                        + failure + ")"), n, "TLS failed: " + e.getMessage());
            }
            SmtpReply reply = e.reply().map(r -> soft(request, r.code(), r.enhancedStatus(), r.text()))
                    .orElse(new SmtpReply(451, "4.4.2", request.host() + ": " + e.getMessage()));
            return all(request, tls, reply, n, stage + ": " + e.getMessage());
        } catch (SocketTimeoutException e) {
            return lost(request, tls, n, connection != null, "timed out in " + stage);
        } catch (IOException e) {
            return lost(request, tls, n, connection != null, stage + ": " + e.getMessage());
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (IOException e) {
                    // Done with it either way.
                }
            }
        }
    }

    /**
     * STARTTLS; under opportunistic TLS a server that refuses it (a reply other than 220, the
     * connection still in plaintext) is used without TLS, as RFC 3207 §4.1 leaves to the client.
     */
    private static void startTls(SmtpConnection connection, TlsPolicy policy) throws IOException {
        try {
            connection.startTls();
        } catch (SmtpClientException e) {
            boolean refused = e.reply().isPresent() && e.reply().get().code() != 220;
            if (!(refused && policy.allowsPlaintext())) {
                throw e;
            }
        }
    }

    private static SmtpClientException authenticate(SmtpConnection connection, SessionRequest request) throws IOException {
        try {
            SessionRequest.Credentials c = request.credentials().orElseThrow();
            connection.authenticate(c.username(), c.password());
            return null;
        } catch (SmtpClientException e) {
            return e;
        }
    }

    /** A refusal of the whole session counts as temporary, so that the next host is tried. */
    private static SmtpReply soft(SessionRequest request, int code, String enhanced, String text) {
        if (code >= 500) {
            return new SmtpReply(451, "4" + enhanced.substring(1), request.host() + " refused the session: "
                    + code + " " + text);
        }
        return new SmtpReply(code, enhanced, text);
    }

    private static SessionResult all(SessionRequest request, TlsOutcome tls, SmtpReply reply, int n, String summary) {
        List<SmtpReply> replies = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            replies.add(reply);
        }
        return new SessionResult(request.host(), tls, replies, summary);
    }

    private static SessionResult lost(SessionRequest request, TlsOutcome tls, int n, boolean connected, String what) {
        if (!connected) {
            List<SmtpReply> replies = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                replies.add(new SmtpReply(451, "4.4.1", "cannot connect to " + request.host() + ": " + what));
            }
            return new SessionResult("", tls, replies, "connect: " + what);
        }
        return all(request, tls, new SmtpReply(451, "4.4.2", "connection to " + request.host() + " lost: " + what), n,
                "lost: " + what);
    }

    private static void quietly(SmtpConnection connection) {
        try {
            connection.quit();
        } catch (IOException e) {
            // The transaction is decided; a server that hangs up without 221 changes nothing.
        }
    }
}
