package dev.mailwright.smtp;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one listener, each answered with its own clear reply when reached.
 * Immutable; make one with {@link #builder()} or change a copy with {@link #toBuilder()}.
 * The defaults follow RFC 5321 §4.5.3 (never below its minimums) and maddy.
 */
public final class SmtpLimits {

    /** The defaults. */
    public static final SmtpLimits DEFAULT = builder().build();

    private final int maxLineLength;
    private final int maxRecipients;
    private final long maxMessageSize;
    private final int maxHeaderBytes;
    private final int maxBadCommands;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;
    private final int maxAuthFailures;
    private final Duration commandTimeout;
    private final Duration dataTimeout;
    private final int spoolThreshold;

    private SmtpLimits(Builder b) {
        maxLineLength = b.maxLineLength;
        maxRecipients = b.maxRecipients;
        maxMessageSize = b.maxMessageSize;
        maxHeaderBytes = b.maxHeaderBytes;
        maxBadCommands = b.maxBadCommands;
        maxConnections = b.maxConnections;
        maxConnectionsPerAddress = b.maxConnectionsPerAddress;
        maxAuthFailures = b.maxAuthFailures;
        commandTimeout = b.commandTimeout;
        dataTimeout = b.dataTimeout;
        spoolThreshold = b.spoolThreshold;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Octets in a command line, without CRLF; longer lines get 500 5.5.2. At least 512. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Recipients per message; more get 452 4.5.3. At least 100. */
    public int maxRecipients() {
        return maxRecipients;
    }

    /** Octets in a message, as advertised by SIZE; a larger one gets 552 5.3.4. */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /** Octets in a message's header section; a larger one gets 552 5.3.4. */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /** Syntax and sequence errors (500-504) before the connection is closed with 421 4.7.0. */
    public int maxBadCommands() {
        return maxBadCommands;
    }

    /** Connections open at once on the listener; one more gets 421 4.7.0. */
    public int maxConnections() {
        return maxConnections;
    }

    /** Connections open at once from one IP address; one more gets 421 4.7.0. */
    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    /** Failed AUTH attempts on one connection before it is closed with 421 4.7.0. */
    public int maxAuthFailures() {
        return maxAuthFailures;
    }

    /** How long the server waits for the next command (RFC 5321 §4.5.3.2.7: 5 minutes). */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** How long the server waits for the next bytes of a message (RFC 5321 §4.5.3.2.5: 3 minutes). */
    public Duration dataTimeout() {
        return dataTimeout;
    }

    /** Octets of a message kept in memory before it moves to a temporary file. */
    public int spoolThreshold() {
        return spoolThreshold;
    }

    @Override
    public String toString() {
        return "SmtpLimits[line=" + maxLineLength + ", recipients=" + maxRecipients + ", size=" + maxMessageSize
                + ", header=" + maxHeaderBytes + ", badCommands=" + maxBadCommands + ", connections=" + maxConnections
                + "/" + maxConnectionsPerAddress + " per address, authFailures=" + maxAuthFailures
                + ", commandTimeout=" + commandTimeout + ", dataTimeout=" + dataTimeout + ", spool=" + spoolThreshold + "]";
    }

    /** Builds {@link SmtpLimits}; {@link #build()} checks every value. */
    public static final class Builder {
        private int maxLineLength = 4096;
        private int maxRecipients = 1000;
        private long maxMessageSize = 32L << 20;
        private int maxHeaderBytes = 1 << 20;
        private int maxBadCommands = 20;
        private int maxConnections = 1000;
        private int maxConnectionsPerAddress = 50;
        private int maxAuthFailures = 3;
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(3);
        private int spoolThreshold = 1 << 20;

        private Builder() {
        }

        private Builder(SmtpLimits from) {
            maxLineLength = from.maxLineLength;
            maxRecipients = from.maxRecipients;
            maxMessageSize = from.maxMessageSize;
            maxHeaderBytes = from.maxHeaderBytes;
            maxBadCommands = from.maxBadCommands;
            maxConnections = from.maxConnections;
            maxConnectionsPerAddress = from.maxConnectionsPerAddress;
            maxAuthFailures = from.maxAuthFailures;
            commandTimeout = from.commandTimeout;
            dataTimeout = from.dataTimeout;
            spoolThreshold = from.spoolThreshold;
        }

        public Builder maxLineLength(int octets) {
            maxLineLength = octets;
            return this;
        }

        public Builder maxRecipients(int count) {
            maxRecipients = count;
            return this;
        }

        public Builder maxMessageSize(long octets) {
            maxMessageSize = octets;
            return this;
        }

        public Builder maxHeaderBytes(int octets) {
            maxHeaderBytes = octets;
            return this;
        }

        public Builder maxBadCommands(int count) {
            maxBadCommands = count;
            return this;
        }

        public Builder maxConnections(int total, int perAddress) {
            maxConnections = total;
            maxConnectionsPerAddress = perAddress;
            return this;
        }

        public Builder maxAuthFailures(int count) {
            maxAuthFailures = count;
            return this;
        }

        public Builder commandTimeout(Duration timeout) {
            commandTimeout = Objects.requireNonNull(timeout, "commandTimeout");
            return this;
        }

        public Builder dataTimeout(Duration timeout) {
            dataTimeout = Objects.requireNonNull(timeout, "dataTimeout");
            return this;
        }

        public Builder spoolThreshold(int octets) {
            spoolThreshold = octets;
            return this;
        }

        /** @throws IllegalArgumentException naming the first setting out of range */
        public SmtpLimits build() {
            check(maxLineLength >= 512, "maxLineLength must be at least 512 (RFC 5321 §4.5.3.1.4): " + maxLineLength);
            check(maxRecipients >= 100, "maxRecipients must be at least 100 (RFC 5321 §4.5.3.1.8): " + maxRecipients);
            check(maxMessageSize >= 64 * 1024, "maxMessageSize must be at least 65536 (RFC 5321 §4.5.3.1.7): " + maxMessageSize);
            check(maxHeaderBytes >= 1024, "maxHeaderBytes must be at least 1024: " + maxHeaderBytes);
            check(maxBadCommands >= 1, "maxBadCommands must be at least 1: " + maxBadCommands);
            check(maxConnections >= 1 && maxConnectionsPerAddress >= 1, "maxConnections must be at least 1");
            check(maxAuthFailures >= 1, "maxAuthFailures must be at least 1: " + maxAuthFailures);
            check(commandTimeout.toSeconds() >= 1 && dataTimeout.toSeconds() >= 1, "timeouts must be at least one second");
            check(spoolThreshold >= 0, "spoolThreshold must not be negative: " + spoolThreshold);
            return new SmtpLimits(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
