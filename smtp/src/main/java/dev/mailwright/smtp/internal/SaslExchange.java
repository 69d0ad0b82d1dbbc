package dev.mailwright.smtp.internal;

import dev.mailwright.smtp.SmtpReply;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The server side of one SASL exchange started by AUTH (RFC 4954): it turns the client's
 * base64 responses into credentials, or into a refusal. The engine sends challenges as
 * {@code 334} lines and checks the credentials itself.
 */
abstract sealed class SaslExchange permits SaslExchange.Plain, SaslExchange.Login {

    /** The next step of an exchange. */
    sealed interface Step permits Challenge, Done, Failed {
    }

    /** Send {@code 334 <text>}: text is already base64 (or empty). */
    record Challenge(String text) implements Step {
    }

    /** The credentials are complete. */
    record Done(String authorizationId, String username, String password) implements Step {
    }

    /** The exchange ends with this reply. */
    record Failed(SmtpReply reply) implements Step {
    }

    static final SmtpReply CANCELLED = SmtpReply.of(501, "5.0.0", "authentication cancelled");
    static final SmtpReply BAD_BASE64 = SmtpReply.of(501, "5.5.2", "cannot decode response: not base64");
    static final SmtpReply MALFORMED = SmtpReply.of(501, "5.5.2", "malformed authentication response");

    /** The mechanisms offered, in the order advertised. */
    static final String MECHANISMS = "PLAIN LOGIN";

    /** A new exchange for a mechanism name (any case), or empty for an unknown mechanism. */
    static Optional<SaslExchange> forMechanism(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> Optional.of(new Plain());
            case "LOGIN" -> Optional.of(new Login());
            default -> Optional.empty();
        };
    }

    abstract String mechanism();

    /**
     * Starts the exchange.
     *
     * @param initialResponse the base64 text after the mechanism, {@code =} for an empty one, or
     *     empty when the client gave none
     */
    abstract Step start(Optional<String> initialResponse);

    /** The client's answer to a challenge, as the line it sent. */
    final Step respond(String line) {
        if (line.equals("*")) {
            return new Failed(CANCELLED);
        }
        return decode(line).map(this::next).orElseGet(() -> new Failed(BAD_BASE64));
    }

    abstract Step next(String decoded);

    /** Base64 to UTF-8 text, strictly: empty for anything malformed; {@code =} is the empty response. */
    static Optional<String> decode(String base64) {
        if (base64.equals("=")) {
            return Optional.of("");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return Optional.of(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException | CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4616: one message, {@code [authzid] NUL authcid NUL passwd}. */
    static final class Plain extends SaslExchange {

        @Override
        String mechanism() {
            return "PLAIN";
        }

        @Override
        Step start(Optional<String> initialResponse) {
            if (initialResponse.isEmpty()) {
                return new Challenge("");
            }
            return respond(initialResponse.get());
        }

        @Override
        Step next(String decoded) {
            int first = decoded.indexOf('\0');
            int second = first < 0 ? -1 : decoded.indexOf('\0', first + 1);
            if (second < 0 || decoded.indexOf('\0', second + 1) >= 0) {
                return new Failed(MALFORMED);
            }
            String authzid = decoded.substring(0, first);
            String authcid = decoded.substring(first + 1, second);
            String password = decoded.substring(second + 1);
            if (authcid.isEmpty() || password.isEmpty()) {
                return new Failed(MALFORMED);
            }
            return new Done(authzid, authcid, password);
        }
    }

    /**
     * The LOGIN mechanism (draft-murchison-sasl-login): user name and password in two
     * rounds; an initial response, where given, is the user name.
     */
    static final class Login extends SaslExchange {
        private static final String USERNAME = encode("Username:");
        private static final String PASSWORD = encode("Password:");
        private String username;

        @Override
        String mechanism() {
            return "LOGIN";
        }

        @Override
        Step start(Optional<String> initialResponse) {
            if (initialResponse.isEmpty()) {
                return new Challenge(USERNAME);
            }
            return respond(initialResponse.get());
        }

        @Override
        Step next(String decoded) {
            if (username == null) {
                if (decoded.isEmpty() || decoded.indexOf('\0') >= 0) {
                    return new Failed(MALFORMED);
                }
                username = decoded;
                return new Challenge(PASSWORD);
            }
            if (decoded.isEmpty() || decoded.indexOf('\0') >= 0) {
                return new Failed(MALFORMED);
            }
            return new Done("", username, decoded);
        }
    }
}
