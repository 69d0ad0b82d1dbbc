/**
 * The IMAP server a host runs: {@link dev.mailwright.imap.ImapServer} with its listeners
 * and limits, serving any {@link dev.mailwright.core.store.MailStore}. Implements
 * IMAP4rev1 (RFC 3501) and IMAP4rev2 (RFC 9051) with the extensions listed in the
 * engine's CAPABILITY response.
 */
package dev.mailwright.imap;
