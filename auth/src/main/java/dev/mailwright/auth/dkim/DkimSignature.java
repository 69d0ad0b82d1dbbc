package dev.mailwright.auth.dkim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The tags of one DKIM-Signature field (RFC 6376 §3.5), checked for everything that can be
 * checked without the key: required tags, known algorithm and canonicalisation, From among the
 * signed fields, the identity inside the signing domain, expiry after the timestamp.
 *
 * @param algorithm         {@code a=}
 * @param signature         {@code b=}, decoded
 * @param bodyHash          {@code bh=}, decoded
 * @param headerCanon       the header half of {@code c=}
 * @param bodyCanon         the body half of {@code c=}
 * @param domain            {@code d=}, lower case
 * @param signedHeaders     {@code h=}, lower case, in order
 * @param identity          {@code i=}, or {@code @d} when absent
 * @param bodyLength        {@code l=}, or -1 when absent
 * @param selector          {@code s=}
 * @param timestamp         {@code t=} in seconds, or -1
 * @param expiration        {@code x=} in seconds, or -1
 */
record DkimSignature(DkimAlgorithm algorithm, byte[] signature, byte[] bodyHash, Canonicalization headerCanon,
        Canonicalization bodyCanon, String domain, List<String> signedHeaders, String identity, long bodyLength,
        String selector, long timestamp, long expiration) {

    /** Compiled once: String.matches would compile the pattern for every signature. */
    private static final Pattern DOTLESS_DOMAIN = Pattern.compile("[a-z0-9-]+");

    /** Tags as they are partly known, for reporting when the whole signature does not parse. */
    record Partial(String domain, String selector, String algorithm) {
    }

    static Partial partial(String value) {
        try {
            Map<String, String> tags = TagList.parse(value);
            return new Partial(TagList.lower(tags.getOrDefault("d", "")), tags.getOrDefault("s", ""),
                    TagList.lower(tags.getOrDefault("a", "")));
        } catch (DkimSyntaxException e) {
            return new Partial("", "", "");
        }
    }

    static DkimSignature parse(String value) throws DkimSyntaxException {
        Map<String, String> tags = TagList.parse(value);
        for (String required : new String[] {"v", "a", "b", "bh", "d", "h", "s"}) {
            if (!tags.containsKey(required)) {
                throw new DkimSyntaxException("missing " + required + "= tag");
            }
        }
        if (!tags.get("v").equals("1")) {
            throw new DkimSyntaxException("unsupported version v=" + tags.get("v"));
        }
        DkimAlgorithm algorithm = DkimAlgorithm.fromTag(tags.get("a"));
        if (algorithm == null) {
            throw new DkimSyntaxException("unknown algorithm a=" + tags.get("a"));
        }
        byte[] signature = base64(tags.get("b"), "b");
        byte[] bodyHash = base64(tags.get("bh"), "bh");
        if (signature.length == 0 || bodyHash.length == 0) {
            throw new DkimSyntaxException("empty b= or bh= tag");
        }
        Canonicalization headerCanon = Canonicalization.SIMPLE;
        Canonicalization bodyCanon = Canonicalization.SIMPLE;
        String c = tags.get("c");
        if (c != null) {
            int slash = c.indexOf('/');
            headerCanon = Canonicalization.fromTag(slash < 0 ? c : c.substring(0, slash));
            bodyCanon = slash < 0 ? Canonicalization.SIMPLE : Canonicalization.fromTag(c.substring(slash + 1));
            if (headerCanon == null || bodyCanon == null) {
                throw new DkimSyntaxException("unknown canonicalization c=" + c);
            }
        }
        String domain = stripDot(TagList.lower(tags.get("d")));
        if (domain.isEmpty() || domain.indexOf('.') < 0 && !DOTLESS_DOMAIN.matcher(domain).matches()) {
            throw new DkimSyntaxException("invalid d=" + tags.get("d"));
        }
        List<String> signedHeaders = signedHeaders(tags.get("h"));
        if (!signedHeaders.contains("from")) {
            throw new DkimSyntaxException("h= does not include From");
        }
        String identity = tags.get("i");
        if (identity == null) {
            identity = "@" + domain;
        }
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            throw new DkimSyntaxException("i= has no '@'");
        }
        String identityDomain = stripDot(TagList.lower(identity.substring(at + 1)));
        if (!identityDomain.equals(domain) && !identityDomain.endsWith("." + domain)) {
            throw new DkimSyntaxException("i= domain " + identityDomain + " is not within d=" + domain);
        }
        long bodyLength = tags.containsKey("l") ? number(tags.get("l"), "l") : -1;
        String selector = tags.get("s");
        if (!isSelector(selector)) {
            throw new DkimSyntaxException("invalid s=" + selector);
        }
        String q = tags.get("q");
        if (q != null && !List.of(TagList.lower(TagList.removeWhitespace(q)).split(":")).contains("dns/txt")) {
            throw new DkimSyntaxException("unsupported query method q=" + q);
        }
        long timestamp = tags.containsKey("t") ? number(tags.get("t"), "t") : -1;
        long expiration = tags.containsKey("x") ? number(tags.get("x"), "x") : -1;
        if (timestamp >= 0 && expiration >= 0 && expiration <= timestamp) {
            throw new DkimSyntaxException("x= is not after t=");
        }
        return new DkimSignature(algorithm, signature, bodyHash, headerCanon, bodyCanon, domain,
                List.copyOf(signedHeaders), identity, bodyLength, selector.toLowerCase(Locale.ROOT), timestamp,
                expiration);
    }

    /** {@code h=}: the names in order, lower case. */
    private static List<String> signedHeaders(String value) throws DkimSyntaxException {
        char[] chars = value.toCharArray();
        int length = 0;
        boolean ascii = true;
        for (char c : chars) {
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
                chars[length++] = c;
                ascii &= c < 0x80;
            }
        }
        if (ascii) {
            // Field names are ASCII, where lower-casing needs no context and can be done at once.
            for (int i = 0; i < length; i++) {
                if (chars[i] >= 'A' && chars[i] <= 'Z') {
                    chars[i] += 'a' - 'A';
                }
            }
        }
        String names = new String(chars, 0, length);
        List<String> signedHeaders = new ArrayList<>();
        int start = 0;
        while (true) {
            int colon = names.indexOf(':', start);
            int end = colon < 0 ? names.length() : colon;
            if (end == start) {
                throw new DkimSyntaxException("empty field name in h=");
            }
            String name = names.substring(start, end);
            signedHeaders.add(ascii ? name : TagList.lower(name));
            if (colon < 0) {
                return signedHeaders;
            }
            start = colon + 1;
        }
    }

    private static byte[] base64(String value, String tag) throws DkimSyntaxException {
        try {
            return TagList.base64(value);
        } catch (IllegalArgumentException e) {
            throw new DkimSyntaxException(tag + "= is not valid base64");
        }
    }

    private static long number(String value, String tag) throws DkimSyntaxException {
        if (value.isEmpty() || value.length() > 76 || !isDigits(value)) {
            throw new DkimSyntaxException("invalid " + tag + "=" + value);
        }
        // Up to 76 digits are allowed; anything past a long is effectively unlimited.
        return value.length() > 18 ? Long.MAX_VALUE : Long.parseLong(value);
    }

    /** {@code [A-Za-z0-9_.-]+}, checked without a regex as it is for every signature. */
    private static boolean isSelector(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static String stripDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
