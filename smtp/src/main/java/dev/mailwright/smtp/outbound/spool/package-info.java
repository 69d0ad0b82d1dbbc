/**
 * The default outbound queue storage: a spool directory with one message file and one metadata
 * file per message, each written to a temporary file, fsynced and renamed into place, and an
 * administrative view of the same directory for {@code queue list|flush|remove}.
 */
package dev.mailwright.smtp.outbound.spool;
