package dev.mailwright.imap.internal.search;

import java.util.Locale;

/**
 * The base subject of RFC 5256 §2.1: the subject without reply and forward markers
 * ("Re:", "Fwd:", "[list] Re:", a trailing "(fwd)", a "[Fwd: ...]" wrapper), whitespace
 * folded, in upper case for comparison. SORT SUBJECT and THREAD compare these.
 */
public final class BaseSubject {

    private BaseSubject() {}

    /** The base subject of an already decoded Subject value; null counts as empty. */
    public static String of(String subject) {
        if (subject == null) {
            return "";
        }
        String s = subject.replaceAll("[\\t\\r\\n ]+", " ").strip();
        while (true) {
            // Step 2: trailing "(fwd)".
            String lower = s.toLowerCase(Locale.ROOT);
            while (lower.endsWith("(fwd)")) {
                s = s.substring(0, s.length() - 5).stripTrailing();
                lower = s.toLowerCase(Locale.ROOT);
            }
            // Steps 3 to 5: leaders and blobs, until nothing changes.
            String before;
            do {
                before = s;
                s = stripLeader(s);
                String noBlob = stripBlob(s);
                if (!noBlob.isEmpty()) {
                    s = noBlob;
                }
            } while (!s.equals(before));
            // Step 6: a "[fwd: ... ]" wrapper.
            if (s.length() >= 6 && s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1).strip();
                continue;
            }
            return s.toUpperCase(Locale.ROOT);
        }
    }

    /**
     * Whether extracting the base subject removed a reply or forward marker (RFC 5256
     * §2.1: "Re:", "Fwd:", a trailing "(fwd)" or a "[Fwd: ...]" wrapper), which THREAD
     * REFERENCES uses when merging threads by subject.
     */
    public static boolean isReplyOrForward(String subject) {
        String s = subject.replaceAll("[\\t\\r\\n ]+", " ").strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.endsWith("(fwd)") || lower.startsWith("[fwd:") && lower.endsWith("]")) {
            return true;
        }
        int p = 0;
        while (p < s.length()) {
            int after = blobEnd(s, p);
            if (after < 0) {
                break;
            }
            p = after;
        }
        return refwdEnd(s, p) >= 0;
    }

    /** Removes leading whitespace, or a subj-leader: *subj-blob subj-refwd. */
    private static String stripLeader(String s) {
        if (!s.isEmpty() && s.charAt(0) == ' ') {
            return s.stripLeading();
        }
        int p = 0;
        while (true) {
            int after = blobEnd(s, p);
            if (after < 0) {
                break;
            }
            p = after;
        }
        int refwd = refwdEnd(s, p);
        return refwd < 0 ? s : s.substring(refwd);
    }

    /** The end of "re" / "fw" / "fwd", optional WSP, optional blob, ":" at {@code p}; -1 if none. */
    private static int refwdEnd(String s, int p) {
        int q;
        if (s.regionMatches(true, p, "re", 0, 2)) {
            q = p + 2;
        } else if (s.regionMatches(true, p, "fwd", 0, 3)) {
            q = p + 3;
        } else if (s.regionMatches(true, p, "fw", 0, 2)) {
            q = p + 2;
        } else {
            return -1;
        }
        while (q < s.length() && s.charAt(q) == ' ') {
            q++;
        }
        int blob = blobEnd(s, q);
        if (blob >= 0) {
            q = blob;
        }
        return q < s.length() && s.charAt(q) == ':' ? q + 1 : -1;
    }

    /** The end of "[" *BLOBCHAR "]" *WSP at {@code p}; -1 if none. */
    private static int blobEnd(String s, int p) {
        if (p >= s.length() || s.charAt(p) != '[') {
            return -1;
        }
        int q = p + 1;
        while (q < s.length() && s.charAt(q) != ']' && s.charAt(q) != '[') {
            q++;
        }
        if (q >= s.length() || s.charAt(q) != ']') {
            return -1;
        }
        q++;
        while (q < s.length() && s.charAt(q) == ' ') {
            q++;
        }
        return q;
    }

    private static String stripBlob(String s) {
        int end = blobEnd(s, 0);
        return end < 0 ? s : s.substring(end);
    }
}
