package dev.mailwright.auth.dmarc;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A DMARC record (RFC 7489 §6.3) with the defaults of absent tags applied. Reporting tags are kept
 * as written; this module does not send reports.
 *
 * @param policy          {@code p=}
 * @param subdomainPolicy {@code sp=}, defaulting to {@code p=}
 * @param percent         {@code pct=}, 0 to 100, default 100
 * @param strictDkim      {@code adkim=s}
 * @param strictSpf       {@code aspf=s}
 * @param rua             {@code rua=}, empty when absent
 * @param ruf             {@code ruf=}, empty when absent
 */
record DmarcRecord(DmarcPolicy policy, DmarcPolicy subdomainPolicy, int percent, boolean strictDkim,
        boolean strictSpf, String rua, String ruf) {

    /** Whether a TXT record's text claims to be a DMARC record ({@code v=DMARC1} first). */
    static boolean isDmarcRecord(String text) {
        String start = text.stripLeading();
        if (!start.regionMatches(true, 0, "v", 0, 1)) {
            return false;
        }
        String rest = start.substring(1).stripLeading();
        if (!rest.startsWith("=")) {
            return false;
        }
        rest = rest.substring(1).stripLeading();
        return rest.startsWith("DMARC1") && (rest.length() == 6 || rest.charAt(6) == ';' || rest.charAt(6) == ' '
                || rest.charAt(6) == '\t');
    }

    /** Parses a record that {@link #isDmarcRecord} accepted; null if it is invalid and must be ignored. */
    static DmarcRecord parse(String text) {
        Map<String, String> tags = new HashMap<>();
        for (String spec : text.split(";")) {
            if (spec.isBlank()) {
                continue;
            }
            int equals = spec.indexOf('=');
            if (equals < 0) {
                return null;
            }
            String name = spec.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            tags.putIfAbsent(name, spec.substring(equals + 1).strip());
        }
        String rua = tags.getOrDefault("rua", "");
        DmarcPolicy policy = tags.containsKey("p") ? DmarcPolicy.fromKeyword(tags.get("p")) : null;
        if (policy == null) {
            // §6.6.3: a record with a valid rua but a missing or invalid p is read as p=none.
            if (rua.isEmpty() || !rua.toLowerCase(Locale.ROOT).contains("mailto:")) {
                return null;
            }
            policy = DmarcPolicy.NONE;
        }
        DmarcPolicy subdomainPolicy = policy;
        if (tags.containsKey("sp")) {
            subdomainPolicy = DmarcPolicy.fromKeyword(tags.get("sp"));
            if (subdomainPolicy == null) {
                subdomainPolicy = policy;
            }
        }
        int percent = 100;
        String pct = tags.get("pct");
        if (pct != null) {
            if (!pct.matches("[0-9]{1,3}") || Integer.parseInt(pct) > 100) {
                return null;
            }
            percent = Integer.parseInt(pct);
        }
        Boolean strictDkim = alignment(tags.get("adkim"));
        Boolean strictSpf = alignment(tags.get("aspf"));
        if (strictDkim == null || strictSpf == null) {
            return null;
        }
        return new DmarcRecord(policy, subdomainPolicy, percent, strictDkim, strictSpf, rua, tags.getOrDefault("ruf", ""));
    }

    private static Boolean alignment(String value) {
        if (value == null || value.equalsIgnoreCase("r")) {
            return false;
        }
        return value.equalsIgnoreCase("s") ? Boolean.TRUE : null;
    }
}
