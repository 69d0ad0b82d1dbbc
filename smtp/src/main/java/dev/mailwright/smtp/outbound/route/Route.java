package dev.mailwright.smtp.outbound.route;

import java.util.List;
import java.util.Objects;

/** Where mail for one domain goes: a list of hosts to try in order, or why there is none. */
public sealed interface Route {

    /**
     * Hosts in the order to try them.
     *
     * @param domain the destination domain
     * @param hosts the hosts, most preferred first; never empty
     * @param authenticated whether the MX answer (or, for an implicit MX, the address answer)
     *     carried the DNSSEC AD bit from the trusted resolver: the precondition for DANE
     * @param implicit whether the domain has no MX records and its own addresses serve
     */
    record Hosts(String domain, List<MxHost> hosts, boolean authenticated, boolean implicit) implements Route {
        public Hosts {
            Objects.requireNonNull(domain, "domain");
            hosts = List.copyOf(hosts);
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("a route needs at least one host");
            }
        }
    }

    /**
     * No route: permanent (the domain does not exist or accepts no mail) or temporary (DNS failed).
     *
     * @param permanent whether retrying cannot help
     * @param code the reply code to record, 4xx or 5xx
     * @param enhancedStatus the RFC 3463 status
     * @param text why, one line
     */
    record Failure(boolean permanent, int code, String enhancedStatus, String text) implements Route {
        public Failure {
            Objects.requireNonNull(enhancedStatus, "enhancedStatus");
            Objects.requireNonNull(text, "text");
        }

        static Failure permanent(String enhancedStatus, int code, String text) {
            return new Failure(true, code, enhancedStatus, text);
        }

        static Failure temporary(String text) {
            return new Failure(false, 451, "4.4.3", text);
        }
    }
}
