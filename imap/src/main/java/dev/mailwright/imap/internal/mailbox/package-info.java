/**
 * Mailbox names on the wire: strict modified UTF-7 (RFC 3501 §5.1.3), UTF-8 for
 * IMAP4rev2 and UTF8=ACCEPT clients (RFC 9051, RFC 6855), and LIST patterns.
 */
package dev.mailwright.imap.internal.mailbox;
