package dev.mailwright.imap.internal.session;

/** The IMAP connection states (RFC 9051 §3). */
public enum SessionState {
    NOT_AUTHENTICATED,
    AUTHENTICATED,
    SELECTED,
    LOGOUT
}
