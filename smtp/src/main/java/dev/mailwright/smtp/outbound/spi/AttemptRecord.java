package dev.mailwright.smtp.outbound.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery attempt to one host for one destination domain: where it went, how the
 * session was secured, and what it came to. The queue keeps the latest few per message.
 *
 * @param time when the attempt started
 * @param domain the destination domain
 * @param host the MX host (or relay) name; empty if the attempt never reached a host
 * @param address the IP address connected to; empty if none
 * @param tls how the session was secured
 * @param result a one-line summary, e.g. {@code 250 2.0.0 queued as 12345} or {@code connect: timed out}
 */
public record AttemptRecord(Instant time, String domain, String host, String address, TlsOutcome tls, String result) {

    /** The longest summary kept. */
    public static final int MAX_RESULT = 512;

    public AttemptRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(result, "result");
        result = result.replaceAll("[\\x00-\\x1F\\x7F]", " ").strip();
        if (result.length() > MAX_RESULT) {
            result = result.substring(0, MAX_RESULT);
        }
    }
}
