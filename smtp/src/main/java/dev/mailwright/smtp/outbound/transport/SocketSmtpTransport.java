package dev.mailwright.smtp.outbound.transport;

import dev.mailwright.core.BodyType;
import dev.mailwright.core.EsmtpParameters;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.MessageContent;
import dev.mailwright.smtp.outbound.spi.OutboundTransport;
import dev.mailwright.smtp.outbound.spi.SessionRequest;
import dev.mailwright.smtp.outbound.spi.SessionResult;
import dev.mailwright.smtp.outbound.spi.SmtpReply;
import dev.mailwright.smtp.outbound.spi.TlsOutcome;
import dev.mailwright.smtp.outbound.spi.TlsPolicy;
import dev.mailwright.smtp.outbound.spi.TlsVerificationException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP client on blocking sockets for outbound delivery: one session per call on the calling
 * delivery thread, with the RFC 5321 §4.5.3.2 timeouts, EHLO with HELO fallback, STARTTLS
 * (RFC 3207) or implicit TLS under the request's {@link TlsPolicy}, AUTH PLAIN or LOGIN
 * (RFC 4954) only over TLS, PIPELINING (RFC 2920) of MAIL and RCPT, the DSN (RFC 3461), SIZE,
 * 8BITMIME, SMTPUTF8 and REQUIRETLS (RFC 8689) parameters where the server offers them, and
 * dot-stuffed DATA streamed from the queue file.
 *
 * <p>A 5xx greeting or EHLO/HELO refusal, a failed TLS requirement and a failed AUTH end the
 * session with a 4xx reply for every recipient, so that the next MX host is tried (Postfix's
 * {@code smtp_skip_5xx_greeting}); replies to MAIL, RCPT and DATA are passed on as the server gave
 * them.
 */
public final class SocketSmtpTransport implements OutboundTransport {

    private static final Logger log = LoggerFactory.getLogger(SocketSmtpTransport.class);

    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration dataTimeout;

    /** With RFC 5321 §4.5.3.2's minimums: 5 minutes per command, 10 for the end of DATA; 30 s to connect. */
    public SocketSmtpTransport() {
        this(Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(10));
    }

    /**
     * @param connectTimeout how long to wait for the TCP connection
     * @param commandTimeout how long to wait for any reply but the last
     * @param dataTimeout how long to wait for the reply to the end of the message data
     */
    public SocketSmtpTransport(Duration connectTimeout, Duration commandTimeout, Duration dataTimeout) {
        this.connectTimeout = positive(connectTimeout, "connectTimeout");
        this.commandTimeout = positive(commandTimeout, "commandTimeout");
        this.dataTimeout = positive(dataTimeout, "dataTimeout");
    }

    private static Duration positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    @Override
    public SessionResult send(SessionRequest request, MessageContent content) {
        Session session = new Session(request);
        try {
            return session.run(content);
        } catch (SocketTimeoutException e) {
            return session.broken("timed out " + session.stage);
        } catch (IOException e) {
            return session.broken(session.stage + ": " + e.getMessage());
        } finally {
            session.close();
        }
    }

    /** The state of one session. */
    private final class Session {
        final SessionRequest request;
        final List<Envelope.Recipient> recipients;
        final SmtpReply[] replies;
        Socket socket;
        InputStream in;
        OutputStream out;
        String stage = "connecting";
        boolean connected;
        TlsOutcome tls;
        Set<String> extensions = new TreeSet<>();
        long sizeLimit = -1;

        Session(SessionRequest request) {
            this.request = request;
            this.recipients = request.envelope().recipients();
            this.replies = new SmtpReply[recipients.size()];
            this.tls = TlsOutcome.none(request.tls().policy(), "");
        }

        SessionResult run(MessageContent content) throws IOException {
            socket = new Socket();
            socket.connect(request.address(), millis(connectTimeout));
            connected = true;
            socket.setSoTimeout(millis(commandTimeout));
            TlsPolicy policy = request.tls();
            if (policy.mode() == TlsPolicy.Mode.IMPLICIT) {
                stage = "in the TLS handshake";
                if (!startTls()) {
                    return failed(tlsFailureReply(), "implicit TLS failed");
                }
            } else {
                streams(socket);
            }
            stage = "reading the greeting";
            WireReply greeting = WireReply.read(in);
            if (!greeting.isPositive()) {
                return failed(soft(greeting), "greeting: " + greeting);
            }
            WireReply ehlo = hello();
            if (!ehlo.isPositive()) {
                return failed(soft(ehlo), "EHLO/HELO: " + ehlo);
            }
            if (policy.mode() != TlsPolicy.Mode.IMPLICIT) {
                if (extensions.contains("STARTTLS")) {
                    stage = "in STARTTLS";
                    WireReply ready = command("STARTTLS");
                    if (ready.code() == 220) {
                        stage = "in the TLS handshake";
                        if (!startTls()) {
                            return failed(tlsFailureReply(), "TLS handshake failed");
                        }
                        extensions.clear();
                        ehlo = hello();
                        if (!ehlo.isPositive()) {
                            return failed(soft(ehlo), "EHLO after STARTTLS: " + ehlo);
                        }
                    } else if (!policy.allowsPlaintext()) {
                        tls = TlsOutcome.none(policy.policy(), "starttls-not-supported");
                        return failed(new SmtpReply(451, "4.7.5", "STARTTLS refused: " + ready), "STARTTLS refused");
                    }
                } else if (!policy.allowsPlaintext()) {
                    tls = TlsOutcome.none(policy.policy(), "starttls-not-supported");
                    quit();
                    return failed(new SmtpReply(451, "4.7.5", "TLS required, but " + request.host()
                            + " does not offer STARTTLS"), "STARTTLS not offered");
                }
            }
            if (request.credentials().isPresent() && !authenticate()) {
                return failed(new SmtpReply(451, "4.7.0", "authentication at " + request.host() + " failed"),
                        "AUTH failed");
            }
            MailOptions options = request.envelope().mailOptions();
            if (options.requireTls() && (!extensions.contains("REQUIRETLS") || tls.security() == TlsOutcome.Security.NONE)) {
                quit();
                return failed(new SmtpReply(550, "5.7.30", "REQUIRETLS not supported by " + request.host()),
                        "REQUIRETLS not offered");
            }
            if (options.smtpUtf8() && !extensions.contains("SMTPUTF8")) {
                quit();
                return failed(new SmtpReply(550, "5.6.7", request.host() + " does not support SMTPUTF8"),
                        "SMTPUTF8 not offered");
            }
            if (sizeLimit > 0 && content.size() > sizeLimit) {
                quit();
                return failed(new SmtpReply(552, "5.3.4", "message size " + content.size()
                        + " exceeds the limit of " + request.host() + " (" + sizeLimit + ")"), "message too big");
            }
            return transaction(content);
        }

        SessionResult transaction(MessageContent content) throws IOException {
            stage = "in MAIL/RCPT";
            boolean pipelining = extensions.contains("PIPELINING");
            List<String> commands = new ArrayList<>();
            commands.add("MAIL FROM:<" + request.envelope().sender().map(this::path).orElse("") + ">"
                    + mailParameters(content.size()));
            for (Envelope.Recipient r : recipients) {
                commands.add("RCPT TO:<" + path(r.address()) + ">" + rcptParameters(r));
            }
            List<WireReply> answers = new ArrayList<>();
            if (pipelining) {
                for (String c : commands) {
                    write(c);
                }
                out.flush();
                for (int i = 0; i < commands.size(); i++) {
                    answers.add(WireReply.read(in));
                }
            } else {
                for (String c : commands) {
                    WireReply reply = command(c);
                    answers.add(reply);
                    if (answers.size() == 1 && !reply.isPositive()) {
                        break;
                    }
                }
            }
            WireReply mail = answers.get(0);
            if (!mail.isPositive()) {
                quit();
                return failed(mail.toSmtpReply(), "MAIL: " + mail);
            }
            List<Integer> accepted = new ArrayList<>();
            for (int i = 0; i < recipients.size(); i++) {
                WireReply rcpt = answers.get(i + 1);
                if (rcpt.isPositive()) {
                    accepted.add(i);
                } else {
                    replies[i] = rcpt.toSmtpReply();
                }
            }
            if (accepted.isEmpty()) {
                quit();
                return result("all recipients refused: " + answers.get(1));
            }
            stage = "in DATA";
            WireReply go = command("DATA");
            if (go.code() != 354) {
                for (int i : accepted) {
                    replies[i] = go.code() < 400 ? new SmtpReply(451, "4.5.0", "unexpected reply to DATA: " + go)
                            : go.toSmtpReply();
                }
                quit();
                return result("DATA: " + go);
            }
            stage = "sending the message";
            writeDotStuffed(content);
            socket.setSoTimeout(millis(dataTimeout));
            stage = "waiting for the reply to the message";
            WireReply done = WireReply.read(in);
            socket.setSoTimeout(millis(commandTimeout));
            for (int i : accepted) {
                replies[i] = done.toSmtpReply();
            }
            quit();
            return result(done.toString());
        }

        WireReply hello() throws IOException {
            stage = "in EHLO";
            WireReply ehlo = command("EHLO " + request.heloName());
            if (ehlo.isPositive()) {
                for (String line : ehlo.lines().subList(1, ehlo.lines().size())) {
                    String[] words = line.strip().split("\\s+");
                    String keyword = words[0].toUpperCase(Locale.ROOT);
                    extensions.add(keyword);
                    if (keyword.equals("SIZE") && words.length > 1 && words[1].matches("\\d{1,18}")) {
                        sizeLimit = Long.parseLong(words[1]);
                    }
                    if (keyword.equals("AUTH")) {
                        for (int i = 1; i < words.length; i++) {
                            extensions.add("AUTH=" + words[i].toUpperCase(Locale.ROOT));
                        }
                    }
                }
                return ehlo;
            }
            if (ehlo.code() >= 500) {
                return command("HELO " + request.heloName());
            }
            return ehlo;
        }

        boolean startTls() throws IOException {
            TlsPolicy policy = request.tls();
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {policy.trust()}, null);
                SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory().createSocket(socket,
                        request.host(), request.address().getPort(), true);
                SSLParameters parameters = tlsSocket.getSSLParameters();
                parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
                if (request.host().matches(".*[A-Za-z].*") && request.host().indexOf(':') < 0) {
                    parameters.setServerNames(List.of(new SNIHostName(request.host())));
                }
                tlsSocket.setSSLParameters(parameters);
                tlsSocket.startHandshake();
                SSLSession ssl = tlsSocket.getSession();
                tls = new TlsOutcome(policy.verified(), policy.policy(), ssl.getProtocol(), ssl.getCipherSuite(), "");
                socket = tlsSocket;
                streams(tlsSocket);
                return true;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available in this JVM", e);
            } catch (IOException e) {
                String failure = TlsVerificationException.find(e).map(TlsVerificationException::resultType)
                        .orElse("validation-failure");
                tls = TlsOutcome.none(policy.policy(), failure);
                log.info("TLS with {} [{}] failed: {}", request.host(), request.address().getAddress().getHostAddress(),
                        e.getMessage());
                return false;
            }
        }

        boolean authenticate() throws IOException {
            if (tls.security() == TlsOutcome.Security.NONE) {
                // A password never crosses the network in the clear.
                return false;
            }
            stage = "in AUTH";
            SessionRequest.Credentials credentials = request.credentials().orElseThrow();
            if (extensions.contains("AUTH=PLAIN")) {
                byte[] token = ("\0" + credentials.username() + "\0" + credentials.password()).getBytes(StandardCharsets.UTF_8);
                String line = "AUTH PLAIN " + Base64.getEncoder().encodeToString(token);
                Arrays.fill(token, (byte) 0);
                return command(line).code() == 235;
            }
            if (extensions.contains("AUTH=LOGIN")) {
                if (command("AUTH LOGIN").code() != 334) {
                    return false;
                }
                if (command(Base64.getEncoder().encodeToString(credentials.username().getBytes(StandardCharsets.UTF_8)))
                        .code() != 334) {
                    return false;
                }
                return command(Base64.getEncoder().encodeToString(credentials.password().getBytes(StandardCharsets.UTF_8)))
                        .code() == 235;
            }
            return false;
        }

        String mailParameters(long size) {
            MailOptions options = request.envelope().mailOptions();
            EsmtpParameters.Builder p = EsmtpParameters.builder();
            if (extensions.contains("SIZE")) {
                p.add("SIZE", Long.toString(size));
            }
            if (options.body() == BodyType.EIGHT_BIT_MIME && extensions.contains("8BITMIME")) {
                p.add("BODY", options.body().wireName());
            }
            if (options.smtpUtf8()) {
                p.add("SMTPUTF8");
            }
            if (extensions.contains("DSN")) {
                EsmtpParameters given = options.toParameters();
                given.value("RET").ifPresent(v -> p.add("RET", v));
                given.value("ENVID").ifPresent(v -> p.add("ENVID", v));
            }
            if (options.requireTls()) {
                p.add("REQUIRETLS");
            }
            String text = p.build().toString();
            return text.isEmpty() ? "" : " " + text;
        }

        String rcptParameters(Envelope.Recipient r) {
            if (!extensions.contains("DSN")) {
                return "";
            }
            String text = r.options().toParameters().toString();
            return text.isEmpty() ? "" : " " + text;
        }

        String path(MailAddress address) {
            return request.envelope().mailOptions().smtpUtf8() ? address.toString() : address.toAsciiString();
        }

        WireReply command(String line) throws IOException {
            write(line);
            out.flush();
            return WireReply.read(in);
        }

        void write(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        }

        void writeDotStuffed(MessageContent content) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            boolean lineStart = true;
            int previous = -1;
            try (InputStream message = content.open()) {
                int n;
                while ((n = message.read(buffer)) > 0) {
                    for (int i = 0; i < n; i++) {
                        byte b = buffer[i];
                        if (b == '\n' && previous != '\r') {
                            out.write('\r');
                        }
                        if (lineStart && b == '.') {
                            out.write('.');
                        }
                        out.write(b);
                        lineStart = b == '\n';
                        previous = b;
                    }
                }
            }
            if (!lineStart) {
                out.write(new byte[] {'\r', '\n'});
            }
            out.write(new byte[] {'.', '\r', '\n'});
            out.flush();
        }

        void streams(Socket s) throws IOException {
            in = new BufferedInputStream(s.getInputStream(), 8192);
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
        }

        void quit() {
            try {
                socket.setSoTimeout(millis(Duration.ofSeconds(10)));
                command("QUIT");
            } catch (IOException e) {
                // The transaction is decided; a server that hangs up without 221 changes nothing.
            }
        }

        SmtpReply soft(WireReply reply) {
            SmtpReply r = reply.toSmtpReply();
            if (r.isPermanent()) {
                return new SmtpReply(451, "4" + r.enhancedStatus().substring(1), request.host() + " refused the session: "
                        + reply);
            }
            return r;
        }

        SmtpReply tlsFailureReply() {
            return new SmtpReply(451, "4.7.5", "TLS with " + request.host() + " failed ("
                    + (tls.failure().isEmpty() ? "handshake" : tls.failure()) + ")");
        }

        SessionResult failed(SmtpReply reply, String summary) {
            for (int i = 0; i < replies.length; i++) {
                if (replies[i] == null) {
                    replies[i] = reply;
                }
            }
            return result(summary);
        }

        SessionResult result(String summary) {
            for (int i = 0; i < replies.length; i++) {
                if (replies[i] == null) {
                    replies[i] = new SmtpReply(451, "4.4.2", "session with " + request.host() + " ended early");
                }
            }
            return new SessionResult(request.host(), tls, Arrays.asList(replies), summary);
        }

        SessionResult broken(String what) {
            if (!connected) {
                List<SmtpReply> all = new ArrayList<>();
                for (int i = 0; i < replies.length; i++) {
                    all.add(new SmtpReply(451, "4.4.1", "cannot connect to " + request.host() + ": " + what));
                }
                return new SessionResult("", tls, all, "connect: " + what);
            }
            for (int i = 0; i < replies.length; i++) {
                if (replies[i] == null) {
                    replies[i] = new SmtpReply(451, "4.4.2", "connection to " + request.host() + " lost " + what);
                }
            }
            return new SessionResult(request.host(), tls, Arrays.asList(replies), "lost " + what);
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Nothing left to do with a socket we are done with.
                }
            }
        }
    }

    private static int millis(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
    }
}
