/**
 * The {@code mailwright} command line, built with picocli: one class per subcommand.
 * Every failure prints one line naming the problem and exits non-zero.
 */
package dev.mailwright.server.cli;
