/**
 * Per-connection IMAP state: the protocol state machine, enabled extensions (ENABLE,
 * RFC 5161), the selected mailbox's sequence-number map with its pending EXPUNGE, EXISTS
 * and FETCH updates (RFC 3501 §7.4.1, RFC 7162), login throttling, and the engine that
 * ties connections to them.
 */
package dev.mailwright.imap.internal.session;
