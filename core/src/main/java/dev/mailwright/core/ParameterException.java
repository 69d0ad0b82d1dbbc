package dev.mailwright.core;

import java.util.Optional;

/**
 * A MAIL or RCPT parameter that is malformed, or that this server does not support. The
 * message is one line naming the parameter ({@code "SIZE: not a number"},
 * {@code "unsupported parameter FOO"}) and never contains control characters.
 *
 * <p>{@link #isUnsupported()} tells the two apart: RFC 5321 §4.1.1.11 answers a
 * parameter that is not recognised or not implemented with 555, a malformed one with 501.
 */
public final class ParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final boolean unsupported;

    private ParameterException(String parameter, String message, boolean unsupported) {
        super(message);
        this.parameter = parameter;
        this.unsupported = unsupported;
    }

    /** A parameter whose value (or presence of a value) is wrong: {@code "KEYWORD: problem"}. */
    public static ParameterException invalid(String keyword, String problem) {
        return new ParameterException(keyword, keyword + ": " + problem, false);
    }

    /** A well-formed parameter this server does not recognise or has not enabled. */
    public static ParameterException unsupported(String keyword) {
        return new ParameterException(keyword, "unsupported parameter " + keyword, true);
    }

    /** A well-formed parameter value this server does not recognise or has not enabled. */
    public static ParameterException unsupportedValue(String keyword, String problem) {
        return new ParameterException(keyword, keyword + ": " + problem, true);
    }

    /** A problem with the parameter list as a whole, not with one parameter. */
    public static ParameterException syntax(String problem) {
        return new ParameterException(null, "parameters: " + problem, false);
    }

    /** The keyword of the parameter at fault, upper case; empty for list-wide problems. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    /** True for "not recognised or not implemented" (555), false for "malformed" (501). */
    public boolean isUnsupported() {
        return unsupported;
    }
}
