/**
 * DMARC: whether a message's author domain is authenticated by an aligned SPF or DKIM pass, and
 * which policy its owner asks receivers to apply otherwise. Records are found at the author domain
 * and then at its organizational domain, determined with the Public Suffix List.
 *
 * <p>Implements RFC 7489 (Domain-based Message Authentication, Reporting, and Conformance); results
 * are named as in RFC 8601.
 */
package dev.mailwright.auth.dmarc;
