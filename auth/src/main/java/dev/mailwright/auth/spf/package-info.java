/**
 * SPF: whether a host may send mail for a domain, checked for the HELO and MAIL FROM identities
 * with every mechanism, modifier and macro of the specification and its processing limits.
 * {@link dev.mailwright.auth.spf.SpfVerifier} evaluates; results are the seven RFC results.
 *
 * <p>Implements RFC 7208 (Sender Policy Framework); results are named as in RFC 8601.
 */
package dev.mailwright.auth.spf;
