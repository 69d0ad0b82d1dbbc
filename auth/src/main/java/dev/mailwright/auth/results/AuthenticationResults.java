package dev.mailwright.auth.results;

import dev.mailwright.auth.dkim.DkimOutput;
import dev.mailwright.auth.dkim.DkimResult;
import dev.mailwright.auth.dmarc.DmarcOutput;
import dev.mailwright.auth.dmarc.DmarcResult;
import dev.mailwright.auth.spf.SpfOutput;
import dev.mailwright.core.mime.HeaderField;
import dev.mailwright.core.mime.Headers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An Authentication-Results header field value (RFC 8601): the authserv-id of the host that did
 * the checks, and one result per method.
 *
 * <pre>{@code
 * String value = AuthenticationResults.builder("mx.example.org")
 *         .spf(spf).dkim(dkim).dmarc(dmarc)
 *         .build().value();
 * // mx.example.org; spf=pass smtp.mailfrom=example.net; dkim=pass header.d=example.org header.s=sel;
 * //   dmarc=pass header.from=example.org
 * }</pre>
 *
 * <p>{@link #parse} reads a field back, tolerating comments and folding anywhere RFC 8601 allows
 * them; {@link #withoutForged} removes the fields that claim a given authserv-id, which a host must
 * do to mail arriving from outside before adding its own (RFC 8601 §5).
 *
 * @param authservId the host that did the checks
 * @param results    the results, in order; empty means "none" (no checks were done)
 */
public record AuthenticationResults(String authservId, List<MethodResult> results) {

    /** The field name. */
    public static final String FIELD = "Authentication-Results";

    public AuthenticationResults {
        Objects.requireNonNull(authservId, "authservId");
        results = List.copyOf(results);
    }

    /**
     * One method's result.
     *
     * @param method     the method, e.g. {@code dkim}
     * @param result     the result keyword, e.g. {@code pass}
     * @param comment    a comment after the result, e.g. {@code body hash mismatch}; empty for none
     * @param reason     the {@code reason=} value; empty for none
     * @param properties properties in order, e.g. {@code header.d} to {@code example.org}
     */
    public record MethodResult(String method, String result, String comment, String reason,
            Map<String, String> properties) {

        public MethodResult {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(comment, "comment");
            Objects.requireNonNull(reason, "reason");
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }

        /** This result as the field writes it: {@code method=result (comment) reason=... ptype.property=value...} */
        public String format() {
            StringBuilder out = new StringBuilder(method).append('=').append(result);
            if (!comment.isEmpty()) {
                out.append(' ').append(ResultToken.comment(comment));
            }
            if (!reason.isEmpty()) {
                out.append(" reason=").append(ResultToken.value(reason));
            }
            for (Map.Entry<String, String> property : properties.entrySet()) {
                out.append(' ').append(property.getKey()).append('=').append(ResultToken.value(property.getValue()));
            }
            return out.toString();
        }
    }

    /**
     * The comment for a temporary DNS failure: which server failed how is for the logs, not
     * for a header that travels with the message.
     */
    static final String DNS_ERROR = "DNS error";

    /** A builder for a field from the host {@code authservId}. */
    public static Builder builder(String authservId) {
        return new Builder(authservId);
    }

    /** The field value: {@code authserv-id; method=result ...; ...}, or {@code authserv-id; none}. */
    public String value() {
        StringBuilder out = new StringBuilder(authservId);
        if (results.isEmpty()) {
            return out.append("; none").toString();
        }
        for (MethodResult result : results) {
            out.append("; ").append(result.format());
        }
        return out.toString();
    }

    /** The whole field, folded. */
    public HeaderField toHeaderField() {
        return HeaderField.of(FIELD, value());
    }

    /** The result of {@code method}, the first if there are several. */
    public java.util.Optional<MethodResult> result(String method) {
        return results.stream().filter(r -> r.method().equalsIgnoreCase(method)).findFirst();
    }

    @Override
    public String toString() {
        return value();
    }

    /**
     * Reads a field value. Comments and folding whitespace are skipped wherever they appear.
     *
     * @return the field, or empty if it is not a valid Authentication-Results value
     */
    public static java.util.Optional<AuthenticationResults> parse(String value) {
        return ResultsParser.parse(value);
    }

    /**
     * The authserv-id of a field value, even when the rest of the value is malformed; empty if not
     * even that can be read.
     */
    public static java.util.Optional<String> authservIdOf(String value) {
        return ResultsParser.authservId(value);
    }

    /**
     * {@code headers} without the Authentication-Results fields whose authserv-id is
     * {@code authservId} (ignoring case and a trailing dot): fields that claim to be this host's
     * but arrived with the message, and so are forged or stale.
     */
    public static Headers withoutForged(Headers headers, String authservId) {
        String ours = withoutTrailingDot(authservId);
        Headers.Builder kept = Headers.builder();
        boolean removed = false;
        for (HeaderField field : headers) {
            if (field.is(FIELD) && authservIdOf(field.value()).map(id -> withoutTrailingDot(id).equalsIgnoreCase(ours)).orElse(false)) {
                removed = true;
                continue;
            }
            kept.add(field);
        }
        return removed ? kept.build() : headers;
    }

    private static String withoutTrailingDot(String id) {
        return id.endsWith(".") ? id.substring(0, id.length() - 1) : id;
    }

    /** Collects results, validated in {@link #build()}. */
    public static final class Builder {
        private final String authservId;
        private final List<MethodResult> results = new ArrayList<>();

        private Builder(String authservId) {
            this.authservId = Objects.requireNonNull(authservId, "authservId");
        }

        /** {@code spf=RESULT smtp.mailfrom=DOMAIN} or {@code smtp.helo=DOMAIN}, with the reason as comment on errors. */
        public Builder spf(SpfOutput spf) {
            Map<String, String> properties = new LinkedHashMap<>();
            String identity = spf.domain().isEmpty() ? spf.sender() : spf.domain();
            properties.put(spf.identity().property(), identity);
            String comment = switch (spf.result()) {
                case PERMERROR, NONE -> spf.reason();
                case TEMPERROR -> DNS_ERROR;
                default -> "";
            };
            return add(new MethodResult("spf", spf.result().keyword(), comment, "", properties));
        }

        /** One {@code dkim=} result per signature; {@code dkim=none} for none. */
        public Builder dkim(List<DkimOutput> dkim) {
            if (dkim.isEmpty()) {
                return add(new MethodResult("dkim", "none", "", "", Map.of()));
            }
            for (DkimOutput signature : dkim) {
                Map<String, String> properties = new LinkedHashMap<>();
                if (!signature.domain().isEmpty()) {
                    properties.put("header.d", signature.domain());
                }
                if (!signature.selector().isEmpty()) {
                    properties.put("header.s", signature.selector());
                }
                String comment = signature.result() == DkimResult.TEMPERROR ? DNS_ERROR : signature.reason();
                add(new MethodResult("dkim", signature.result().keyword(), comment, "", properties));
            }
            return this;
        }

        /** {@code dmarc=RESULT header.from=DOMAIN}, with the published policy and disposition as comment. */
        public Builder dmarc(DmarcOutput dmarc) {
            Map<String, String> properties = new LinkedHashMap<>();
            if (!dmarc.fromDomain().isEmpty()) {
                properties.put("header.from", dmarc.fromDomain());
            }
            String comment = switch (dmarc.result()) {
                case PASS, FAIL -> "p=" + dmarc.publishedPolicy().keyword() + " dis=" + dmarc.policy().keyword();
                case NONE -> "";
                case TEMPERROR -> DNS_ERROR;
                default -> dmarc.reason();
            };
            if (dmarc.result() == DmarcResult.PERMERROR) {
                comment = dmarc.reason() + "; dis=" + dmarc.policy().keyword();
            }
            return add(new MethodResult("dmarc", dmarc.result().keyword(), comment, "", properties));
        }

        /** Any other method's result. */
        public Builder add(MethodResult result) {
            results.add(Objects.requireNonNull(result, "result"));
            return this;
        }

        /**
         * The field.
         *
         * @throws IllegalArgumentException if the authserv-id is not a bare value (a host name)
         */
        public AuthenticationResults build() {
            if (!ResultToken.isBare(authservId) || authservId.indexOf('@') >= 0) {
                throw new IllegalArgumentException("authserv-id must be a host name: '" + authservId + "'");
            }
            return new AuthenticationResults(authservId, results);
        }
    }
}
