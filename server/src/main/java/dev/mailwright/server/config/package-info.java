/**
 * The {@code mailwright.toml} configuration: TOML 1.0 read with Jackson, turned into
 * immutable settings with defaults. Every problem is reported at start-up as one line
 * naming the setting.
 */
package dev.mailwright.server.config;
