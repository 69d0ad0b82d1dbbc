/**
 * Internal: the tables behind the PostgreSQL stores, the transaction discipline (row locks in
 * one order, retries after deadlocks), versioned migrations and the LISTEN/NOTIFY change feed.
 * May change at any time; hosts use the classes of {@code dev.mailwright.postgres}.
 */
package dev.mailwright.postgres.internal;
