package dev.mailwright.smtp.internal;

import dev.mailwright.core.EsmtpExtension;
import dev.mailwright.core.MailAddress;
import dev.mailwright.core.MailOptions;
import dev.mailwright.core.SessionInfo;
import dev.mailwright.core.TlsInfo;
import dev.mailwright.core.net.Connection;
import dev.mailwright.core.net.Input;
import dev.mailwright.smtp.SmtpReply;
import dev.mailwright.smtp.spi.DisconnectException;
import dev.mailwright.smtp.spi.SmtpException;
import dev.mailwright.smtp.spi.SmtpSession;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One SMTP conversation: the typed per-connection state (attached to the {@link Connection}),
 * the loop that reads commands and message bytes in order from the connection's input, and
 * the reply buffer that sends a pipelined group's replies together. Runs only on the
 * connection's worker, so it needs no locks.
 */
final class Conversation {

    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    /** RFC 4954 §4: a SASL response line may be up to 12288 octets. */
    private static final int SASL_LINE = 12288;
    static final SmtpReply INTERNAL_ERROR = SmtpReply.of(451, "4.3.0", "internal error, try again later");

    private final Connection connection;
    private final ListenerContext context;
    private final StringBuilder out = new StringBuilder(256);
    private SessionInfo info;
    private SmtpSession session;
    private State state = State.GREETED;
    /** Where a dropped chunk or a paused reply returns to. */
    private State resumeState = State.GREETED;
    private boolean esmtp;
    private boolean refused;
    private Transaction transaction;
    private BodyReading body;
    private Authentication authentication;
    private int badCommands;
    private int authFailures;
    private boolean shuttingDown;
    private long lastActivity = System.nanoTime();
    private String verb = "";

    Conversation(Connection connection, ListenerContext context) {
        this.connection = connection;
        this.context = context;
        this.info = SessionInfo.newConnection(connection.id(), connection.remoteAddress(), connection.localAddress());
    }

    // ---- life cycle, called by SmtpHandler ----

    void start() {
        connection.setIdleTimeout(limitsCommandTimeout());
        try {
            session = context.backend().open(info);
            reply(SmtpReply.of(220, "", context.hostname() + (lmtp() ? " LMTP" : " ESMTP") + " ready"));
        } catch (DisconnectException e) {
            drop(e);
        } catch (SmtpException e) {
            refused = true;
            reply(e.reply());
        } catch (RuntimeException e) {
            log.error("backend failed to open session {}", info.id(), e);
            closeWith(SmtpReply.of(421, "4.3.0", context.hostname() + " service not available, try again later"));
        }
        context.events().connected(info);
        flush();
    }

    /** New input waits: read commands and message bytes until none is complete or we must wait. */
    void process() {
        if (state == State.CLOSED || state == State.PAUSED) {
            return;
        }
        lastActivity = System.nanoTime();
        MDC.put("smtp.session", info.id());
        try {
            Input input = connection.input();
            while (state != State.CLOSED && state != State.PAUSED) {
                if (state == State.DATA || state == State.CHUNK) {
                    if (!body.read(input)) {
                        reportProgress();
                        break;
                    }
                    endOfBody();
                } else {
                    Input.Line line = input.readLine(state == State.AUTH ? SASL_LINE : context.limits().maxLineLength());
                    if (line == null) {
                        break;
                    }
                    handleLine(line);
                }
                afterStep();
            }
        } catch (RuntimeException e) {
            // A bug, not a client's doing: end this conversation cleanly rather than leave it half-way.
            log.error("session {}: unexpected failure in state {}", info.id(), state, e);
            if (state != State.CLOSED) {
                closeWith(SmtpReply.of(421, "4.3.0", context.hostname() + " internal error, closing connection"));
            }
        } finally {
            flush();
            MDC.remove("smtp.session");
        }
    }

    void secured() {
        connection.tls().ifPresent(tls -> {
            info = info.withTls(new TlsInfo(tls.getProtocol(), tls.getCipherSuite()));
            notifySession();
        });
    }

    void idle() {
        if (state == State.CLOSED || state == State.PAUSED) {
            return;
        }
        boolean inBody = state == State.DATA || state == State.CHUNK;
        Duration timeout = inBody ? context.limits().dataTimeout() : limitsCommandTimeout();
        // An idle event queued while the session was busy is stale once we have answered.
        if (System.nanoTime() - lastActivity < timeout.toNanos() - TimeUnit.MILLISECONDS.toNanos(500)) {
            return;
        }
        log.info("session {}: timeout in state {}", info.id(), state);
        closeWith(SmtpReply.of(421, "4.4.2", context.hostname() + " timeout exceeded, closing connection"));
    }

    void shutdown() {
        shuttingDown = true;
        afterStep();
    }

    void closed() {
        if (transaction != null) {
            transaction.discard();
        }
        state = State.CLOSED;
        if (session != null) {
            try {
                session.close();
            } catch (RuntimeException e) {
                log.warn("session {} failed to close", info.id(), e);
            }
        }
        context.events().disconnected(info);
    }

    // ---- reading ----

    private void handleLine(Input.Line line) {
        verb = "";
        if (line.tooLong()) {
            reply(SmtpReply.of(500, "5.5.2", state == State.AUTH ? "authentication response too long" : "line too long"));
            endAuth();
            return;
        }
        String text = decode(line.bytes());
        if (text == null || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0) {
            reply(SmtpReply.of(500, "5.5.2", text == null ? "invalid UTF-8 in command" : "bare CR or NUL in command"));
            endAuth();
            return;
        }
        if (state == State.AUTH) {
            // Out of the AUTH state first: the answer may pause the conversation, which then resumes where it was.
            Authentication current = authentication;
            endAuth();
            if (current.respond(text.strip())) {
                authentication = current;
                state = State.AUTH;
            }
            return;
        }
        int space = text.indexOf(' ');
        verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : text.substring(space + 1).stripTrailing();
        if (refused && !verb.equals("QUIT")) {
            reply(SmtpReply.of(503, "5.5.1", "bad sequence of commands: send QUIT"));
            return;
        }
        Optional<Command> command = context.commands().find(verb);
        if (command.isEmpty()) {
            reply(SmtpReply.of(500, "5.5.2", "command not recognized"));
            return;
        }
        Optional<SmtpReply> refusal = CommandRegistry.check(command.get(), this);
        if (refusal.isPresent()) {
            reply(refusal.get());
            return;
        }
        try {
            command.get().execute(this, argument);
        } catch (RuntimeException e) {
            log.error("session {}: {} failed", info.id(), verb, e);
            abortTransaction();
            reply(INTERNAL_ERROR);
        }
    }

    /** After each command or message: enforce the error limit and a pending shutdown. */
    private void afterStep() {
        if (state == State.CLOSED) {
            return;
        }
        if (badCommands >= context.limits().maxBadCommands()) {
            closeWith(SmtpReply.of(421, "4.7.0", context.hostname() + " too many errors, closing connection"));
        } else if (shuttingDown && (state == State.GREETED || state == State.READY || state == State.AUTH)) {
            closeWith(SmtpReply.of(421, "4.3.2", context.hostname() + " service shutting down, closing connection"));
        }
    }

    private static String decode(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return Utf8.decodeStrict(bytes);
            }
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    // ---- replies ----

    void reply(SmtpReply reply) {
        reply.appendTo(out);
        int code = reply.code();
        if (code >= 500 && code <= 504 || code >= 500 && verb.equals("RCPT")) {
            // Refused recipients count too, as in Postfix's error limit: guessing addresses costs.
            badCommands++;
        }
        if (code >= 400 && !verb.isEmpty()) {
            context.events().commandRejected(info, verb, reply);
        }
    }

    void flush() {
        if (out.length() > 0) {
            connection.write(out.toString().getBytes(StandardCharsets.UTF_8));
            out.setLength(0);
            lastActivity = System.nanoTime();
        }
    }

    /** Sends {@code reply}, then closes once it has left. */
    void closeWith(SmtpReply reply) {
        reply(reply);
        flush();
        abortTransaction();
        state = State.CLOSED;
        connection.close();
    }

    /**
     * Ends the connection without a reply, as the session asked. Replies already due for
     * earlier commands still go out, as they would have left a server before it failed.
     */
    void drop(DisconnectException e) {
        log.info("session {}: dropped by the backend in state {}: {}", info.id(), state, e.getMessage());
        flush();
        if (transaction != null) {
            transaction.discard();
            transaction = null;
            body = null;
        }
        state = State.CLOSED;
        connection.close();
    }

    /**
     * Runs a session call; a refusal becomes the reply, a {@link DisconnectException} drops
     * the connection, anything else is a logged 451.
     *
     * @return whether the session agreed
     */
    boolean callSession(String what, Runnable call) {
        try {
            call.run();
            return true;
        } catch (SmtpException e) {
            if (e.reply().code() == 421) {
                // 421 means the server is closing the channel (RFC 5321 §4.2.2).
                closeWith(e.reply());
            } else {
                reply(e.reply());
            }
            return false;
        } catch (DisconnectException e) {
            drop(e);
            return false;
        } catch (RuntimeException e) {
            log.error("session {}: backend failed in {}", info.id(), what, e);
            reply(INTERNAL_ERROR);
            return false;
        }
    }

    // ---- state used by commands ----

    State state() {
        return state;
    }

    ListenerContext context() {
        return context;
    }

    SessionInfo info() {
        return info;
    }

    SmtpSession session() {
        return session;
    }

    Connection connection() {
        return connection;
    }

    Transaction transaction() {
        return transaction;
    }

    boolean lmtp() {
        return context.lmtp();
    }

    boolean esmtp() {
        return esmtp;
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** AUTH is held back until TLS: the listener requires it and the connection is not yet protected. */
    boolean tlsRequiredForAuth() {
        return context.listener().authRequiresTls() && !connection.isSecure();
    }

    /** The extensions whose MAIL and RCPT parameters this connection accepts now. */
    Set<EsmtpExtension> enabledExtensions() {
        Set<EsmtpExtension> enabled = EnumSet.of(EsmtpExtension.SIZE, EsmtpExtension.EIGHT_BIT_MIME,
                EsmtpExtension.SMTPUTF8, EsmtpExtension.DSN);
        if (context.listener().auth()) {
            enabled.add(EsmtpExtension.AUTH);
        }
        if (connection.isSecure()) {
            enabled.add(EsmtpExtension.REQUIRETLS);
        }
        return enabled;
    }

    /** HELO, EHLO or LHLO: a fresh start, keeping TLS and AUTH. */
    void introduced(String heloName, boolean extended) {
        abortTransaction();
        esmtp = extended;
        info = info.withHelo(heloName);
        state = State.READY;
        notifySession();
    }

    void beginTransaction(Optional<MailAddress> sender, MailOptions options) {
        transaction = new Transaction(sender, options);
        state = State.MAIL;
    }

    /** Ends any transaction (RSET, EHLO, STARTTLS, an error): drops its bytes and tells the session. */
    void abortTransaction() {
        if (transaction == null) {
            return;
        }
        transaction.discard();
        transaction = null;
        body = null;
        if (state == State.MAIL || state == State.DATA || state == State.CHUNK) {
            state = State.READY;
        }
        callSession("reset", session::reset);
    }

    void authenticated(String user) {
        info = info.withAuthenticatedUser(user);
        notifySession();
    }

    private void notifySession() {
        if (session != null) {
            callSession("sessionUpdated", () -> session.sessionUpdated(info));
        }
    }

    private MessageSink newSink() {
        return new MessageSink(context.limits().maxMessageSize(), context.limits().maxHeaderBytes(),
                context.limits().spoolThreshold(), context.spoolDirectory());
    }

    private Duration limitsCommandTimeout() {
        return context.limits().commandTimeout();
    }

    // ---- message bodies ----

    void beginData() {
        transaction.sink = newSink();
        startBody(BodyReading.data(transaction.sink), State.MAIL);
        reply(SmtpReply.of(354, "", "end data with <CR><LF>.<CR><LF>"));
    }

    /** BDAT: read {@code size} octets into the transaction's message. */
    void beginChunk(long size, boolean last) {
        if (transaction.sink == null) {
            transaction.sink = newSink();
            transaction.chunking = true;
        }
        startBody(BodyReading.chunk(transaction.sink, size, last), State.MAIL);
    }

    /** A refused BDAT: its octets are read and dropped. */
    void skipChunk(long size) {
        startBody(BodyReading.skip(size), state);
    }

    private void startBody(BodyReading reading, State after) {
        body = reading;
        resumeState = after;
        state = reading.isData() ? State.DATA : State.CHUNK;
        connection.setIdleTimeout(context.limits().dataTimeout());
    }

    private void endOfBody() {
        BodyReading done = body;
        body = null;
        connection.setIdleTimeout(limitsCommandTimeout());
        state = resumeState;
        if (done.isDiscarding()) {
            return;
        }
        if (done.isData() || done.isLastChunk()) {
            // The reply is about the message, not about the command that carried it.
            verb = "";
            new MessageCompletion(this).finish(done.sawBareNewline());
            return;
        }
        if (!reportProgress()) {
            return;
        }
        MessageSink sink = transaction.sink;
        if (sink.problem() != MessageSink.Problem.NONE) {
            reply(MessageCompletion.refusal(sink.problem()));
            abortTransaction();
        } else {
            reply(SmtpReply.of(250, "2.0.0", sink.size() + " octets received"));
        }
    }

    /**
     * Tells the session how much of an unfinished message has arrived; a refused chunk, whose
     * octets are thrown away, is not part of one.
     *
     * @return false when the session dropped the connection
     */
    private boolean reportProgress() {
        if (state == State.CLOSED || transaction == null || transaction.sink == null || (body != null && body.isDiscarding())) {
            return true;
        }
        long octets = transaction.sink.size();
        try {
            session.messageProgress(octets);
            return true;
        } catch (DisconnectException e) {
            drop(e);
            return false;
        } catch (RuntimeException e) {
            // Nothing can be answered before the message ends; the session decides in data().
            log.error("session {}: backend failed in messageProgress", info.id(), e);
            return true;
        }
    }

    /** The transaction ended with the message's reply: forget it and tell the session. */
    void transactionDone() {
        abortTransaction();
    }

    // ---- STARTTLS ----

    void startTls() {
        abortTransaction();
        // RFC 3207 §4.2: forget everything learnt before TLS, and EHLO must come again.
        info = SessionInfo.newConnection(info.id(), info.remote(), info.local());
        esmtp = false;
        state = State.GREETED;
        verb = "";
        flush();
        connection.startTls("220 2.0.0 ready to start TLS\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    // ---- AUTH ----

    void beginAuth(SaslExchange exchange, Optional<String> initialResponse) {
        authentication = new Authentication(this, exchange);
        if (authentication.start(initialResponse)) {
            state = State.AUTH;
        } else {
            authentication = null;
        }
    }

    private void endAuth() {
        authentication = null;
        if (state == State.AUTH) {
            state = State.READY;
        }
    }

    /** Counts a failed AUTH on this connection and returns the count. */
    int authFailed() {
        return ++authFailures;
    }

    /**
     * Sends {@code reply} after {@code delay}, reading nothing meanwhile, then optionally
     * closes. The delay runs on the server's scheduler; no worker waits.
     */
    void replyLater(SmtpReply reply, Duration delay, SmtpReply thenClose) {
        if (delay.isZero()) {
            reply(reply);
            if (thenClose != null) {
                closeWith(thenClose);
            }
            return;
        }
        resumeState = state;
        state = State.PAUSED;
        flush();
        context.scheduler().schedule(() -> connection.execute(() -> {
            if (state != State.PAUSED) {
                return;
            }
            state = resumeState;
            reply(reply);
            if (thenClose != null) {
                closeWith(thenClose);
            }
            flush();
            // Through the network layer, which also resumes reading if a flood paused it meanwhile.
            connection.continueReading();
        }), delay.toMillis(), TimeUnit.MILLISECONDS);
    }
}
