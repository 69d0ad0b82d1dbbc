package dev.mailwright.auth.spf;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The address arithmetic and spellings SPF needs: strict parsing of record syntax (no leading
 * zeros, no host names), network matching, and the macro forms of an address.
 */
final class IpAddresses {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private IpAddresses() {
    }

    /**
     * The address SPF evaluates: an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4
     * address it carries, so that {@code ip4}, {@code a} and {@code mx} judge it as IPv4.
     */
    static InetAddress normalize(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] octets = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = octets[i] == 0;
            }
            if (mapped && (octets[10] & 0xFF) == 0xFF && (octets[11] & 0xFF) == 0xFF) {
                return of(new byte[] {octets[12], octets[13], octets[14], octets[15]});
            }
        }
        return address;
    }

    /** Whether {@code address} lies in {@code network}/{@code prefix}; false when the families differ. */
    static boolean inNetwork(InetAddress address, byte[] network, int prefix) {
        byte[] octets = address.getAddress();
        if (octets.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (octets[i] != network[i]) {
                return false;
            }
        }
        int bits = prefix % 8;
        if (bits == 0) {
            return true;
        }
        int mask = (0xFF << (8 - bits)) & 0xFF;
        return (octets[whole] & mask) == (network[whole] & mask);
    }

    /**
     * An RFC 7208 {@code ip4-network}: four decimal octets without leading zeros.
     *
     * @return the four octets, or null if {@code text} is not one
     */
    static byte[] parseIp4(String text) {
        byte[] out = new byte[4];
        int part = 0;
        int i = 0;
        int n = text.length();
        while (part < 4) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                value = value * 10 + text.charAt(i) - '0';
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part < 4) {
                if (i >= n || text.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? out : null;
    }

    /**
     * An RFC 4291 §2.2 text IPv6 address, with an optional trailing IPv4 part.
     *
     * @return the sixteen octets, or null if {@code text} is not one
     */
    static byte[] parseIp6(String text) {
        int n = text.length();
        if (n < 2 || n > 45) {
            return null;
        }
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = 0;
        if (text.startsWith("::")) {
            gap = 0;
            i = 2;
            if (i == n) {
                return new byte[16];
            }
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            if (count == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && Character.digit(text.charAt(i), 16) >= 0) {
                value = value * 16 + Character.digit(text.charAt(i), 16);
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                // An embedded IPv4 address takes the last two groups.
                byte[] v4 = count <= 6 ? parseIp4(text.substring(start)) : null;
                if (v4 == null) {
                    return null;
                }
                groups[count++] = ((v4[0] & 0xFF) << 8) | (v4[1] & 0xFF);
                groups[count++] = ((v4[2] & 0xFF) << 8) | (v4[3] & 0xFF);
                i = n;
                break;
            }
            if (i == start) {
                return null;
            }
            groups[count++] = value;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':') {
                return null;
            }
            i++;
            if (i < n && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = count;
                i++;
                if (i == n) {
                    break;
                }
            } else if (i == n) {
                return null;
            }
        }
        if (gap < 0 ? count != 8 : count > 7) {
            return null;
        }
        byte[] out = new byte[16];
        int tail = gap < 0 ? 0 : count - gap;
        for (int g = 0; g < count; g++) {
            int slot = gap >= 0 && g >= gap ? 8 - tail + (g - gap) : g;
            out[2 * slot] = (byte) (groups[g] >> 8);
            out[2 * slot + 1] = (byte) groups[g];
        }
        return out;
    }

    /**
     * The {@code %{i}} form: dotted decimal for IPv4, 32 dot-separated nibbles for IPv6 (RFC 7208
     * §7.3), written in upper case as the RFC's examples are.
     */
    static String dotted(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address.getHostAddress();
        }
        byte[] octets = address.getAddress();
        StringBuilder out = new StringBuilder(63);
        for (byte octet : octets) {
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(HEX[(octet >> 4) & 0xF]).append('.').append(HEX[octet & 0xF]);
        }
        return out.toString();
    }

    /** An address from its octets, without any name lookup. */
    static InetAddress of(byte[] octets) {
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + octets.length + " octets", e);
        }
    }
}
