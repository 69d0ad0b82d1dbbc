package dev.mailwright.auth.dmarc;

import java.util.Objects;

/**
 * The DMARC outcome of a message.
 *
 * @param result          pass, fail, none, temperror, or permerror for a message without a single
 *                        author domain
 * @param policy          what to do with the message now: {@code none} on a pass or without a
 *                        record; on a fail the domain's {@code p=} (or {@code sp=} for a
 *                        subdomain), relaxed one step when {@code pct=} left this message out
 * @param publishedPolicy the policy the record states for this domain, before {@code pct=}
 * @param fromDomain      the author domain; empty when there is none
 * @param recordDomain    where the record was found: the author domain or its organizational
 *                        domain; empty without a record
 * @param spfAligned      whether SPF passed for a domain aligned with the author domain
 * @param dkimAligned     whether a DKIM signature of an aligned domain passed
 * @param reason          a few words on how the result came about
 */
public record DmarcOutput(DmarcResult result, DmarcPolicy policy, DmarcPolicy publishedPolicy, String fromDomain,
        String recordDomain, boolean spfAligned, boolean dkimAligned, String reason) {

    public DmarcOutput {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(publishedPolicy, "publishedPolicy");
        Objects.requireNonNull(fromDomain, "fromDomain");
        Objects.requireNonNull(recordDomain, "recordDomain");
        Objects.requireNonNull(reason, "reason");
    }
}
