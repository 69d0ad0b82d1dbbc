package dev.mailwright.server.pipeline;

import java.util.Objects;

/**
 * The outcome of one inbound check, in RFC 8601 result words, with a short reason for logs
 * and the Authentication-Results comment.
 */
public record CheckResult(Verdict verdict, String reason) {

    /** RFC 8601 results the server's own checks produce. */
    public enum Verdict {
        PASS, FAIL, NONE, TEMPERROR, PERMERROR;

        /** The RFC 8601 spelling. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
    }

    public static CheckResult pass(String reason) {
        return new CheckResult(Verdict.PASS, reason);
    }

    public static CheckResult fail(String reason) {
        return new CheckResult(Verdict.FAIL, reason);
    }

    public static CheckResult temperror(String reason) {
        return new CheckResult(Verdict.TEMPERROR, reason);
    }

    public boolean failed() {
        return verdict == Verdict.FAIL || verdict == Verdict.PERMERROR;
    }
}
