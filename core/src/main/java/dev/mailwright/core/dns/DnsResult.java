package dev.mailwright.core.dns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of one DNS lookup. Every lookup ends in one of four states, and callers decide on
 * exactly that difference: SPF counts NXDOMAIN and no-data answers as void lookups, DMARC and SPF
 * turn a temporary failure into {@code temperror}, and a null MX is only believed when the MX
 * lookup succeeded.
 *
 * @param status        how the lookup ended
 * @param records       the answer; never empty on {@link Status#SUCCESS}, always empty otherwise
 * @param authenticated whether the resolver vouched for the whole answer with the DNSSEC AD bit
 *                      (RFC 4035 §3.2.3); true only if every step of a CNAME chain was authenticated
 * @param ttl           how long the answer may be reused: the smallest TTL along the chain for
 *                      answers, the RFC 2308 negative TTL for NXDOMAIN and no data, zero for failures
 * @param name          the name the answer belongs to, after following CNAMEs (lower case, A-labels,
 *                      no trailing dot); for a failure, the name whose lookup failed
 * @param error         a short description of a temporary failure; empty for every other status
 * @param <T>           the record type
 */
public record DnsResult<T>(
        Status status, List<T> records, boolean authenticated, Duration ttl, String name, String error) {

    /** How a lookup ended. */
    public enum Status {
        /** The name has records of the requested type. */
        SUCCESS,
        /** The name does not exist (RCODE 3, Name Error). */
        NXDOMAIN,
        /** The name exists but has no records of the requested type (RCODE 0, empty answer). */
        NO_DATA,
        /**
         * No usable answer: SERVFAIL, REFUSED, FORMERR, a timeout, a CNAME loop. Asking again later
         * may succeed.
         */
        TEMPORARY_FAILURE
    }

    /** Validates the invariants stated on each component. */
    public DnsResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(error, "error");
        records = List.copyOf(records);
        if ((status == Status.SUCCESS) == records.isEmpty()) {
            throw new IllegalArgumentException(status + " with " + records.size() + " records");
        }
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("negative ttl: " + ttl);
        }
        if (status == Status.TEMPORARY_FAILURE) {
            if (authenticated || !ttl.isZero() || error.isEmpty()) {
                throw new IllegalArgumentException("a temporary failure needs an error text, no AD bit and no ttl");
            }
        } else if (!error.isEmpty()) {
            throw new IllegalArgumentException("error text on " + status);
        }
    }

    /** An answer with records. */
    public static <T> DnsResult<T> success(String name, List<T> records, boolean authenticated, Duration ttl) {
        return new DnsResult<>(Status.SUCCESS, records, authenticated, ttl, name, "");
    }

    /** The name does not exist. */
    public static <T> DnsResult<T> nxdomain(String name, boolean authenticated, Duration ttl) {
        return new DnsResult<>(Status.NXDOMAIN, List.of(), authenticated, ttl, name, "");
    }

    /** The name exists without records of the requested type. */
    public static <T> DnsResult<T> noData(String name, boolean authenticated, Duration ttl) {
        return new DnsResult<>(Status.NO_DATA, List.of(), authenticated, ttl, name, "");
    }

    /** No usable answer; {@code error} says why in a few words. */
    public static <T> DnsResult<T> temporaryFailure(String name, String error) {
        return new DnsResult<>(Status.TEMPORARY_FAILURE, List.of(), false, Duration.ZERO, name, error);
    }

    /** Whether the lookup found records. */
    public boolean isSuccess() {
        return status == Status.SUCCESS;
    }

    /**
     * Whether the answer says there is nothing: NXDOMAIN or no data (RFC 2308 "negative answers",
     * the "void lookups" of RFC 7208 §4.6.4).
     */
    public boolean isNegative() {
        return status == Status.NXDOMAIN || status == Status.NO_DATA;
    }

    /** Whether the lookup failed temporarily. */
    public boolean isTemporaryFailure() {
        return status == Status.TEMPORARY_FAILURE;
    }

    /** The same outcome with each record converted by {@code mapper}. */
    public <R> DnsResult<R> map(Function<? super T, ? extends R> mapper) {
        List<R> mapped = new ArrayList<>(records.size());
        for (T record : records) {
            mapped.add(mapper.apply(record));
        }
        return new DnsResult<>(status, mapped, authenticated, ttl, name, error);
    }
}
