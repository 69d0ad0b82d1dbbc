/**
 * A real mail server for test suites: {@link dev.mailwright.testing.TestMailServer} runs SMTP
 * (RFC 5321, STARTTLS per RFC 3207), SMTPS and submission (RFC 8314, RFC 6409) and IMAP
 * (RFC 9051, RFC 3501) on free ports, records every message with its envelope and puts it
 * in mailboxes IMAP clients read; {@link dev.mailwright.testing.MailServerExtension} runs it
 * under JUnit 5 per class or per method, and {@link dev.mailwright.testing.MailAssertions}
 * checks what arrived, DKIM signatures (RFC 6376) included.
 */
package dev.mailwright.testing;
