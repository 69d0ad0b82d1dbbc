package dev.mailwright.auth.spf;

/** The eight mechanisms of RFC 7208 §5, as parsed from a record. */
sealed interface Mechanism {

    /** Whether evaluating it queries DNS, so that it counts toward the limit of ten (RFC 7208 §4.6.4). */
    default boolean queriesDns() {
        return false;
    }

    /** {@code all}: always matches. */
    record All() implements Mechanism {
        @Override
        public String toString() {
            return "all";
        }
    }

    /** {@code include:domain}: matches when the included domain's check passes. */
    record Include(MacroString domain) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }

        @Override
        public String toString() {
            return "include:" + domain;
        }
    }

    /** {@code a[:domain][/cidr4][//cidr6]}; a null domain means the current domain. */
    record A(MacroString domain, int cidr4, int cidr6) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }

        @Override
        public String toString() {
            return "a" + (domain == null ? "" : ":" + domain) + Mechanism.cidrs(cidr4, cidr6);
        }
    }

    /** {@code mx[:domain][/cidr4][//cidr6]}. */
    record Mx(MacroString domain, int cidr4, int cidr6) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }

        @Override
        public String toString() {
            return "mx" + (domain == null ? "" : ":" + domain) + Mechanism.cidrs(cidr4, cidr6);
        }
    }

    /** {@code ptr[:domain]}. */
    record Ptr(MacroString domain) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }

        @Override
        public String toString() {
            return "ptr" + (domain == null ? "" : ":" + domain);
        }
    }

    /** {@code ip4:network[/cidr]} or {@code ip6:network[/cidr]}. */
    record Ip(byte[] network, int prefix, String text) implements Mechanism {
        @Override
        public String toString() {
            return text;
        }
    }

    /** {@code exists:domain}: matches when the expanded name has an A record. */
    record Exists(MacroString domain) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return true;
        }

        @Override
        public String toString() {
            return "exists:" + domain;
        }
    }

    private static String cidrs(int cidr4, int cidr6) {
        return (cidr4 == 32 ? "" : "/" + cidr4) + (cidr6 == 128 ? "" : "//" + cidr6);
    }
}
