package dev.mailwright.imap;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits an {@link ImapServer} enforces on every connection. Each has a default
 * suitable for a public server; each refusal names the limit it hit.
 */
public final class ImapLimits {

    /** The defaults. */
    public static final ImapLimits DEFAULT = builder().build();

    private final int maxLineLength;
    private final int maxCommandBytes;
    private final int maxLiteralBeforeAuth;
    private final int maxLiteral;
    private final long appendLimit;
    private final int maxCommandsBeforeAuth;
    private final int maxAuthFailures;
    private final int maxBadCommands;
    private final Duration authFailureDelay;
    private final Duration maxAuthFailureDelay;
    private final Duration idleTimeout;
    private final Duration loginTimeout;
    private final Duration writeTimeout;
    private final int spoolThreshold;
    private final long structureCacheBytes;

    private ImapLimits(Builder b) {
        maxLineLength = b.maxLineLength;
        maxCommandBytes = b.maxCommandBytes;
        maxLiteralBeforeAuth = b.maxLiteralBeforeAuth;
        maxLiteral = b.maxLiteral;
        appendLimit = b.appendLimit;
        maxCommandsBeforeAuth = b.maxCommandsBeforeAuth;
        maxAuthFailures = b.maxAuthFailures;
        maxBadCommands = b.maxBadCommands;
        authFailureDelay = b.authFailureDelay;
        maxAuthFailureDelay = b.maxAuthFailureDelay;
        idleTimeout = b.idleTimeout;
        loginTimeout = b.loginTimeout;
        writeTimeout = b.writeTimeout;
        spoolThreshold = b.spoolThreshold;
        structureCacheBytes = b.structureCacheBytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxLineLength = maxLineLength;
        b.maxCommandBytes = maxCommandBytes;
        b.maxLiteralBeforeAuth = maxLiteralBeforeAuth;
        b.maxLiteral = maxLiteral;
        b.appendLimit = appendLimit;
        b.maxCommandsBeforeAuth = maxCommandsBeforeAuth;
        b.maxAuthFailures = maxAuthFailures;
        b.maxBadCommands = maxBadCommands;
        b.authFailureDelay = authFailureDelay;
        b.maxAuthFailureDelay = maxAuthFailureDelay;
        b.idleTimeout = idleTimeout;
        b.loginTimeout = loginTimeout;
        b.writeTimeout = writeTimeout;
        b.spoolThreshold = spoolThreshold;
        b.structureCacheBytes = structureCacheBytes;
        return b;
    }

    /** Longest command line in bytes, without CRLF. */
    public int maxLineLength() {
        return maxLineLength;
    }

    /** Largest command (lines and literals) other than an APPEND's message. */
    public int maxCommandBytes() {
        return maxCommandBytes;
    }

    /** Largest literal accepted before authentication. */
    public int maxLiteralBeforeAuth() {
        return maxLiteralBeforeAuth;
    }

    /** Largest literal accepted after authentication, APPEND's message aside. */
    public int maxLiteral() {
        return maxLiteral;
    }

    /** Largest message APPEND accepts; advertised as APPENDLIMIT (RFC 7889). */
    public long appendLimit() {
        return appendLimit;
    }

    public int maxCommandsBeforeAuth() {
        return maxCommandsBeforeAuth;
    }

    /** Failed logins on one connection before it is closed. */
    public int maxAuthFailures() {
        return maxAuthFailures;
    }

    /** Consecutive malformed or refused-as-BAD commands before the connection is closed. */
    public int maxBadCommands() {
        return maxBadCommands;
    }

    /** Delay before answering the first failed login from an address; it doubles with each further failure. */
    public Duration authFailureDelay() {
        return authFailureDelay;
    }

    public Duration maxAuthFailureDelay() {
        return maxAuthFailureDelay;
    }

    /** How long an authenticated client may be silent, IDLE included (RFC 9051 §5.4: at least 30 minutes). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** How long a client may be silent before it authenticated. */
    public Duration loginTimeout() {
        return loginTimeout;
    }

    /** How long a client may leave output unread. */
    public Duration writeTimeout() {
        return writeTimeout;
    }

    /** Literals larger than this are spooled to a temporary file as they arrive. */
    public int spoolThreshold() {
        return spoolThreshold;
    }

    /** Heap for cached message structures (BODYSTRUCTURE, ENVELOPE, sections), shared by all sessions. */
    public long structureCacheBytes() {
        return structureCacheBytes;
    }

    /** Builds limits; {@link #build()} checks them. */
    public static final class Builder {
        private int maxLineLength = 64 * 1024;
        private int maxCommandBytes = 1 << 20;
        private int maxLiteralBeforeAuth = 8 * 1024;
        private int maxLiteral = 256 * 1024;
        private long appendLimit = 32L << 20;
        private int maxCommandsBeforeAuth = 30;
        private int maxAuthFailures = 3;
        private int maxBadCommands = 20;
        private Duration authFailureDelay = Duration.ofSeconds(1);
        private Duration maxAuthFailureDelay = Duration.ofSeconds(30);
        private Duration idleTimeout = Duration.ofMinutes(30);
        private Duration loginTimeout = Duration.ofMinutes(1);
        private Duration writeTimeout = Duration.ofMinutes(5);
        private int spoolThreshold = 1 << 20;
        private long structureCacheBytes = 64L << 20;

        private Builder() {}

        public Builder maxLineLength(int bytes) {
            this.maxLineLength = bytes;
            return this;
        }

        public Builder maxCommandBytes(int bytes) {
            this.maxCommandBytes = bytes;
            return this;
        }

        public Builder maxLiteralBeforeAuth(int bytes) {
            this.maxLiteralBeforeAuth = bytes;
            return this;
        }

        public Builder maxLiteral(int bytes) {
            this.maxLiteral = bytes;
            return this;
        }

        public Builder appendLimit(long bytes) {
            this.appendLimit = bytes;
            return this;
        }

        public Builder maxCommandsBeforeAuth(int count) {
            this.maxCommandsBeforeAuth = count;
            return this;
        }

        public Builder maxAuthFailures(int count) {
            this.maxAuthFailures = count;
            return this;
        }

        public Builder maxBadCommands(int count) {
            this.maxBadCommands = count;
            return this;
        }

        /** The first delay after a failed login and the most it grows to. */
        public Builder authFailureDelay(Duration first, Duration max) {
            this.authFailureDelay = Objects.requireNonNull(first, "first");
            this.maxAuthFailureDelay = Objects.requireNonNull(max, "max");
            return this;
        }

        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder loginTimeout(Duration timeout) {
            this.loginTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder writeTimeout(Duration timeout) {
            this.writeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder spoolThreshold(int bytes) {
            this.spoolThreshold = bytes;
            return this;
        }

        public Builder structureCacheBytes(long bytes) {
            this.structureCacheBytes = bytes;
            return this;
        }

        public ImapLimits build() {
            check(maxLineLength >= 1000, "maxLineLength must be at least 1000 bytes (RFC 7162 §4 asks for 8192)");
            check(maxCommandBytes >= maxLineLength, "maxCommandBytes must be at least maxLineLength");
            check(maxLiteralBeforeAuth >= 0, "maxLiteralBeforeAuth must not be negative");
            check(maxLiteral >= maxLiteralBeforeAuth, "maxLiteral must be at least maxLiteralBeforeAuth");
            check(appendLimit >= 1 && appendLimit <= 0xFFFF_FFFFL, "appendLimit must be between 1 and 4294967295 bytes");
            check(maxCommandsBeforeAuth >= 1, "maxCommandsBeforeAuth must be at least 1");
            check(maxAuthFailures >= 1, "maxAuthFailures must be at least 1");
            check(maxBadCommands >= 1, "maxBadCommands must be at least 1");
            check(!authFailureDelay.isNegative() && maxAuthFailureDelay.compareTo(authFailureDelay) >= 0,
                    "authFailureDelay must be between zero and its maximum");
            check(idleTimeout.toSeconds() >= 1, "idleTimeout must be at least one second");
            check(loginTimeout.toSeconds() >= 1, "loginTimeout must be at least one second");
            check(writeTimeout.toSeconds() >= 1, "writeTimeout must be at least one second");
            check(spoolThreshold >= 0, "spoolThreshold must not be negative");
            check(structureCacheBytes >= 0, "structureCacheBytes must not be negative");
            return new ImapLimits(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("imap limits: " + message);
            }
        }
    }
}
