package dev.mailwright.core;

import java.net.InetAddress;

/**
 * The IP address forms of RFC 5321 §4.1.3 address literals, parsed by hand so that
 * nothing can ever trigger a DNS lookup, and written back in one canonical form
 * (RFC 5952 for IPv6) so that equal addresses compare equal.
 */
public final class IpLiteral {

    private IpLiteral() {
    }

    /** {@code Snum 3("." Snum)}, each Snum 1 to 3 digits up to 255; null when malformed. */
    static byte[] parseIpv4(String s) {
        byte[] address = new byte[4];
        int i = 0;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (i >= s.length() || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < s.length() && i - start < 4 && Syntax.isDigit(s.charAt(i))) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || i - start > 3 || value > 255) {
                return null;
            }
            address[part] = (byte) value;
        }
        return i == s.length() ? address : null;
    }

    /**
     * RFC 5321 IPv6-addr (full, compressed, and both with a trailing IPv4 part); null when
     * malformed. As RFC 5321 says, "::" stands for at least two groups of zeros, so at
     * most six groups (four before an IPv4 part) may be written beside it.
     */
    static byte[] parseIpv6(String s) {
        if (s.length() < 2 || s.length() > 45) {
            return null;
        }
        int lastColon = s.lastIndexOf(':');
        if (lastColon < 0) {
            return null;
        }
        byte[] ipv4 = null;
        String hex = s;
        if (s.indexOf('.', lastColon) >= 0) {
            ipv4 = parseIpv4(s.substring(lastColon + 1));
            if (ipv4 == null) {
                return null;
            }
            // Keep a "::" just before the IPv4 part; drop a single ':' that only separates it.
            boolean compressed = lastColon > 0 && s.charAt(lastColon - 1) == ':';
            hex = s.substring(0, compressed ? lastColon + 1 : lastColon);
        }
        int groupsWanted = ipv4 == null ? 8 : 6;
        int[] groups = new int[8];
        int compress = hex.indexOf("::");
        int count;
        if (compress < 0) {
            count = parseGroups(hex, groups);
            if (count != groupsWanted) {
                return null;
            }
        } else {
            if (hex.indexOf("::", compress + 1) >= 0) {
                return null;
            }
            int[] tail = new int[8];
            int head = parseGroups(hex.substring(0, compress), groups);
            int tailCount = parseGroups(hex.substring(compress + 2), tail);
            if (head < 0 || tailCount < 0 || head + tailCount > groupsWanted - 2) {
                return null;
            }
            System.arraycopy(tail, 0, groups, groupsWanted - tailCount, tailCount);
            count = groupsWanted;
        }
        byte[] address = new byte[16];
        for (int g = 0; g < count; g++) {
            address[2 * g] = (byte) (groups[g] >> 8);
            address[2 * g + 1] = (byte) groups[g];
        }
        if (ipv4 != null) {
            System.arraycopy(ipv4, 0, address, 12, 4);
        }
        return address;
    }

    /** Colon-separated groups of 1 to 4 hex digits; the count, or -1 when malformed. */
    private static int parseGroups(String s, int[] into) {
        if (s.isEmpty()) {
            return 0;
        }
        int count = 0;
        int i = 0;
        while (true) {
            int begin = i;
            int value = 0;
            while (i < s.length() && i - begin < 5 && Syntax.isHexDigit(s.charAt(i))) {
                value = (value << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i == begin || i - begin > 4 || count == 8) {
                return -1;
            }
            into[count++] = value;
            if (i == s.length()) {
                return count;
            }
            if (s.charAt(i) != ':') {
                return -1;
            }
            i++;
        }
    }

    /**
     * An address in its one canonical text form, without any name lookup: dotted decimal for
     * IPv4, and for IPv6 the form RFC 5952 §4 recommends (lower case, the longest run of zero
     * groups as "::").
     */
    public static String format(InetAddress address) {
        byte[] octets = address.getAddress();
        return octets.length == 4 ? formatIpv4(octets) : formatIpv6(octets);
    }

    static String formatIpv4(byte[] a) {
        return (a[0] & 0xFF) + "." + (a[1] & 0xFF) + "." + (a[2] & 0xFF) + "." + (a[3] & 0xFF);
    }

    /** RFC 5952 §4: lower case, no leading zeros, the longest run of two or more zero groups as "::". */
    static String formatIpv6(byte[] a) {
        int[] groups = new int[8];
        for (int g = 0; g < 8; g++) {
            groups[g] = ((a[2 * g] & 0xFF) << 8) | (a[2 * g + 1] & 0xFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int g = 0; g < 8; ) {
            if (groups[g] != 0) {
                g++;
                continue;
            }
            int end = g;
            while (end < 8 && groups[end] == 0) {
                end++;
            }
            if (end - g > bestLength) {
                bestStart = g;
                bestLength = end - g;
            }
            g = end;
        }
        StringBuilder out = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                out.append("::");
                g += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[g]));
        }
        return out.toString();
    }
}
