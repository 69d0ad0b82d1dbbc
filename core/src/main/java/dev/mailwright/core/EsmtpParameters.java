package dev.mailwright.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a MAIL or RCPT command ({@code SIZE=1000 BODY=8BITMIME}), RFC 5321
 * §4.1.2 {@code esmtp-param *(SP esmtp-param)}: an ordered map from keyword to an optional
 * value. Keywords are case-insensitive and kept in upper case; values keep their case.
 * Immutable.
 *
 * <p>Only the generic syntax is checked here (esmtp-keyword, esmtp-value with the UTF-8 of
 * RFC 6531, no duplicates); what each parameter means is {@link MailOptions} and
 * {@link RcptOptions}. Parameters may be separated by more than one space.
 */
public final class EsmtpParameters {

    /** More parameters than any real command needs; a longer list is refused. */
    public static final int MAX_PARAMETERS = 32;
    /** The longest parameter text accepted, in characters. */
    public static final int MAX_LENGTH = 2048;

    public static final EsmtpParameters NONE = new EsmtpParameters(Map.of());

    private final Map<String, Optional<String>> parameters;

    private EsmtpParameters(Map<String, Optional<String>> parameters) {
        this.parameters = parameters;
    }

    /**
     * Parses the text after the path of a MAIL or RCPT command; empty text gives
     * {@link #NONE}.
     *
     * @throws ParameterException naming the parameter at fault
     */
    public static EsmtpParameters parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.length() > MAX_LENGTH) {
            throw ParameterException.syntax("longer than " + MAX_LENGTH + " characters");
        }
        Builder builder = new Builder();
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == ' ') {
                i++;
                continue;
            }
            int end = text.indexOf(' ', i);
            if (end < 0) {
                end = text.length();
            }
            int equals = text.indexOf('=', i);
            if (equals < 0 || equals > end) {
                builder.add(text.substring(i, end));
            } else {
                builder.add(text.substring(i, equals), text.substring(equals + 1, end));
            }
            i = end;
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean isEmpty() {
        return parameters.isEmpty();
    }

    public int size() {
        return parameters.size();
    }

    /** Whether the parameter is present, with or without a value. */
    public boolean contains(String keyword) {
        return parameters.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    /** The value of a parameter; empty when the parameter is absent or has no value. */
    public Optional<String> value(String keyword) {
        return parameters.getOrDefault(keyword.toUpperCase(Locale.ROOT), Optional.empty());
    }

    /** The keywords in the order given, upper case. */
    public Set<String> keywords() {
        return parameters.keySet();
    }

    /** Keyword (upper case) to value, in the order given; unmodifiable. */
    public Map<String, Optional<String>> asMap() {
        return parameters;
    }

    /** The wire form: {@code KEYWORD[=value]} separated by single spaces; empty for none. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        parameters.forEach((keyword, value) -> {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(keyword);
            value.ifPresent(v -> out.append('=').append(v));
        });
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EsmtpParameters other && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    /** Collects parameters, validating each as it is added. Not thread-safe. */
    public static final class Builder {

        private final Map<String, Optional<String>> parameters = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a parameter without a value ({@code SMTPUTF8}).
         *
         * @throws ParameterException if the keyword is malformed or already present
         */
        public Builder add(String keyword) {
            return put(keyword, Optional.empty());
        }

        /**
         * Adds a parameter with a value ({@code SIZE=1000}).
         *
         * @throws ParameterException if the keyword or value is malformed or the keyword
         *     is already present
         */
        public Builder add(String keyword, String value) {
            return put(keyword, Optional.of(value));
        }

        private Builder put(String keyword, Optional<String> value) {
            String key = checkKeyword(keyword);
            value.ifPresent(v -> checkValue(key, v));
            if (parameters.containsKey(key)) {
                throw ParameterException.invalid(key, "given more than once");
            }
            if (parameters.size() == MAX_PARAMETERS) {
                throw ParameterException.syntax("more than " + MAX_PARAMETERS);
            }
            parameters.put(key, value);
            return this;
        }

        public EsmtpParameters build() {
            return parameters.isEmpty() ? NONE
                    : new EsmtpParameters(Collections.unmodifiableMap(new LinkedHashMap<>(parameters)));
        }

        /** esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-"); returns it in upper case. */
        private static String checkKeyword(String keyword) {
            Objects.requireNonNull(keyword, "keyword");
            if (keyword.isEmpty()) {
                throw ParameterException.syntax("empty keyword");
            }
            for (int i = 0; i < keyword.length(); i++) {
                char c = keyword.charAt(i);
                if (!Syntax.isAsciiLetterOrDigit(c) && (c != '-' || i == 0)) {
                    throw ParameterException.syntax("invalid keyword " + Syntax.quote(keyword));
                }
            }
            return keyword.toUpperCase(Locale.ROOT);
        }

        /** esmtp-value = 1*(%d33-60 / %d62-126), plus UTF8-non-ascii (RFC 6531 §3.3). */
        private static void checkValue(String keyword, String value) {
            Objects.requireNonNull(value, "value");
            if (value.isEmpty()) {
                throw ParameterException.invalid(keyword, "empty value after '='");
            }
            for (int i = 0; i < value.length(); ) {
                int cp = value.codePointAt(i);
                boolean ok = cp < 0x80 ? cp >= 33 && cp <= 126 && cp != '=' : Syntax.isAllowedNonAscii(cp);
                if (!ok) {
                    throw ParameterException.invalid(keyword, "invalid character " + Syntax.describe(cp) + " in value");
                }
                i += Character.charCount(cp);
            }
        }
    }
}
