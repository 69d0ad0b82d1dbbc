package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.Arguments;
import dev.mailwright.imap.internal.protocol.ResponseWriter;
import dev.mailwright.imap.internal.session.ImapEngine;
import dev.mailwright.imap.internal.session.ImapSession;
import dev.mailwright.imap.internal.session.SelectedMailbox;

/**
 * What a command works with: its tag and arguments, the session, the response writer, and
 * how its tagged OK should read.
 */
public final class CommandContext {

    private final String tag;
    private final String name;
    private final boolean uid;
    private final Arguments args;
    private final ImapSession session;
    private String okCode;
    private String okText;
    private boolean suspended;
    private boolean replied;

    public CommandContext(String tag, String name, boolean uid, Arguments args, ImapSession session) {
        this.tag = tag;
        this.name = name;
        this.uid = uid;
        this.args = args;
        this.session = session;
    }

    public String tag() {
        return tag;
    }

    /** The command name in upper case, with {@code UID } in front for UID variants. */
    public String name() {
        return uid ? "UID " + name : name;
    }

    /** Whether this is the UID form (UID FETCH, UID STORE, ...). */
    public boolean uid() {
        return uid;
    }

    public Arguments args() {
        return args;
    }

    public ImapSession session() {
        return session;
    }

    public ImapEngine engine() {
        return session.engine();
    }

    public ResponseWriter out() {
        return session.out();
    }

    /** The selected mailbox; the registry only runs SELECTED commands when there is one. */
    public SelectedMailbox selected() {
        return session.selected();
    }

    /** The tagged OK's response code (without brackets) and text. */
    public void ok(String code, String text) {
        this.okCode = code;
        this.okText = text;
    }

    public String okCode() {
        return okCode;
    }

    public String okText() {
        return okText;
    }

    /**
     * The command completes later (IDLE, AUTHENTICATE, a delayed failure): no tagged
     * response now, and no further command is read until {@link ImapSession#complete} runs.
     */
    public void suspend() {
        suspended = true;
        session.suspend();
    }

    public boolean suspended() {
        return suspended;
    }

    /** The command wrote its own tagged response (STARTTLS and COMPRESS, whose reply switches the stream). */
    public void replied() {
        replied = true;
    }

    public boolean hasReplied() {
        return replied;
    }
}
