package dev.mailwright.auth.dmarc;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.TxtRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * The DMARC record at {@code _dmarc.DOMAIN} (RFC 7489 §6.6.3): exactly one valid record, or none.
 * Definite answers are cached.
 *
 * @param record         the record, or null
 * @param temporaryError the DNS error when the lookup failed temporarily, else empty
 */
record PolicyLookup(DmarcRecord record, String temporaryError) {

    static PolicyLookup find(DnsResolver resolver, AuthCache cache, String domain) {
        String name = "_dmarc." + domain;
        PolicyLookup cached = cache.get(PolicyLookup.class, name);
        if (cached != null) {
            return cached;
        }
        DnsResult<TxtRecord> answer;
        try {
            answer = resolver.txt(name);
        } catch (IllegalArgumentException e) {
            return new PolicyLookup(null, "");
        }
        if (answer.isTemporaryFailure()) {
            return new PolicyLookup(null, answer.error());
        }
        List<DmarcRecord> records = new ArrayList<>(1);
        for (TxtRecord txt : answer.records()) {
            String text = txt.text();
            if (DmarcRecord.isDmarcRecord(text)) {
                DmarcRecord record = DmarcRecord.parse(text);
                if (record != null) {
                    records.add(record);
                }
            }
        }
        // Several valid records: DMARC is not applied (§6.6.3 step 5).
        PolicyLookup lookup = new PolicyLookup(records.size() == 1 ? records.get(0) : null, "");
        cache.put(PolicyLookup.class, name, lookup, answer.ttl());
        return lookup;
    }

    boolean isTemporaryFailure() {
        return !temporaryError.isEmpty();
    }
}
