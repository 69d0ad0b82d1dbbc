package dev.mailwright.smtp.outbound.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Host names against certificate names and MTA-STS {@code mx} patterns: exact, case-insensitive,
 * or with a wildcard standing for exactly one whole left-most label (RFC 6125 §6.4.3 as RFC 8461
 * §4.1 and RFC 7672 §3.2.3 restrict it).
 */
public final class HostnameMatcher {

    private HostnameMatcher() {
    }

    /** Whether {@code pattern} (a name, or {@code *.} and a name) covers {@code host}. */
    public static boolean matches(String pattern, String host) {
        String p = normalise(pattern);
        String h = normalise(host);
        if (p.isEmpty() || h.isEmpty()) {
            return false;
        }
        if (p.startsWith("*.")) {
            String suffix = p.substring(1);
            int dot = h.indexOf('.');
            // The wildcard takes exactly one label, and never a whole public suffix like *.com.
            return dot > 0 && h.substring(dot).equals(suffix) && suffix.indexOf('.', 1) > 0;
        }
        return p.indexOf('*') < 0 && p.equals(h);
    }

    /**
     * The DNS names a server certificate presents: its subjectAltName dNSName entries, or, only when
     * {@code commonNameFallback} is set and it has none, the subject's common name.
     */
    public static List<String> dnsNames(X509Certificate certificate, boolean commonNameFallback) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String name) {
                        names.add(name);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        if (names.isEmpty() && commonNameFallback) {
            try {
                for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString());
                    }
                }
            } catch (InvalidNameException e) {
                return List.of();
            }
        }
        return names;
    }

    /** Whether any name of {@code certificate} covers any of {@code hosts}. */
    public static boolean certificateMatches(X509Certificate certificate, List<String> hosts, boolean commonNameFallback) {
        for (String name : dnsNames(certificate, commonNameFallback)) {
            for (String host : hosts) {
                if (matches(name, host)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String normalise(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
}
