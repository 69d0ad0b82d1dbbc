/**
 * Scale-out on PostgreSQL: a {@link dev.mailwright.core.store.MailStore}, a
 * {@link dev.mailwright.core.user.ManagedUserDirectory} and an outbound
 * {@link dev.mailwright.smtp.outbound.spi.QueueStorage} in one database that several identical
 * nodes share. UIDs, UIDVALIDITY and MODSEQ (RFC 3501 §2.3.1.1, RFC 7162) are assigned in the
 * transaction that makes the change; change events reach other nodes by LISTEN/NOTIFY; queued
 * messages are claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED} and a lease.
 */
package dev.mailwright.postgres;
