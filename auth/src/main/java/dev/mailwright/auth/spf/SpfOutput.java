package dev.mailwright.auth.spf;

import java.util.Objects;

/**
 * The outcome of one SPF check.
 *
 * @param result      one of the seven RFC 7208 results
 * @param identity    the identity checked
 * @param sender      the identity's value as checked: the MAIL FROM address, {@code postmaster@HELO}
 *                    for the null sender, or the HELO domain
 * @param domain      the domain whose policy was checked (lower case, no trailing dot); empty when the
 *                    identity held no usable domain
 * @param explanation the domain's explanation of a {@code fail} (its {@code exp=} text, macros
 *                    expanded); empty when there is none
 * @param reason      a few words on how the result came about, for logs and header comments, such
 *                    as {@code "matched ip4:192.0.2.0/24"} or {@code "more than 10 DNS lookups"}
 */
public record SpfOutput(
        SpfResult result, SpfIdentity identity, String sender, String domain, String explanation, String reason) {

    public SpfOutput {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(reason, "reason");
    }
}
