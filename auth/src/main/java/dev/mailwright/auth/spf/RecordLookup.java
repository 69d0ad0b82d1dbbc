package dev.mailwright.auth.spf;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.TxtRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and parses a domain's SPF record (RFC 7208 §4.4, §4.5): exactly one TXT record starting
 * with {@code v=spf1}, or none. Definite answers are kept in the {@link AuthCache}.
 *
 * @param result {@code null} when a record was found; otherwise NONE, TEMPERROR or PERMERROR
 * @param record the parsed record when found
 * @param reason why there is no record, in a few words
 */
record RecordLookup(SpfResult result, SpfRecord record, String reason) {

    static RecordLookup find(DnsResolver resolver, AuthCache cache, String domain) {
        RecordLookup cached = cache.get(RecordLookup.class, domain);
        if (cached != null) {
            return cached;
        }
        DnsResult<TxtRecord> answer = resolver.txt(domain);
        if (answer.isTemporaryFailure()) {
            return new RecordLookup(SpfResult.TEMPERROR, null, "DNS failure looking up " + domain + ": " + answer.error());
        }
        RecordLookup lookup = select(domain, answer.records());
        cache.put(RecordLookup.class, domain, lookup, answer.ttl());
        return lookup;
    }

    private static RecordLookup select(String domain, List<TxtRecord> records) {
        List<String> spf = new ArrayList<>(1);
        for (TxtRecord record : records) {
            String text = record.text();
            if (SpfParser.isSpfRecord(text)) {
                spf.add(text);
            }
        }
        if (spf.isEmpty()) {
            return new RecordLookup(SpfResult.NONE, null, "no SPF record at " + domain);
        }
        if (spf.size() > 1) {
            return new RecordLookup(SpfResult.PERMERROR, null, spf.size() + " SPF records at " + domain);
        }
        try {
            return new RecordLookup(null, SpfParser.parse(spf.get(0)), "");
        } catch (SpfSyntaxException e) {
            return new RecordLookup(SpfResult.PERMERROR, null, "invalid SPF record at " + domain + ": " + e.getMessage());
        }
    }

    boolean found() {
        return record != null;
    }
}
