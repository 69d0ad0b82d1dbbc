package dev.mailwright.imap.internal.session;

import dev.mailwright.core.net.Connection;
import dev.mailwright.core.net.Input;
import dev.mailwright.core.store.MailStoreException;
import dev.mailwright.core.store.UserMail;
import dev.mailwright.imap.internal.command.Command;
import dev.mailwright.imap.internal.command.CommandContext;
import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.CommandReader;
import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.protocol.RawCommand;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection's IMAP state: the protocol state, the account and selected
 * mailbox, enabled extensions, counters for the limits, and the command being read. Every
 * method runs on the connection's worker, so nothing here needs locking (the change flag
 * of the selected mailbox aside).
 */
public final class ImapSession {

    private static final Logger log = LoggerFactory.getLogger(ImapSession.class);

    private final ImapEngine engine;
    private final Connection connection;
    private final ResponseWriter out;
    private final CommandReader reader;
    private SessionState state = SessionState.NOT_AUTHENTICATED;
    private String account;
    private UserMail mail;
    private SelectedMailbox selected;
    private boolean rev2;
    private boolean condstore;
    private boolean qresync;
    private boolean utf8;
    private int commandsBeforeAuth;
    private int authFailures;
    private int badCommands;
    /** Set while a command completes later; input waits meanwhile. */
    private boolean waiting;
    /** Receives the next line instead of the command reader (AUTHENTICATE, IDLE). */
    private Consumer<Input.Line> lineHandler;
    /** The command whose completion is pending, when {@link #waiting}. */
    private Pending pending;
    private volatile boolean idling;
    /** An idle sync is queued on the worker; a burst of change events then queues only one. */
    private final java.util.concurrent.atomic.AtomicBoolean idleSyncQueued = new java.util.concurrent.atomic.AtomicBoolean();

    private record Pending(String tag, String name, boolean uid, Command command) {}

    ImapSession(ImapEngine engine, Connection connection) {
        this.engine = engine;
        this.connection = connection;
        this.out = new ResponseWriter(connection, engine.limits().writeTimeout());
        this.reader = new CommandReader(engine.limits().maxLineLength(), engine.limits().maxCommandBytes(),
                engine.limits().spoolThreshold(), engine.spoolDirectory(), new CommandReader.Policy() {
                    @Override
                    public long maxLiteral(String commandName) {
                        if (state == SessionState.NOT_AUTHENTICATED) {
                            return engine.limits().maxLiteralBeforeAuth();
                        }
                        return "APPEND".equals(commandName) ? engine.limits().appendLimit() : engine.limits().maxLiteral();
                    }

                    @Override
                    public boolean authenticated() {
                        return state != SessionState.NOT_AUTHENTICATED;
                    }

                    @Override
                    public boolean literalMinus() {
                        return !engine.literalPlus();
                    }

                    @Override
                    public void continueLiteral() {
                        out.append("+ Ready for literal data").crlf();
                        out.flush();
                    }
                });
    }

    // ---- accessors for commands ----

    public ImapEngine engine() {
        return engine;
    }

    public Connection connection() {
        return connection;
    }

    public ResponseWriter out() {
        return out;
    }

    public SessionState state() {
        return state;
    }

    public String account() {
        return account;
    }

    public UserMail mail() {
        return mail;
    }

    public SelectedMailbox selected() {
        return selected;
    }

    /** Whether mailbox names and strings are UTF-8 (IMAP4rev2 or UTF8=ACCEPT enabled). */
    public boolean utf8() {
        return utf8 || rev2;
    }

    public boolean rev2() {
        return rev2;
    }

    public boolean condstore() {
        return condstore || qresync;
    }

    public boolean qresync() {
        return qresync;
    }

    public void enableRev2() {
        rev2 = true;
    }

    public void enableUtf8() {
        utf8 = true;
    }

    /** CONDSTORE is enabled by ENABLE or by the first command that uses it (RFC 7162 §3.1). */
    public void enableCondstore() {
        condstore = true;
    }

    public void enableQresync() {
        qresync = true;
        condstore = true;
    }

    public boolean idling() {
        return idling;
    }

    /** How unsolicited updates are worded for this client now. */
    public SelectedMailbox.Wording wording(boolean expungeAllowed) {
        return new SelectedMailbox.Wording(expungeAllowed, qresync, qresync, condstore());
    }

    // ---- state changes ----

    /** Logged in: the account's mail is open. */
    public void authenticated(String account, UserMail mail) {
        this.account = account;
        this.mail = mail;
        this.state = SessionState.AUTHENTICATED;
        this.authFailures = 0;
        connection.setIdleTimeout(engine.limits().idleTimeout());
        MDC.put("imap.account", account);
    }

    /** Counts a failed login; returns whether the connection has had enough. */
    public boolean authenticationFailed() {
        return ++authFailures >= engine.limits().maxAuthFailures();
    }

    public void select(SelectedMailbox mailbox) {
        closeSelected();
        this.selected = mailbox;
        this.state = SessionState.SELECTED;
    }

    /** Back to the authenticated state (CLOSE, UNSELECT, a failed SELECT). */
    public void unselect() {
        closeSelected();
        if (state == SessionState.SELECTED) {
            state = SessionState.AUTHENTICATED;
        }
    }

    private void closeSelected() {
        if (selected != null) {
            try {
                selected.close();
            } catch (RuntimeException e) {
                log.debug("closing mailbox failed", e);
            }
            selected = null;
        }
    }

    public void logout() {
        state = SessionState.LOGOUT;
    }

    // ---- reading and dispatching ----

    /** New input: read and run commands until input runs out or a command waits. */
    void drain() {
        try {
            while ((!waiting || lineHandler != null) && state != SessionState.LOGOUT && connection.isOpen()) {
                if (lineHandler != null) {
                    Input.Line line = connection.input().readLine(engine.limits().maxLineLength());
                    if (line == null) {
                        break;
                    }
                    Consumer<Input.Line> handler = lineHandler;
                    lineHandler = null;
                    handler.accept(line);
                    continue;
                }
                CommandReader.Result result;
                try {
                    result = reader.read(connection.input());
                } catch (RuntimeException e) {
                    // Spooling a literal failed (a full disk): its bytes can no longer be told from commands.
                    log.error("reading a command failed on {}", connection.id(), e);
                    reader.reset();
                    bye("Internal error while reading the command");
                    break;
                }
                if (result == null) {
                    break;
                }
                if (result instanceof CommandReader.Refused refused) {
                    out.append(refused.tag()).append(' ').append(refused.response()).crlf();
                    if (refused.close()) {
                        bye("The rest of that command cannot be read safely");
                    } else if (countBad()) {
                        bye("Too many bad commands");
                    }
                    continue;
                }
                RawCommand command = ((CommandReader.Complete) result).command();
                try {
                    dispatch(command);
                } finally {
                    command.release();
                }
            }
        } finally {
            out.flush();
        }
    }

    private boolean countBad() {
        return ++badCommands >= engine.limits().maxBadCommands();
    }

    private void dispatch(RawCommand raw) {
        if (state == SessionState.NOT_AUTHENTICATED && ++commandsBeforeAuth > engine.limits().maxCommandsBeforeAuth()) {
            bye("Too many commands before authentication");
            return;
        }
        Arguments args = new Arguments(raw);
        String name = raw.name();
        boolean uid = false;
        if (name.equals("UID")) {
            uid = true;
            try {
                args.sp();
                name = args.keyword();
            } catch (ImapException e) {
                tagged(raw.tag(), e, null);
                return;
            }
        }
        Command command = engine.commands().find(name, uid);
        if (command == null) {
            tagged(raw.tag(), ImapException.bad("Unknown command " + printable(uid ? "UID " + name : name)), null);
            return;
        }
        if (!command.states().contains(state)) {
            tagged(raw.tag(), ImapException.bad(notAllowed()), null);
            return;
        }
        CommandContext context = new CommandContext(raw.tag(), name, uid, args, this);
        pending = new Pending(raw.tag(), name, uid, command);
        ImapException failure = null;
        try {
            command.execute(context);
        } catch (ImapException e) {
            failure = e;
        } catch (MailStoreException e) {
            failure = StoreErrors.toImap(e);
        } catch (RuntimeException e) {
            log.error("{} failed on {}", context.name(), connection.id(), e);
            failure = ImapException.no("SERVERBUG", "Internal error; the command was not completed");
        }
        if (context.suspended()) {
            // Completed later by complete(), or already completed from within execute().
            if (failure != null) {
                complete(failure, null, null);
            }
            return;
        }
        pending = null;
        if (context.hasReplied()) {
            return;
        }
        finish(context.tag(), command, uid, failure, context.okCode(), context.okText() != null ? context.okText() : context.name() + " completed");
    }

    private String notAllowed() {
        return switch (state) {
            case NOT_AUTHENTICATED -> "Log in first";
            case AUTHENTICATED -> "Select a mailbox first";
            default -> "Command not allowed now";
        };
    }

    /** Writes pending updates and the tagged response of a finished command. */
    private void finish(String tag, Command command, boolean uid, ImapException failure, String okCode, String okText) {
        if (command != null) {
            sync(command.expungeAllowed(uid));
        }
        tagged(tag, failure, okCode, okText);
    }

    /** Sends the selected mailbox's pending updates; a mailbox deleted meanwhile is closed. */
    private void sync(boolean expungeAllowed) {
        if (selected == null || state != SessionState.SELECTED) {
            return;
        }
        try {
            selected.sync(out, wording(expungeAllowed));
        } catch (MailStoreException e) {
            if (e.reason() != MailStoreException.Reason.NO_SUCH_MAILBOX && e.reason() != MailStoreException.Reason.NO_SUCH_ACCOUNT) {
                throw e;
            }
            unselect();
            out.append("* OK [CLOSED] The selected mailbox was deleted").crlf();
        }
    }

    private void tagged(String tag, ImapException failure, String okCode) {
        tagged(tag, failure, okCode, "completed");
    }

    private void tagged(String tag, ImapException failure, String okCode, String okText) {
        if (state == SessionState.LOGOUT && failure == null) {
            out.append(tag).append(" OK ").append(okText).crlf();
            out.flush();
            connection.close();
            return;
        }
        if (failure == null) {
            badCommands = 0;
            out.append(tag).append(" OK ");
            if (okCode != null) {
                out.append('[').append(okCode).append("] ");
            }
            out.utf8(okText).crlf();
            return;
        }
        out.append(tag).append(' ').append(failure.status().name()).append(' ');
        if (failure.code() != null) {
            out.append('[').append(failure.code()).append("] ");
        }
        out.utf8(failure.text()).crlf();
        if (failure.status() == ImapException.Status.BAD && countBad()) {
            bye("Too many bad commands");
        }
    }

    /** Ends the connection with an untagged BYE. */
    public void bye(String text) {
        out.append("* BYE ").append(text).crlf();
        out.flush();
        state = SessionState.LOGOUT;
        connection.close();
    }

    // ---- commands that complete later ----

    public void suspend() {
        waiting = true;
    }

    /** The next input line goes to {@code handler} (a SASL response, IDLE's DONE). */
    public void expectLine(Consumer<Input.Line> handler) {
        this.lineHandler = handler;
    }

    public void idling(boolean on) {
        this.idling = on;
    }

    /**
     * Completes the waiting command (on the worker) and reads on.
     *
     * @param failure null for OK
     */
    public void complete(ImapException failure, String okCode, String okText) {
        Pending p = pending;
        pending = null;
        lineHandler = null;
        idling = false;
        resume();
        if (p == null) {
            return;
        }
        String text = okText != null ? okText : (p.uid() ? "UID " : "") + p.name() + " completed";
        finish(p.tag(), p.command(), p.uid(), failure, okCode, text);
        out.flush();
        if (state != SessionState.LOGOUT) {
            connection.continueReading();
        }
    }

    private void resume() {
        waiting = false;
    }

    /**
     * The selected mailbox changed (called on a store thread): while idling, the client
     * hears about it at once.
     */
    public void mailboxChanged() {
        if (idling && idleSyncQueued.compareAndSet(false, true)) {
            connection.execute(() -> {
                idleSyncQueued.set(false);
                idleSync();
            });
        }
    }

    /** Sends updates while idling (on the worker, after a change event). */
    public void idleSync() {
        if (idling && selected != null && connection.isOpen()) {
            sync(true);
            out.flush();
        }
    }

    // ---- connection events ----

    void timedOut() {
        bye("Autologout; idle for too long");
    }

    void shuttingDown() {
        bye("Server shutting down");
    }

    void closed() {
        reader.reset();
        closeSelected();
        if (mail != null) {
            try {
                mail.close();
            } catch (RuntimeException e) {
                log.debug("closing account failed", e);
            }
            mail = null;
        }
        state = SessionState.LOGOUT;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }
}
