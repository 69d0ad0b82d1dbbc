/**
 * Who may log in and which addresses belong to a local account: the {@link
 * dev.mailwright.core.user.UserDirectory} SPI, its in-memory and file-backed
 * implementations, and argon2id password hashing (RFC 9106) in the PHC string format, with
 * bcrypt verification for hashes migrated from maddy, Dovecot or htpasswd. Account names are
 * normalised as {@link dev.mailwright.core.user.Usernames} describes (RFC 5321 §2.4, RFC 6531).
 * {@link dev.mailwright.core.user.LoginThrottle} counts failed logins per client address for
 * the SMTP and IMAP engines, which may share one.
 */
package dev.mailwright.core.user;
