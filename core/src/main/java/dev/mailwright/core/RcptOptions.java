package dev.mailwright.core;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The ESMTP parameters of a RCPT command, typed: NOTIFY and ORCPT (RFC 3461 §4.1, §4.2).
 * Immutable; change a copy with the {@code with...} methods.
 *
 * @param notifyOn the NOTIFY values: when to send a DSN for this recipient; empty when
 *     NOTIFY was not given (the MTA's default then applies); {@link DsnNotify#NEVER}
 *     stands alone. (A record component cannot be called {@code notify}: it would clash
 *     with {@link Object#notify()}.)
 * @param originalRecipient the ORCPT address, if given
 */
public record RcptOptions(Set<DsnNotify> notifyOn, Optional<OriginalRecipient> originalRecipient) {

    /** No parameters at all. */
    public static final RcptOptions NONE = new RcptOptions(Set.of(), Optional.empty());

    /**
     * Copies {@code notifyOn} and validates it.
     *
     * @throws ParameterException if NEVER is combined with another value
     */
    public RcptOptions {
        Objects.requireNonNull(notifyOn, "notifyOn");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        notifyOn = notifyOn.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(notifyOn));
        if (notifyOn.contains(DsnNotify.NEVER) && notifyOn.size() > 1) {
            throw ParameterException.invalid("NOTIFY", "NEVER cannot be combined with other values");
        }
    }

    /**
     * Reads the parameters of a RCPT command.
     *
     * @param parameters the parsed parameters
     * @param enabled the extensions the server advertised; NOTIFY and ORCPT need
     *     {@link EsmtpExtension#DSN}
     * @throws ParameterException naming the parameter that is malformed or unsupported
     */
    public static RcptOptions fromParameters(EsmtpParameters parameters, Set<EsmtpExtension> enabled) {
        Set<DsnNotify> notify = Set.of();
        Optional<OriginalRecipient> originalRecipient = Optional.empty();
        for (Map.Entry<String, Optional<String>> parameter : parameters.asMap().entrySet()) {
            String keyword = parameter.getKey();
            switch (keyword) {
                case "NOTIFY" -> {
                    MailOptions.requireEnabled(keyword, enabled, EsmtpExtension.DSN);
                    notify = parseNotify(MailOptions.requireValue(keyword, parameter.getValue()));
                }
                case "ORCPT" -> {
                    MailOptions.requireEnabled(keyword, enabled, EsmtpExtension.DSN);
                    originalRecipient = Optional.of(
                            OriginalRecipient.parse(MailOptions.requireValue(keyword, parameter.getValue())));
                }
                default -> throw ParameterException.unsupported(keyword);
            }
        }
        return new RcptOptions(notify, originalRecipient);
    }

    /** These options as RCPT parameters, for an SMTP client. */
    public EsmtpParameters toParameters() {
        EsmtpParameters.Builder parameters = EsmtpParameters.builder();
        if (!notifyOn.isEmpty()) {
            StringJoiner list = new StringJoiner(",");
            notifyOn.forEach(n -> list.add(n.name()));
            parameters.add("NOTIFY", list.toString());
        }
        originalRecipient.ifPresent(o -> parameters.add("ORCPT", o.encode()));
        return parameters.build();
    }

    public RcptOptions withNotifyOn(Set<DsnNotify> notifyOn) {
        return new RcptOptions(notifyOn, originalRecipient);
    }

    public RcptOptions withOriginalRecipient(OriginalRecipient originalRecipient) {
        return new RcptOptions(notifyOn, Optional.of(originalRecipient));
    }

    /** RFC 3461 §4.1: "NEVER" or a comma-separated list of SUCCESS, FAILURE, DELAY. */
    private static Set<DsnNotify> parseNotify(String text) {
        Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        int start = 0;
        while (true) {
            int comma = text.indexOf(',', start);
            int end = comma < 0 ? text.length() : comma;
            if (end == start) {
                throw ParameterException.invalid("NOTIFY", "empty element in list");
            }
            String element = text.substring(start, end);
            DsnNotify value = DsnNotify.ofWireName(element).orElseThrow(
                    () -> ParameterException.invalid("NOTIFY", "unknown value " + Syntax.quote(element)));
            if (!notify.add(value)) {
                throw ParameterException.invalid("NOTIFY", value + " given more than once");
            }
            if (comma < 0) {
                return notify;
            }
            start = comma + 1;
        }
    }
}
