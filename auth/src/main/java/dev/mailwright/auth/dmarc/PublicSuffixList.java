package dev.mailwright.auth.dmarc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Public Suffix List (publicsuffix.org), used to find a domain's organizational domain
 * (RFC 7489 §3.2). A copy is bundled (see {@code src/main/resources/.../README}); a newer list can
 * be loaded from a file. Both the ICANN and the private sections are used, as RFC 7489 does not
 * tell them apart. Immutable and thread-safe.
 */
public final class PublicSuffixList {

    private static final String RESOURCE = "public_suffix_list.dat";
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private final Set<String> rules;
    private final Set<String> wildcards;
    private final Set<String> exceptions;

    private PublicSuffixList(Set<String> rules, Set<String> wildcards, Set<String> exceptions) {
        this.rules = Set.copyOf(rules);
        this.wildcards = Set.copyOf(wildcards);
        this.exceptions = Set.copyOf(exceptions);
    }

    /** The list bundled with this library. */
    public static PublicSuffixList bundled() {
        try (InputStream in = PublicSuffixList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled public suffix list", e);
        }
    }

    /**
     * A list read from a file in the publicsuffix.org format, to use a fresher copy than the bundled one.
     *
     * @throws UncheckedIOException     if the file cannot be read
     * @throws IllegalArgumentException if it is too large or holds no rules
     */
    public static PublicSuffixList fromFile(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new IllegalArgumentException(file + ": larger than " + MAX_BYTES + " octets for a suffix list");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return read(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read public suffix list " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    private static PublicSuffixList read(InputStream in) throws IOException {
        Set<String> rules = new HashSet<>();
        Set<String> wildcards = new HashSet<>();
        Set<String> exceptions = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("//")) {
                continue;
            }
            int space = indexOfWhitespace(line);
            String rule = space < 0 ? line : line.substring(0, space);
            if (rule.startsWith("!")) {
                exceptions.add(ascii(rule.substring(1)));
            } else if (rule.startsWith("*.")) {
                wildcards.add(ascii(rule.substring(2)));
            } else {
                rules.add(ascii(rule));
            }
        }
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("no public suffix rules");
        }
        return new PublicSuffixList(rules, wildcards, exceptions);
    }

    private static int indexOfWhitespace(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (Character.isWhitespace(line.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String ascii(String name) {
        try {
            return IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** The public suffix of {@code domain} (lower case, no trailing dot): {@code co.uk} for {@code a.b.co.uk}. */
    public String publicSuffix(String domain) {
        String name = normalize(domain);
        String suffix = name;
        while (true) {
            int dot = suffix.indexOf('.');
            String parent = dot < 0 ? null : suffix.substring(dot + 1);
            if (exceptions.contains(suffix)) {
                return parent == null ? suffix : parent;
            }
            if (rules.contains(suffix) || (parent != null && wildcards.contains(parent))) {
                return suffix;
            }
            if (parent == null) {
                // The implicit rule "*": the last label is a public suffix.
                return suffix;
            }
            suffix = parent;
        }
    }

    /**
     * The organizational domain (RFC 7489 §3.2): the public suffix plus one label. A domain that is
     * itself a public suffix is its own organizational domain.
     */
    public String organizationalDomain(String domain) {
        String name = normalize(domain);
        String suffix = publicSuffix(name);
        if (name.length() == suffix.length()) {
            return name;
        }
        String rest = name.substring(0, name.length() - suffix.length() - 1);
        int dot = rest.lastIndexOf('.');
        return rest.substring(dot + 1) + "." + suffix;
    }

    private static String normalize(String domain) {
        String name = ascii(domain);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @Override
    public String toString() {
        return "PublicSuffixList[" + (rules.size() + wildcards.size() + exceptions.size()) + " rules]";
    }
}
