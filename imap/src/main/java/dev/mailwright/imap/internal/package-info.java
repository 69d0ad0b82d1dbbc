/**
 * The IMAP engine's internals; everything below this package may change in any release.
 */
package dev.mailwright.imap.internal;
