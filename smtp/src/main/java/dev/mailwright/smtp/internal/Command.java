package dev.mailwright.smtp.internal;

import java.util.Set;

/**
 * One SMTP command: parse the argument, call the session, reply. Stateless; the
 * conversation carries the state, and the registry checks the declared preconditions
 * before {@link #execute} runs.
 */
interface Command {

    /** The verb, upper case. */
    String verb();

    /** What must hold before the command may run; each failure has its own reply. */
    Set<Precondition> preconditions();

    /** Runs the command; {@code argument} is everything after the verb and one space, possibly empty. */
    void execute(Conversation conversation, String argument);
}
