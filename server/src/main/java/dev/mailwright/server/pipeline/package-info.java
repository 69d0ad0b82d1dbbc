/**
 * The message pipeline of the assembled server: inbound checks, address rewriting
 * (aliases, plus-addressing, regexp rules, catch-all, postmaster of RFC 5321 §4.5.1),
 * sender authorization for submission, then local delivery or the outbound queue; the
 * Sender Rewriting Scheme for forwarded mail, and the delivery status notifications
 * (RFC 3461, RFC 3464) that an SMTP reply alone cannot carry.
 */
package dev.mailwright.server.pipeline;
