/**
 * Small programs that embed Mailwright: a custom SMTP receiver, a whole mail server built
 * in code, and an SPF/DKIM/DMARC check of one message. Each has a smoke test.
 */
package dev.mailwright.examples;
