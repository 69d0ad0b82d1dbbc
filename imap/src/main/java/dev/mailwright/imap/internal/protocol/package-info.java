/**
 * The IMAP wire format: command assembly with synchronizing and non-synchronizing literals
 * (RFC 3501 §4.3, RFC 7888, RFC 3516 literal8), argument parsing by the formal syntax of
 * RFC 3501 §9 and RFC 9051 §9, and buffered, flow-controlled response writing.
 */
package dev.mailwright.imap.internal.protocol;
