/**
 * Mailwright's shared vocabulary: addresses (RFC 5321, RFC 6531), envelopes with their
 * ESMTP parameters (RFC 1870, RFC 3030, RFC 3461 with its xtext, RFC 4954 AUTH=,
 * RFC 6152, RFC 6533, RFC 8689) and message content spooled to memory or disk. Every
 * engine, store and check speaks in these types.
 */
package dev.mailwright.core;
