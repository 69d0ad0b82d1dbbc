package dev.mailwright.smtp.internal;

/** Where a conversation stands; it decides how the next input is read and which commands fit. */
enum State {
    /** Greeted; waiting for HELO, EHLO or LHLO. */
    GREETED,
    /** Introduced; no transaction. */
    READY,
    /** MAIL accepted: a transaction is open, RCPT, DATA or BDAT may follow. */
    MAIL,
    /** Reading a DATA body. */
    DATA,
    /** Reading the octets of a BDAT chunk. */
    CHUNK,
    /** In a SASL exchange started by AUTH; lines are responses, not commands. */
    AUTH,
    /** Waiting for a delayed reply; input waits too. */
    PAUSED,
    /** QUIT, a limit or a timeout ended the conversation; nothing more is read. */
    CLOSED
}
