package dev.mailwright.core.user;

import dev.mailwright.core.user.UserDirectoryException.Reason;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * The rule that turns what a user types into a canonical account name.
 *
 * <p>Normalisation: surrounding whitespace is removed; the local part (everything before the
 * single {@code @}, or the whole name when there is none) is put in Unicode NFC and lower-cased;
 * the domain has one trailing dot removed, its A-labels ({@code xn--}) converted to Unicode,
 * and is put in NFC and lower-cased. RFC 5321 §2.4 lets a server treat local parts as case
 * sensitive, but mail users expect {@code Alice@Example.org} to be {@code alice@example.org};
 * Postfix's virtual tables, Dovecot and maddy fold case too, and so do we.
 *
 * <p>Validation, on the result: at most {@value #MAX_BYTES} UTF-8 bytes overall and
 * {@value #MAX_LOCAL_PART_BYTES} in the local part (the RFC 5321 §4.5.3.1 limits); at most one
 * {@code @} with something on both sides; no empty domain label; no whitespace, control or
 * invisible formatting characters (which could hide one name behind another); no {@code :}
 * (it separates name and hash in the users file); no {@code /} or {@code \} and no local part
 * or domain {@code .} or {@code ..} (stores may use names as directory names); no leading
 * {@code #} (it starts a comment in the users file).
 */
public final class Usernames {

    /** Longest canonical name in UTF-8 bytes: a 64-byte local part, {@code @} and a 255-byte domain. */
    public static final int MAX_BYTES = 320;

    /** Longest local part in UTF-8 bytes. */
    public static final int MAX_LOCAL_PART_BYTES = 64;

    private Usernames() {
    }

    /**
     * The canonical form of {@code username}.
     *
     * @throws UserDirectoryException with reason {@code INVALID_USERNAME} naming the problem
     */
    public static String normalize(String username) {
        Objects.requireNonNull(username, "username");
        String problem = problemWithCharacters(username.strip());
        if (problem == null) {
            String canonical = canonicalForm(username.strip());
            problem = problemWithStructure(canonical);
            if (problem == null) {
                return canonical;
            }
        }
        throw new UserDirectoryException(Reason.INVALID_USERNAME,
                "invalid username \"" + printable(username) + "\": " + problem);
    }

    /** The canonical form of {@code username}, or {@code null} if it is not a valid name. */
    static String normalizeOrNull(String username) {
        String trimmed = username.strip();
        if (problemWithCharacters(trimmed) != null) {
            return null;
        }
        String canonical = canonicalForm(trimmed);
        return problemWithStructure(canonical) == null ? canonical : null;
    }

    /**
     * The canonical name for an address given as local part and domain, or {@code null} if it
     * is not a valid account name.
     */
    static String normalizeOrNull(String localPart, String domain) {
        if (localPart.indexOf('@') >= 0 || domain.indexOf('@') >= 0) {
            return null;
        }
        return normalizeOrNull(localPart + "@" + domain);
    }

    private static String problemWithCharacters(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.charAt(0) == '#') {
            return "starts with '#'";
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                return "contains whitespace";
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                return "contains a control or formatting character";
            }
            if (type == Character.SURROGATE) {
                return "contains an unpaired surrogate";
            }
            if (cp == ':') {
                return "contains ':'";
            }
            if (cp == '/' || cp == '\\') {
                return "contains a path separator";
            }
        }
        return null;
    }

    /** Lower-cased NFC local part and Unicode domain. */
    private static String canonicalForm(String name) {
        int at = name.indexOf('@');
        String local = fold(at < 0 ? name : name.substring(0, at));
        if (at < 0) {
            return local;
        }
        String domain = name.substring(at + 1);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        if (domain.toLowerCase(Locale.ROOT).contains("xn--")) {
            // Leaves a label it cannot decode as it is, so a malformed one stays distinct.
            domain = IDN.toUnicode(domain, IDN.ALLOW_UNASSIGNED);
        }
        return local + "@" + fold(domain);
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    private static String problemWithStructure(String name) {
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "longer than " + MAX_BYTES + " bytes";
        }
        int at = name.indexOf('@');
        String local = at < 0 ? name : name.substring(0, at);
        if (local.isEmpty()) {
            return "empty local part";
        }
        if (local.getBytes(StandardCharsets.UTF_8).length > MAX_LOCAL_PART_BYTES) {
            return "local part longer than " + MAX_LOCAL_PART_BYTES + " bytes";
        }
        if (local.equals(".") || local.equals("..")) {
            return "local part is '" + local + "'";
        }
        if (at < 0) {
            return null;
        }
        String domain = name.substring(at + 1);
        if (domain.indexOf('@') >= 0) {
            return "more than one '@'";
        }
        if (domain.isEmpty()) {
            return "empty domain";
        }
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "empty label in domain";
        }
        return null;
    }

    /** The name with control characters escaped and cut at 100 characters, safe for one-line messages. */
    static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            if (out.length() >= 100) {
                return out.append("...").toString();
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                out.append(String.format(Locale.ROOT, "\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
