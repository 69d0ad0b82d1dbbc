/**
 * The mail store service interface: accounts, then mailboxes, then messages, with the
 * durable state IMAP needs (UIDs and UIDVALIDITY of RFC 3501 §2.3.1.1, flags and keywords,
 * internal dates, MODSEQ of RFC 7162, special-use attributes of RFC 6154, quota usage of
 * RFC 9208). Stores assign UIDs and MODSEQs atomically with the change itself and publish
 * change events; everything per connection (sequence numbers, pending updates) belongs to
 * the IMAP engine.
 */
package dev.mailwright.core.store;
