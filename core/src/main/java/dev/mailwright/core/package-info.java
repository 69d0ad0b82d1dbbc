/**
 * Mailwright's shared vocabulary: addresses (RFC 5321, RFC 6531), envelopes with their
 * ESMTP parameters (RFC 1870, RFC 3461, RFC 6152, RFC 8689), message content and header
 * sections (RFC 5322, RFC 2047, RFC 6532). Every engine, store and check speaks in these
 * types.
 */
package dev.mailwright.core;
