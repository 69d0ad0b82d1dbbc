/**
 * FETCH data: ENVELOPE, BODY and BODYSTRUCTURE (RFC 9051 §7.5.2), body sections
 * (§6.4.5) and BINARY (RFC 3516), from a per-server cache of parsed MIME structures.
 */
package dev.mailwright.imap.internal.fetch;
