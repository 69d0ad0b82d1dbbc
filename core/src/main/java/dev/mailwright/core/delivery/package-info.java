/**
 * Where an accepted message goes: the {@link dev.mailwright.core.delivery.DeliveryTarget}
 * service interface, with a result per recipient so that LMTP (RFC 2033) and DSNs
 * (RFC 3464) can report each one, and final delivery into a mail store with its
 * Return-Path field (RFC 5321 §4.4).
 */
package dev.mailwright.core.delivery;
