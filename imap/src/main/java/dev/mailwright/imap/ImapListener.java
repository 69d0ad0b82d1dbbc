package dev.mailwright.imap;

import dev.mailwright.core.net.AddressRange;
import dev.mailwright.core.net.TlsMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One listening socket of an {@link ImapServer}: where it binds, how it uses TLS
 * (STARTTLS on port 143, implicit TLS on 993 per RFC 8314), whether a load balancer puts a
 * PROXY header in front, and its connection limits.
 */
public final class ImapListener {

    private final String name;
    private final InetSocketAddress address;
    private final TlsMode tlsMode;
    private final List<AddressRange> trustedProxies;
    private final int maxConnections;
    private final int maxConnectionsPerAddress;

    private ImapListener(Builder b) {
        this.name = b.name;
        this.address = b.address;
        this.tlsMode = b.tlsMode;
        this.trustedProxies = b.trustedProxies;
        this.maxConnections = b.maxConnections;
        this.maxConnectionsPerAddress = b.maxConnectionsPerAddress;
    }

    public static Builder builder(InetSocketAddress address) {
        return new Builder(address);
    }

    /** A listener on the loopback address, port chosen by the system; for tests and embedding. */
    public static Builder loopback(TlsMode tlsMode) {
        return new Builder(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).tls(tlsMode);
    }

    public Builder toBuilder() {
        return new Builder(address).name(name).tls(tlsMode).proxyProtocol(trustedProxies)
                .connectionLimits(maxConnections, maxConnectionsPerAddress);
    }

    public String name() {
        return name;
    }

    public InetSocketAddress address() {
        return address;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    public boolean proxyProtocol() {
        return !trustedProxies.isEmpty();
    }

    /** The proxies whose PROXY headers are believed; empty when the PROXY protocol is off. */
    public List<AddressRange> trustedProxies() {
        return trustedProxies;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxConnectionsPerAddress() {
        return maxConnectionsPerAddress;
    }

    @Override
    public String toString() {
        return name + " " + address + " (TLS " + tlsMode + (trustedProxies.isEmpty() ? "" : ", PROXY") + ")";
    }

    /** Builds a listener; {@link #build()} checks the settings. */
    public static final class Builder {
        private final InetSocketAddress address;
        private String name;
        private TlsMode tlsMode = TlsMode.STARTTLS;
        private List<AddressRange> trustedProxies = List.of();
        private int maxConnections = 10_000;
        private int maxConnectionsPerAddress = 50;

        private Builder(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
        }

        /** A name for logs and threads; defaults to {@code imap} or {@code imaps}. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** STARTTLS (the default), IMPLICIT or NONE. */
        public Builder tls(TlsMode mode) {
            this.tlsMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Expect a HAProxy PROXY header (v1 or v2) before the client's first byte. */
        public Builder proxyProtocol(boolean expected) {
            return proxyProtocol(expected ? AddressRange.LOOPBACK : List.of());
        }

        /**
         * Expect a PROXY header from these load balancers, and refuse connections from
         * anywhere else; an empty list turns the PROXY protocol off.
         */
        public Builder proxyProtocol(List<AddressRange> trustedProxies) {
            this.trustedProxies = List.copyOf(trustedProxies);
            return this;
        }

        /** Connections in total and from one client address. */
        public Builder connectionLimits(int total, int perAddress) {
            this.maxConnections = total;
            this.maxConnectionsPerAddress = perAddress;
            return this;
        }

        public ImapListener build() {
            if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
                throw new IllegalArgumentException("imap listener " + address + ": connection limits must be at least 1");
            }
            if (name == null) {
                name = tlsMode == TlsMode.IMPLICIT ? "imaps" : "imap";
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("imap listener " + address + ": name must not be blank");
            }
            return new ImapListener(this);
        }
    }
}
