package dev.mailwright.auth.dkim;

import dev.mailwright.auth.AuthCache;
import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.dns.DnsResult;
import dev.mailwright.core.dns.TxtRecord;

/**
 * Fetches the key record at {@code selector._domainkey.domain} (RFC 6376 §3.6.2.2). The first
 * record that parses is used (§6.1.2 lets the verifier choose). Definite answers are cached.
 *
 * @param result null when a key was found; otherwise TEMPERROR or PERMERROR
 * @param key    the key record when found
 * @param reason why there is no key, in a few words
 */
record KeyLookup(DkimResult result, DkimKeyRecord key, String reason) {

    static KeyLookup find(DnsResolver resolver, AuthCache cache, String selector, String domain) {
        String name = selector + "._domainkey." + domain;
        KeyLookup cached = cache.get(KeyLookup.class, name);
        if (cached != null) {
            return cached;
        }
        DnsResult<TxtRecord> answer;
        try {
            answer = resolver.txt(name);
        } catch (IllegalArgumentException e) {
            return new KeyLookup(DkimResult.PERMERROR, null, "invalid key name " + name);
        }
        if (answer.isTemporaryFailure()) {
            return new KeyLookup(DkimResult.TEMPERROR, null, "key lookup failed: " + answer.error());
        }
        KeyLookup lookup = select(answer, name);
        cache.put(KeyLookup.class, name, lookup, answer.ttl());
        return lookup;
    }

    private static KeyLookup select(DnsResult<TxtRecord> answer, String name) {
        if (!answer.isSuccess()) {
            return new KeyLookup(DkimResult.PERMERROR, null, "no key for signature (" + name + ")");
        }
        String problem = "";
        for (TxtRecord record : answer.records()) {
            try {
                return new KeyLookup(null, DkimKeyRecord.parse(record.text()), "");
            } catch (DkimSyntaxException e) {
                problem = e.getMessage();
            }
        }
        return new KeyLookup(DkimResult.PERMERROR, null, "invalid key record at " + name + ": " + problem);
    }

    boolean found() {
        return key != null;
    }
}
