/**
 * What a host may implement for the IMAP engine: authentication against its own accounts
 * when a {@link dev.mailwright.core.user.UserDirectory} does not fit.
 */
package dev.mailwright.imap.spi;
