/**
 * Routing of outbound mail: the hosts of a destination domain from its MX records in
 * preference order with equal preferences shuffled (RFC 5321 §5.1), the implicit MX, and the
 * null MX that refuses all mail (RFC 7505).
 */
package dev.mailwright.smtp.outbound.route;
