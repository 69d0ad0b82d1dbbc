package dev.mailwright.smtp.outbound.mtasts;

import dev.mailwright.smtp.outbound.tls.HostnameMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An MTA-STS policy (RFC 8461 §3.2): the mode, the MX host patterns, and how long it may be cached.
 *
 * @param mode enforce, testing or none
 * @param mx the MX patterns: host names, or {@code *.} plus a name for one extra label
 * @param maxAge how long the policy may be cached, at most {@link #MAX_AGE_LIMIT}
 */
public record MtaStsPolicy(Mode mode, List<String> mx, Duration maxAge) {

    /** RFC 8461 §3.2: max_age is at most 31557600 seconds (about a year). */
    public static final Duration MAX_AGE_LIMIT = Duration.ofSeconds(31_557_600);
    /** The largest policy body accepted; RFC 8461 §3.3 suggests 64 KiB. */
    public static final int MAX_POLICY_BYTES = 64 * 1024;
    /** More MX patterns than any domain lists. */
    public static final int MAX_MX_PATTERNS = 100;

    /** The policy modes of RFC 8461 §5. */
    public enum Mode {
        /** Deliver only to matching MX hosts over PKIX-valid TLS. */
        ENFORCE,
        /** Deliver anyway; report what would have failed. */
        TESTING,
        /** No policy: the domain withdraws MTA-STS. */
        NONE
    }

    public MtaStsPolicy {
        Objects.requireNonNull(mode, "mode");
        mx = List.copyOf(mx);
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.compareTo(MAX_AGE_LIMIT) > 0) {
            throw new IllegalArgumentException("max_age out of range: " + maxAge.toSeconds());
        }
    }

    /** Whether {@code host} matches one of the policy's {@code mx} patterns (RFC 8461 §4.1). */
    public boolean allowsMx(String host) {
        return mx.stream().anyMatch(pattern -> HostnameMatcher.matches(pattern, host));
    }

    /**
     * Parses a policy body (RFC 8461 §3.2): {@code key: value} lines ending in CRLF or LF; unknown
     * keys are ignored; version, mode and max_age are required, and mx unless the mode is none.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static MtaStsPolicy parse(String body) {
        if (body.length() > MAX_POLICY_BYTES) {
            throw new IllegalArgumentException("policy longer than " + MAX_POLICY_BYTES + " bytes");
        }
        String version = null;
        Mode mode = null;
        Duration maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String line : body.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("policy line without key: value");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = once(key, version, value);
                case "mode" -> {
                    if (mode != null) {
                        throw new IllegalArgumentException("mode given twice");
                    }
                    mode = switch (value) {
                        case "enforce" -> Mode.ENFORCE;
                        case "testing" -> Mode.TESTING;
                        case "none" -> Mode.NONE;
                        default -> throw new IllegalArgumentException("unknown mode " + value);
                    };
                }
                case "max_age" -> {
                    if (maxAge != null) {
                        throw new IllegalArgumentException("max_age given twice");
                    }
                    if (!value.matches("\\d{1,40}")) {
                        throw new IllegalArgumentException("max_age is not a number of seconds");
                    }
                    long seconds = value.length() > 12 ? Long.MAX_VALUE : Long.parseLong(value);
                    maxAge = Duration.ofSeconds(Math.min(seconds, MAX_AGE_LIMIT.toSeconds()));
                }
                case "mx" -> {
                    if (!value.matches("(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?\\.?")) {
                        throw new IllegalArgumentException("malformed mx pattern");
                    }
                    if (mx.size() >= MAX_MX_PATTERNS) {
                        throw new IllegalArgumentException("more than " + MAX_MX_PATTERNS + " mx patterns");
                    }
                    mx.add(value.toLowerCase(Locale.ROOT));
                }
                default -> {
                    // RFC 8461 §3.2: unknown fields are ignored, for future extensions.
                }
            }
        }
        if (!"STSv1".equals(version)) {
            throw new IllegalArgumentException(version == null ? "version missing" : "unsupported version");
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode missing");
        }
        if (maxAge == null) {
            throw new IllegalArgumentException("max_age missing");
        }
        if (mx.isEmpty() && mode != Mode.NONE) {
            throw new IllegalArgumentException("no mx patterns");
        }
        return new MtaStsPolicy(mode, mx, maxAge);
    }

    private static String once(String key, String previous, String value) {
        if (previous != null) {
            throw new IllegalArgumentException(key + " given twice");
        }
        return value;
    }

    /** The policy in the wire format, for storing it. */
    public String toText() {
        StringBuilder out = new StringBuilder("version: STSv1\r\nmode: ").append(mode.name().toLowerCase(Locale.ROOT))
                .append("\r\n");
        mx.forEach(m -> out.append("mx: ").append(m).append("\r\n"));
        return out.append("max_age: ").append(maxAge.toSeconds()).append("\r\n").toString();
    }
}
