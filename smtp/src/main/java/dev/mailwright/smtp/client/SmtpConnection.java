package dev.mailwright.smtp.client;

import dev.mailwright.core.BodyType;
import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import dev.mailwright.core.delivery.RecipientResult;
import dev.mailwright.smtp.SmtpReply;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One client connection to an SMTP or LMTP server. Not thread-safe: one conversation, one
 * thread. Close it when done; {@link #quit()} first is polite.
 */
public final class SmtpConnection implements AutoCloseable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final SmtpClient config;
    private final String serverName;
    private Socket socket;
    private ReplyReader in;
    private OutputStream out;
    private SmtpReply greeting;
    private Capabilities capabilities = Capabilities.NONE;
    private TlsOutcome tls;
    private boolean authenticated;

    private SmtpConnection(SmtpClient config, String serverName) {
        this.config = config;
        this.serverName = serverName;
    }

    static SmtpConnection open(SmtpClient config, InetSocketAddress address, String serverName) throws IOException {
        SmtpConnection c = new SmtpConnection(config, serverName);
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) config.connectTimeout.toMillis());
            socket.setSoTimeout((int) config.commandTimeout.toMillis());
            socket.setTcpNoDelay(true);
            c.use(socket);
            if (config.implicitTls) {
                c.handshake();
            }
            c.greeting = c.in.read();
            if (c.greeting.code() != 220) {
                throw new SmtpClientException("server refused the connection", c.greeting);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new ReplyReader(s.getInputStream());
        out = new BufferedOutputStream(s.getOutputStream(), 16384);
    }

    public SmtpReply greeting() {
        return greeting;
    }

    /** What the server offered in its last EHLO/LHLO reply; none after HELO. */
    public Capabilities capabilities() {
        return capabilities;
    }

    /** How the connection is protected; empty while in plaintext. */
    public Optional<TlsOutcome> tls() {
        return Optional.ofNullable(tls);
    }

    /** EHLO (LHLO for LMTP), falling back to HELO when an SMTP server does not know EHLO. */
    public Capabilities hello() throws IOException {
        SmtpReply reply = command((config.lmtp ? "LHLO " : "EHLO ") + config.helloName);
        if (reply.code() == 250) {
            capabilities = Capabilities.parse(reply);
            return capabilities;
        }
        if (config.lmtp || !reply.isPermanentFailure()) {
            throw new SmtpClientException("server refused " + (config.lmtp ? "LHLO" : "EHLO"), reply);
        }
        reply = command("HELO " + config.helloName);
        if (reply.code() != 250) {
            throw new SmtpClientException("server refused HELO", reply);
        }
        capabilities = Capabilities.NONE;
        return capabilities;
    }

    /** Starts TLS as the policy asks: required, when offered, or not at all. */
    public void secure() throws IOException {
        if (tls != null || config.tlsPolicy.requirement() == TlsPolicy.Requirement.NONE) {
            return;
        }
        boolean required = config.tlsPolicy.requirement() == TlsPolicy.Requirement.REQUIRED;
        if (capabilities.has("STARTTLS")) {
            SmtpReply refusal = tryStartTls();
            if (refusal != null && required) {
                throw new SmtpClientException("server refused STARTTLS", refusal);
            }
        } else if (required) {
            throw new SmtpClientException("TLS is required but the server does not offer STARTTLS");
        }
    }

    /**
     * STARTTLS (RFC 3207), then EHLO again. The client reads exactly the 220 reply; any byte
     * the server sent after it arrived before TLS and would be taken as protected: the
     * connection is dropped.
     */
    public void startTls() throws IOException {
        SmtpReply refusal = tryStartTls();
        if (refusal != null) {
            throw new SmtpClientException("server refused STARTTLS", refusal);
        }
    }

    /** STARTTLS; the server's refusal (the connection stays usable in plaintext), or null once TLS is on. */
    private SmtpReply tryStartTls() throws IOException {
        SmtpReply reply = command("STARTTLS");
        if (reply.code() != 220) {
            return reply;
        }
        if (in.buffered() > 0 || socket.getInputStream().available() > 0) {
            close();
            throw new SmtpClientException("server sent data after its STARTTLS reply (response injection); connection dropped");
        }
        handshake();
        capabilities = Capabilities.NONE;
        hello();
        return null;
    }

    private void handshake() throws IOException {
        SSLSocket secured;
        try {
            secured = config.tlsPolicy.handshake(socket, serverName);
        } catch (IOException e) {
            throw new SmtpClientException("TLS handshake with " + serverName + " failed: " + e.getMessage(), null, e);
        }
        SSLSession session = secured.getSession();
        tls = new TlsOutcome(session.getProtocol(), session.getCipherSuite(), config.tlsPolicy.verifies());
        use(secured);
    }

    /** AUTH PLAIN, or LOGIN when PLAIN is not offered (RFC 4954). Refused over plaintext unless allowed. */
    public void authenticate(String username, String password) throws IOException {
        if (tls == null && !config.authOverPlaintext) {
            throw new SmtpClientException("refusing to send credentials without TLS");
        }
        List<String> mechanisms = capabilities.parameters("AUTH").stream().map(m -> m.toUpperCase(java.util.Locale.ROOT)).toList();
        SmtpReply reply;
        if (mechanisms.contains("PLAIN")) {
            reply = command("AUTH PLAIN " + base64("\0" + username + "\0" + password));
        } else if (mechanisms.contains("LOGIN")) {
            reply = command("AUTH LOGIN");
            if (reply.code() == 334) {
                reply = command(base64(username));
            }
            if (reply.code() == 334) {
                reply = command(base64(password));
            }
        } else {
            throw new SmtpClientException("server offers neither AUTH PLAIN nor AUTH LOGIN");
        }
        if (reply.code() != 235) {
            throw new SmtpClientException("authentication failed", reply);
        }
        authenticated = true;
    }

    /**
     * Sends one message: MAIL, RCPT for each recipient and DATA (or BDAT), pipelined when the
     * server offers PIPELINING. A refusal of the sender, of recipients or of the message ends
     * up in the result; only a broken conversation throws.
     */
    public SendResult send(Envelope envelope, MessageContent content) throws IOException {
        return new Transmission(this, envelope, content).run();
    }

    /** RSET: drops a transaction on the server side. */
    public SmtpReply reset() throws IOException {
        return command("RSET");
    }

    /** QUIT, then close. */
    public void quit() throws IOException {
        try {
            command("QUIT");
        } finally {
            close();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    // ---- used by Transmission ----

    SmtpClient config() {
        return config;
    }

    boolean isAuthenticated() {
        return authenticated;
    }

    SmtpReply command(String line) throws IOException {
        write(line);
        out.flush();
        return in.read();
    }

    void write(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write(CRLF);
    }

    SmtpReply read() throws IOException {
        return in.read();
    }

    void flush() throws IOException {
        out.flush();
    }

    void sendDotStuffed(MessageContent content) throws IOException {
        try (InputStream body = content.open()) {
            DotStuffer.copy(body, out);
        }
        out.flush();
    }

    void sendChunk(MessageContent content) throws IOException {
        write("BDAT " + content.size() + " LAST");
        content.writeTo(out);
        out.flush();
    }

    void awaitingFinalReply(boolean waiting) throws IOException {
        socket.setSoTimeout((int) (waiting ? config.dataTimeout : config.commandTimeout).toMillis());
    }

    static RecipientResult result(Envelope.Recipient recipient, SmtpReply reply) {
        String status = reply.enhancedStatus().isEmpty() ? reply.code() / 100 + ".0.0" : reply.enhancedStatus();
        String text = reply.text();
        return switch (reply.code() / 100) {
            case 2 -> new RecipientResult(recipient.address(), RecipientResult.Status.ACCEPTED, reply.code(), status, text);
            case 4 -> RecipientResult.temporaryFailure(recipient.address(), reply.code(), status, text);
            case 5 -> RecipientResult.permanentFailure(recipient.address(), reply.code(), status, text);
            default -> RecipientResult.temporaryFailure(recipient.address(), 451, "4.5.0", "unexpected reply " + reply);
        };
    }

    static List<RecipientResult> all(Envelope envelope, SmtpReply reply) {
        List<RecipientResult> results = new ArrayList<>();
        envelope.recipients().forEach(r -> results.add(result(r, reply)));
        return results;
    }

    static boolean isBinary(Envelope envelope) {
        return envelope.mailOptions().body() == BodyType.BINARY_MIME;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
