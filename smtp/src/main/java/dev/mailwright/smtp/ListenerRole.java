package dev.mailwright.smtp;

/** What a listener is for; the role sets its protocol and its defaults. */
public enum ListenerRole {
    /** Mail from other servers (port 25): no AUTH unless asked for, recipients decided by the backend. */
    MX,
    /**
     * Mail from the domain's own users (RFC 6409, RFC 8314): AUTH is required before MAIL, and
     * AUTH is offered only under TLS, on 587 with STARTTLS or on 465 with implicit TLS.
     */
    SUBMISSION,
    /** Local delivery (RFC 2033): LHLO instead of EHLO, and one reply per recipient after the message. */
    LMTP
}
