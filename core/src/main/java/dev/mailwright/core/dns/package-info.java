/**
 * DNS lookups for every check and route in Mailwright: the {@link dev.mailwright.core.dns.DnsResolver}
 * service interface, a caching resolver that asks recursive servers over the wire, and a resolver that
 * answers from zone files for tests and offline checks. Answers keep NXDOMAIN, no data and temporary
 * failure apart and carry the DNSSEC AD bit, because SPF, DMARC, null MX and DANE decide on exactly
 * those distinctions.
 *
 * <p>Implements RFC 1035 (messages and master files), RFC 2308 (negative caching), RFC 4035 (the AD
 * bit), RFC 6698 (TLSA records) and RFC 7505 (null MX); also follows RFC 4592 (wildcards), RFC 6604
 * (RCODE after CNAME) and RFC 8020 (empty non-terminals).
 */
package dev.mailwright.core.dns;
