package dev.mailwright.core.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The HAProxy PROXY protocol header, versions 1 (text) and 2 (binary), which a load
 * balancer sends before the client's first byte to name the real client. See
 * https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt.
 *
 * @param source the client's address, or empty for a LOCAL (health check) or UNKNOWN header
 * @param destination the address the client connected to, or empty likewise
 * @param length the header's length in bytes; the client's data starts after it
 */
public record ProxyHeader(Optional<InetSocketAddress> source, Optional<InetSocketAddress> destination, int length) {

    /** The 12-byte signature that starts a version 2 header. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** Longest version 1 header, CRLF included. */
    static final int V1_MAX = 107;
    /** Longest version 2 header we accept (addresses and a few TLVs). */
    static final int V2_MAX = 16 + 2048;

    /** Signals a malformed header; the connection is closed. */
    public static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message);
        }
    }

    /**
     * Parses a header from the first {@code length} bytes a client sent.
     *
     * @return the header, or empty if more bytes are needed
     * @throws MalformedException if the bytes are not a PROXY header
     */
    public static Optional<ProxyHeader> parse(byte[] data, int length) throws MalformedException {
        if (length == 0) {
            return Optional.empty();
        }
        if (data[0] == 'P') {
            return parseV1(data, length);
        }
        if (data[0] == 0x0D) {
            return parseV2(data, length);
        }
        throw new MalformedException("not a PROXY protocol header");
    }

    private static Optional<ProxyHeader> parseV1(byte[] data, int length) throws MalformedException {
        byte[] prefix = "PROXY ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(length, prefix.length); i++) {
            if (data[i] != prefix[i]) {
                throw new MalformedException("not a PROXY protocol header");
            }
        }
        int lf = -1;
        for (int i = 0; i < Math.min(length, V1_MAX); i++) {
            if (data[i] == '\n') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            if (length >= V1_MAX) {
                throw new MalformedException("PROXY v1 header longer than " + V1_MAX + " bytes");
            }
            return Optional.empty();
        }
        if (lf == 0 || data[lf - 1] != '\r') {
            throw new MalformedException("PROXY v1 header does not end in CRLF");
        }
        String line = new String(data, 0, lf - 1, StandardCharsets.US_ASCII);
        String[] parts = line.split(" ", -1);
        if (parts.length >= 2 && parts[1].equals("UNKNOWN")) {
            return Optional.of(new ProxyHeader(Optional.empty(), Optional.empty(), lf + 1));
        }
        if (parts.length != 6 || !(parts[1].equals("TCP4") || parts[1].equals("TCP6"))) {
            throw new MalformedException("PROXY v1 header is not 'PROXY TCP4|TCP6 src dst sport dport'");
        }
        boolean v6 = parts[1].equals("TCP6");
        InetAddress src = literal(parts[2], v6);
        InetAddress dst = literal(parts[3], v6);
        int sport = port(parts[4]);
        int dport = port(parts[5]);
        return Optional.of(new ProxyHeader(Optional.of(new InetSocketAddress(src, sport)),
                Optional.of(new InetSocketAddress(dst, dport)), lf + 1));
    }

    private static InetAddress literal(String text, boolean v6) throws MalformedException {
        // Only well-formed literals reach InetAddress, so that it never tries a DNS lookup.
        boolean looksRight = v6 ? text.matches("[0-9A-Fa-f:.]{2,45}") && text.contains(":")
                : text.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        if (!looksRight) {
            throw new MalformedException("PROXY header has a bad address: " + text);
        }
        try {
            // A literal: no DNS lookup happens.
            InetAddress address = InetAddress.getByName(text);
            if (v6 != (address.getAddress().length == 16)) {
                throw new MalformedException("PROXY header address family mismatch: " + text);
            }
            return address;
        } catch (UnknownHostException e) {
            throw new MalformedException("PROXY header has a bad address: " + text);
        }
    }

    private static int port(String text) throws MalformedException {
        if (!text.matches("0|[1-9]\\d{0,4}")) {
            throw new MalformedException("PROXY header has a bad port: " + text);
        }
        int port = Integer.parseInt(text);
        if (port > 65535) {
            throw new MalformedException("PROXY header has a bad port: " + text);
        }
        return port;
    }

    private static Optional<ProxyHeader> parseV2(byte[] data, int length) throws MalformedException {
        int check = Math.min(length, V2_SIGNATURE.length);
        if (!Arrays.equals(data, 0, check, V2_SIGNATURE, 0, check)) {
            throw new MalformedException("not a PROXY protocol header");
        }
        if (length < 16) {
            return Optional.empty();
        }
        int versionCommand = data[12] & 0xFF;
        if (versionCommand >> 4 != 2) {
            throw new MalformedException("PROXY v2 header has version " + (versionCommand >> 4));
        }
        int command = versionCommand & 0x0F;
        int family = data[13] & 0xFF;
        int addressLength = ((data[14] & 0xFF) << 8) | (data[15] & 0xFF);
        int total = 16 + addressLength;
        if (total > V2_MAX) {
            throw new MalformedException("PROXY v2 header longer than " + V2_MAX + " bytes");
        }
        if (length < total) {
            return Optional.empty();
        }
        if (command == 0x0) {
            // LOCAL: the proxy's own connection (a health check); keep the real addresses.
            return Optional.of(new ProxyHeader(Optional.empty(), Optional.empty(), total));
        }
        if (command != 0x1) {
            throw new MalformedException("PROXY v2 header has unknown command " + command);
        }
        try {
            switch (family) {
                case 0x11: // TCP over IPv4
                    if (addressLength < 12) {
                        throw new MalformedException("PROXY v2 IPv4 addresses truncated");
                    }
                    return Optional.of(new ProxyHeader(
                            Optional.of(new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(data, 16, 20)), u16(data, 24))),
                            Optional.of(new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(data, 20, 24)), u16(data, 26))),
                            total));
                case 0x21: // TCP over IPv6
                    if (addressLength < 36) {
                        throw new MalformedException("PROXY v2 IPv6 addresses truncated");
                    }
                    return Optional.of(new ProxyHeader(
                            Optional.of(new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(data, 16, 32)), u16(data, 48))),
                            Optional.of(new InetSocketAddress(InetAddress.getByAddress(Arrays.copyOfRange(data, 32, 48)), u16(data, 50))),
                            total));
                case 0x00: // UNSPEC
                    return Optional.of(new ProxyHeader(Optional.empty(), Optional.empty(), total));
                default:
                    throw new MalformedException("PROXY v2 header has unsupported address family " + family);
            }
        } catch (UnknownHostException e) {
            throw new MalformedException("PROXY v2 header has a bad address");
        }
    }

    private static int u16(byte[] data, int offset) {
        return ((data[offset] & 0xFF) << 8) | (data[offset + 1] & 0xFF);
    }
}
