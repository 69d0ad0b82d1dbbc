/**
 * Network plumbing shared by the protocol engines, on Apache MINA: listeners, connections
 * with an ordered worker per connection, bounded input buffering, flow-controlled output,
 * STARTTLS (RFC 3207, RFC 2595) with pipelined plaintext discarded, implicit TLS
 * (RFC 8314), the HAProxy PROXY protocol v1 and v2, connection limits and idle timeouts.
 *
 * <p>Hosts configure the engines, not this package; its classes may change between
 * versions. Protocol logic lives in the engines, which see a {@link
 * dev.mailwright.core.net.Connection} and never a MINA session.
 */
package dev.mailwright.core.net;
