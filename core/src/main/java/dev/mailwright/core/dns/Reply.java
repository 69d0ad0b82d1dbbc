package dev.mailwright.core.dns;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

/**
 * One answer to one question, from a server or from a zone, reduced to what following CNAMEs
 * needs: the RCODE class, the answer section, the SOA that proves a negative answer, the AD bit.
 *
 * @param kind          NOERROR, NXDOMAIN or a failure
 * @param answers       the answer section, possibly a CNAME chain
 * @param soa           the SOA of the authority section, or null; its presence marks a negative
 *                      answer (RFC 2308 §2) and gives the negative TTL (RFC 2308 §5)
 * @param authenticated the AD bit
 * @param ttlLimit      an upper bound on the TTL of anything taken from this reply, in seconds; a
 *                      cache lowers it as the reply ages
 * @param error         what went wrong, for {@link Kind#FAILURE}; empty otherwise
 */
record Reply(Kind kind, List<Record> answers, SOARecord soa, boolean authenticated, long ttlLimit, String error) {

    /** The RCODE, as far as chasing cares. */
    enum Kind { NOERROR, NXDOMAIN, FAILURE }

    Reply {
        Objects.requireNonNull(kind, "kind");
        answers = List.copyOf(answers);
        Objects.requireNonNull(error, "error");
    }

    static Reply noError(List<Record> answers, SOARecord soa, boolean authenticated) {
        return new Reply(Kind.NOERROR, answers, soa, authenticated, Long.MAX_VALUE, "");
    }

    static Reply nxdomain(List<Record> answers, SOARecord soa, boolean authenticated) {
        return new Reply(Kind.NXDOMAIN, answers, soa, authenticated, Long.MAX_VALUE, "");
    }

    static Reply failure(String error) {
        return new Reply(Kind.FAILURE, List.of(), null, false, 0, error);
    }

    /** This reply with its TTLs capped at {@code seconds}. */
    Reply withTtlLimit(long seconds) {
        return new Reply(kind, answers, soa, authenticated, Math.min(ttlLimit, seconds), error);
    }

    /** The records of {@code type} owned by {@code name}. */
    List<Record> rrset(Name name, int type) {
        List<Record> rrset = new ArrayList<>(2);
        for (Record record : answers) {
            if (record.getType() == type && record.getName().equals(name)) {
                rrset.add(record);
            }
        }
        return rrset;
    }

    /** The CNAME owned by {@code name}, or null. */
    CNAMERecord cname(Name name) {
        for (Record record : answers) {
            if (record.getType() == Type.CNAME && record.getName().equals(name)) {
                return (CNAMERecord) record;
            }
        }
        return null;
    }

    /** The negative-caching TTL of RFC 2308 §5: the lesser of the SOA's TTL and its MINIMUM. */
    long negativeTtl() {
        return soa == null ? 0 : Math.min(soa.getTTL(), soa.getMinimum());
    }
}
