/**
 * One class per IMAP command (RFC 3501, RFC 9051 and extensions: IDLE RFC 2177, UIDPLUS
 * RFC 4315, MOVE RFC 6851, NAMESPACE RFC 2342, SPECIAL-USE RFC 6154, ID RFC 2971, ENABLE
 * RFC 5161, CONDSTORE/QRESYNC RFC 7162, LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819,
 * QUOTA RFC 9208, COMPRESS RFC 4978), each parsing its arguments, checking the session
 * and calling the store.
 */
package dev.mailwright.imap.internal.command;
