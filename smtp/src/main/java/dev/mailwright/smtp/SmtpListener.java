package dev.mailwright.smtp;

import dev.mailwright.core.net.AddressRange;
import dev.mailwright.core.net.TlsMode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One listening socket of an {@link SmtpServer}: its role, address, TLS mode, limits and
 * whether a PROXY protocol header comes first. Immutable; {@link Builder#build()} checks
 * that the settings fit together.
 */
public final class SmtpListener {

    private final String name;
    private final ListenerRole role;
    private final InetSocketAddress address;
    private final TlsMode tlsMode;
    private final SmtpLimits limits;
    private final List<AddressRange> trustedProxies;
    private final boolean auth;
    private final boolean authRequiresTls;

    private SmtpListener(Builder b, boolean auth) {
        name = b.name;
        role = b.role;
        address = b.address;
        tlsMode = b.tlsMode;
        limits = b.limits;
        trustedProxies = b.trustedProxies;
        this.auth = auth;
        authRequiresTls = b.authRequiresTls;
    }

    /** A listener with this role on the loopback address and a free port, no TLS, default limits. */
    public static Builder builder(ListenerRole role) {
        return new Builder(role);
    }

    public Builder toBuilder() {
        Builder b = new Builder(role);
        b.name = name;
        b.address = address;
        b.tlsMode = tlsMode;
        b.limits = limits;
        b.trustedProxies = trustedProxies;
        b.auth = auth;
        b.authRequiresTls = authRequiresTls;
        return b;
    }

    /** The name used in thread names and logs. */
    public String name() {
        return name;
    }

    public ListenerRole role() {
        return role;
    }

    public InetSocketAddress address() {
        return address;
    }

    public TlsMode tlsMode() {
        return tlsMode;
    }

    public SmtpLimits limits() {
        return limits;
    }

    /** Whether a HAProxy PROXY header (v1 or v2) is expected before the client's first byte. */
    public boolean proxyProtocol() {
        return !trustedProxies.isEmpty();
    }

    /** The proxies whose PROXY headers are believed; empty when the PROXY protocol is off. */
    public List<AddressRange> trustedProxies() {
        return trustedProxies;
    }

    /** Whether AUTH is offered (for submission it is also required before MAIL). */
    public boolean auth() {
        return auth;
    }

    /** Whether AUTH is offered and accepted only once TLS protects the connection. */
    public boolean authRequiresTls() {
        return authRequiresTls;
    }

    @Override
    public String toString() {
        return "SmtpListener[" + name + " " + role + " " + address + " TLS " + tlsMode
                + (trustedProxies.isEmpty() ? "" : " PROXY") + (auth ? " AUTH" : "") + "]";
    }

    /** Builds an {@link SmtpListener}. */
    public static final class Builder {
        private final ListenerRole role;
        private String name;
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private TlsMode tlsMode = TlsMode.NONE;
        private SmtpLimits limits = SmtpLimits.DEFAULT;
        private List<AddressRange> trustedProxies = List.of();
        private Boolean auth;
        private boolean authRequiresTls = true;

        private Builder(ListenerRole role) {
            this.role = Objects.requireNonNull(role, "role");
            this.name = role.name().toLowerCase(java.util.Locale.ROOT);
        }

        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder address(InetSocketAddress address) {
            this.address = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Binds to {@code host} (a literal IP address) and {@code port}; port 0 picks a free one. */
        public Builder address(String host, int port) {
            return address(new InetSocketAddress(host, port));
        }

        public Builder tlsMode(TlsMode mode) {
            this.tlsMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder limits(SmtpLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** Expect a PROXY protocol header first; off by default, and then such a header is a bad command. */
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

        /** Offer AUTH; by default only submission does. Submission cannot turn it off. */
        public Builder auth(boolean offered) {
            this.auth = offered;
            return this;
        }

        /**
         * Whether AUTH waits for TLS (default yes, RFC 8314). Turning this off sends passwords
         * in plaintext; it exists for listeners reachable only on a trusted network.
         */
        public Builder authRequiresTls(boolean required) {
            this.authRequiresTls = required;
            return this;
        }

        /** @throws IllegalArgumentException naming the setting that does not fit */
        public SmtpListener build() {
            boolean offered = auth != null ? auth : role == ListenerRole.SUBMISSION;
            if (role == ListenerRole.SUBMISSION && !offered) {
                throw new IllegalArgumentException(name + ": a submission listener requires AUTH");
            }
            if (offered && authRequiresTls && tlsMode == TlsMode.NONE) {
                throw new IllegalArgumentException(name + ": AUTH requires TLS, but the TLS mode is NONE"
                        + " (use STARTTLS or IMPLICIT, or authRequiresTls(false) on a trusted network)");
            }
            if (name.isBlank()) {
                throw new IllegalArgumentException("listener name must not be blank");
            }
            return new SmtpListener(this, offered);
        }
    }
}
