/**
 * SMTP MTA Strict Transport Security (RFC 8461): the {@code _mta-sts} TXT record, the policy
 * fetched over HTTPS from {@code mta-sts.<domain>}, its parser, and the cache that keeps policies
 * by id and {@code max_age} across restarts.
 */
package dev.mailwright.smtp.outbound.mtasts;
