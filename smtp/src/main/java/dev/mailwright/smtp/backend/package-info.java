/**
 * Ready-made SMTP backends: {@link dev.mailwright.smtp.backend.DeliveryBackend} hands
 * messages to a {@code DeliveryTarget} for the recipients it is told to accept (its
 * {@code forLocalDomains} form is the MX backend, which never relays), and
 * {@link dev.mailwright.smtp.backend.DiscardBackend} accepts and drops everything, for
 * load tests.
 */
package dev.mailwright.smtp.backend;
