/**
 * An in-memory {@link dev.mailwright.core.store.MailStore}: complete and thread-safe, but
 * not durable. For tests and for embedding where mail need not survive a restart.
 */
package dev.mailwright.core.store.memory;
