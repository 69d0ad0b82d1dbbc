package dev.mailwright.imap.internal.command;

import dev.mailwright.imap.internal.protocol.ImapException;
import dev.mailwright.imap.internal.session.SessionState;
import java.util.Set;

/**
 * One IMAP command: parse its arguments, check what the session allows, call the store,
 * write the untagged responses. The tagged completion is written by the caller from the
 * outcome (normal return, or an {@link ImapException}). Implementations are stateless and
 * shared by all sessions.
 */
public interface Command {

    Set<SessionState> AUTHENTICATED = Set.of(SessionState.AUTHENTICATED, SessionState.SELECTED);
    Set<SessionState> SELECTED = Set.of(SessionState.SELECTED);
    Set<SessionState> NOT_AUTHENTICATED = Set.of(SessionState.NOT_AUTHENTICATED);
    Set<SessionState> ANY = Set.of(SessionState.NOT_AUTHENTICATED, SessionState.AUTHENTICATED, SessionState.SELECTED);

    /** The states in which the command may be used. */
    Set<SessionState> states();

    /**
     * Whether EXPUNGE responses may be sent while this command runs and at its completion
     * (RFC 3501 §7.4.1 forbids it for FETCH, STORE and SEARCH, not for their UID forms).
     */
    default boolean expungeAllowed(boolean uid) {
        return true;
    }

    void execute(CommandContext context) throws ImapException;
}
