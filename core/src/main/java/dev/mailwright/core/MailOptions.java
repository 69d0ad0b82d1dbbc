package dev.mailwright.core;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The ESMTP parameters of a MAIL command, typed: SIZE (RFC 1870), BODY (RFC 6152,
 * RFC 3030), SMTPUTF8 (RFC 6531), RET and ENVID (RFC 3461), REQUIRETLS (RFC 8689) and
 * AUTH (RFC 4954 §5). A new parameter becomes a new component here, never a new method
 * argument. Immutable; change a copy with the {@code with...} methods.
 *
 * @param size the declared message size in octets, if given
 * @param body the body type; {@link BodyType#SEVEN_BIT} when BODY is absent
 * @param smtpUtf8 whether SMTPUTF8 was given
 * @param ret how much of the message a DSN returns, if given
 * @param envelopeId the decoded ENVID: printable ASCII, at most 100 characters as xtext
 * @param requireTls whether REQUIRETLS was given
 * @param authIdentity the decoded AUTH= mailbox, as given (its trust is the server's
 *     call); the empty string for {@code AUTH=<>}
 */
public record MailOptions(
        OptionalLong size,
        BodyType body,
        boolean smtpUtf8,
        Optional<DsnReturn> ret,
        Optional<String> envelopeId,
        boolean requireTls,
        Optional<String> authIdentity) {

    /** RFC 3461 §4.4: at most 100 characters of xtext. */
    public static final int MAX_ENVELOPE_ID_LENGTH = 100;
    /** A mailbox never needs more than a path holds. */
    public static final int MAX_AUTH_IDENTITY_OCTETS = MailAddress.MAX_PATH_OCTETS;

    /** No parameters at all. */
    public static final MailOptions NONE = new MailOptions(OptionalLong.empty(), BodyType.SEVEN_BIT, false,
            Optional.empty(), Optional.empty(), false, Optional.empty());

    /**
     * Validates every component.
     *
     * @throws ParameterException naming the parameter whose value is not valid
     */
    public MailOptions {
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(ret, "ret");
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(authIdentity, "authIdentity");
        if (size.isPresent() && size.getAsLong() < 0) {
            throw ParameterException.invalid("SIZE", "negative");
        }
        envelopeId.ifPresent(MailOptions::checkEnvelopeId);
        authIdentity.ifPresent(MailOptions::checkAuthIdentity);
    }

    /**
     * Reads the parameters of a MAIL command.
     *
     * @param parameters the parsed parameters
     * @param enabled the extensions the server advertised; a parameter of any other
     *     extension is refused as unsupported
     * @throws ParameterException naming the parameter that is malformed or unsupported
     */
    public static MailOptions fromParameters(EsmtpParameters parameters, Set<EsmtpExtension> enabled) {
        OptionalLong size = OptionalLong.empty();
        BodyType body = BodyType.SEVEN_BIT;
        boolean smtpUtf8 = false;
        Optional<DsnReturn> ret = Optional.empty();
        Optional<String> envelopeId = Optional.empty();
        boolean requireTls = false;
        Optional<String> authIdentity = Optional.empty();
        for (Map.Entry<String, Optional<String>> parameter : parameters.asMap().entrySet()) {
            String keyword = parameter.getKey();
            Optional<String> value = parameter.getValue();
            switch (keyword) {
                case "SIZE" -> {
                    requireEnabled(keyword, enabled, EsmtpExtension.SIZE);
                    size = OptionalLong.of(parseSize(requireValue(keyword, value)));
                }
                case "BODY" -> body = parseBody(requireValue(keyword, value), enabled);
                case "SMTPUTF8" -> {
                    requireEnabled(keyword, enabled, EsmtpExtension.SMTPUTF8);
                    requireNoValue(keyword, value);
                    smtpUtf8 = true;
                }
                case "RET" -> {
                    requireEnabled(keyword, enabled, EsmtpExtension.DSN);
                    String text = requireValue(keyword, value);
                    ret = Optional.of(DsnReturn.ofWireName(text).orElseThrow(
                            () -> ParameterException.invalid(keyword, "unknown value " + Syntax.quote(text))));
                }
                case "ENVID" -> {
                    requireEnabled(keyword, enabled, EsmtpExtension.DSN);
                    String text = requireValue(keyword, value);
                    if (text.length() > MAX_ENVELOPE_ID_LENGTH) {
                        throw ParameterException.invalid(keyword, "longer than " + MAX_ENVELOPE_ID_LENGTH + " characters");
                    }
                    envelopeId = Optional.of(decodeXText(keyword, text));
                }
                case "REQUIRETLS" -> {
                    requireEnabled(keyword, enabled, EsmtpExtension.REQUIRETLS);
                    requireNoValue(keyword, value);
                    requireTls = true;
                }
                case "AUTH" -> {
                    requireEnabled(keyword, enabled, EsmtpExtension.AUTH);
                    String decoded = decodeXText(keyword, requireValue(keyword, value));
                    authIdentity = Optional.of(decoded.equals("<>") ? "" : decoded);
                }
                default -> throw ParameterException.unsupported(keyword);
            }
        }
        return new MailOptions(size, body, smtpUtf8, ret, envelopeId, requireTls, authIdentity);
    }

    /** These options as MAIL parameters, for an SMTP client; BODY=7BIT is left out as implied. */
    public EsmtpParameters toParameters() {
        EsmtpParameters.Builder parameters = EsmtpParameters.builder();
        size.ifPresent(s -> parameters.add("SIZE", Long.toString(s)));
        if (body != BodyType.SEVEN_BIT) {
            parameters.add("BODY", body.wireName());
        }
        if (smtpUtf8) {
            parameters.add("SMTPUTF8");
        }
        ret.ifPresent(r -> parameters.add("RET", r.name()));
        envelopeId.ifPresent(id -> parameters.add("ENVID", XText.encode(id)));
        if (requireTls) {
            parameters.add("REQUIRETLS");
        }
        authIdentity.ifPresent(a -> parameters.add("AUTH", XText.encode(a.isEmpty() ? "<>" : a)));
        return parameters.build();
    }

    public MailOptions withSize(long size) {
        return new MailOptions(OptionalLong.of(size), body, smtpUtf8, ret, envelopeId, requireTls, authIdentity);
    }

    public MailOptions withBody(BodyType body) {
        return new MailOptions(size, body, smtpUtf8, ret, envelopeId, requireTls, authIdentity);
    }

    public MailOptions withSmtpUtf8(boolean smtpUtf8) {
        return new MailOptions(size, body, smtpUtf8, ret, envelopeId, requireTls, authIdentity);
    }

    public MailOptions withRet(DsnReturn ret) {
        return new MailOptions(size, body, smtpUtf8, Optional.of(ret), envelopeId, requireTls, authIdentity);
    }

    public MailOptions withEnvelopeId(String envelopeId) {
        return new MailOptions(size, body, smtpUtf8, ret, Optional.of(envelopeId), requireTls, authIdentity);
    }

    public MailOptions withRequireTls(boolean requireTls) {
        return new MailOptions(size, body, smtpUtf8, ret, envelopeId, requireTls, authIdentity);
    }

    /** The AUTH= identity; the empty string stands for {@code <>}. */
    public MailOptions withAuthIdentity(String authIdentity) {
        return new MailOptions(size, body, smtpUtf8, ret, envelopeId, requireTls, Optional.of(authIdentity));
    }

    /**
     * RFC 1870 size-value = 1*20DIGIT. Twenty digits can exceed a long; such a size is
     * reported as {@link Long#MAX_VALUE}, which any size limit then refuses with 552
     * rather than a syntax error.
     */
    private static long parseSize(String text) {
        if (!text.chars().allMatch(Syntax::isDigit)) {
            throw ParameterException.invalid("SIZE", "not a number");
        }
        if (text.length() > 20) {
            throw ParameterException.invalid("SIZE", "more than 20 digits");
        }
        long size = 0;
        for (int i = 0; i < text.length(); i++) {
            int digit = text.charAt(i) - '0';
            if (size > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            size = size * 10 + digit;
        }
        return size;
    }

    private static BodyType parseBody(String text, Set<EsmtpExtension> enabled) {
        if (!enabled.contains(EsmtpExtension.EIGHT_BIT_MIME) && !enabled.contains(EsmtpExtension.BINARY_MIME)) {
            throw ParameterException.unsupported("BODY");
        }
        BodyType body = BodyType.ofWireName(text).orElseThrow(
                () -> ParameterException.unsupportedValue("BODY", "unknown value " + Syntax.quote(text)));
        if (body == BodyType.EIGHT_BIT_MIME && !enabled.contains(EsmtpExtension.EIGHT_BIT_MIME)
                || body == BodyType.BINARY_MIME && !enabled.contains(EsmtpExtension.BINARY_MIME)) {
            throw ParameterException.unsupportedValue("BODY", body.wireName() + " not supported");
        }
        return body;
    }

    private static void checkEnvelopeId(String id) {
        if (id.isEmpty()) {
            throw ParameterException.invalid("ENVID", "empty");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw ParameterException.invalid("ENVID", "character " + Syntax.describe(c) + " is not printable ASCII");
            }
        }
        if (XText.encode(id).length() > MAX_ENVELOPE_ID_LENGTH) {
            throw ParameterException.invalid("ENVID", "longer than " + MAX_ENVELOPE_ID_LENGTH + " characters as xtext");
        }
    }

    private static void checkAuthIdentity(String identity) {
        if (Syntax.utf8Length(identity) > MAX_AUTH_IDENTITY_OCTETS) {
            throw ParameterException.invalid("AUTH", "longer than " + MAX_AUTH_IDENTITY_OCTETS + " octets");
        }
        for (int i = 0; i < identity.length(); ) {
            int cp = identity.codePointAt(i);
            if (cp < 0x80 ? cp < 0x20 || cp == 0x7F : !Syntax.isAllowedNonAscii(cp)) {
                throw ParameterException.invalid("AUTH", "invalid character " + Syntax.describe(cp));
            }
            i += Character.charCount(cp);
        }
    }

    static void requireEnabled(String keyword, Set<EsmtpExtension> enabled, EsmtpExtension extension) {
        if (!enabled.contains(extension)) {
            throw ParameterException.unsupported(keyword);
        }
    }

    static String requireValue(String keyword, Optional<String> value) {
        return value.orElseThrow(() -> ParameterException.invalid(keyword, "value required"));
    }

    private static void requireNoValue(String keyword, Optional<String> value) {
        if (value.isPresent()) {
            throw ParameterException.invalid(keyword, "takes no value");
        }
    }

    static String decodeXText(String keyword, String text) {
        try {
            return XText.decode(text);
        } catch (IllegalArgumentException e) {
            throw ParameterException.invalid(keyword, e.getMessage());
        }
    }
}
