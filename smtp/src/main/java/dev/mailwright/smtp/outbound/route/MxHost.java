package dev.mailwright.smtp.outbound.route;

import java.util.Objects;

/**
 * One host to try for a destination domain.
 *
 * @param name the host name: lower case, A-labels, no trailing dot
 * @param preference the MX preference; 0 for an implicit MX
 */
public record MxHost(String name, int preference) {

    public MxHost {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty MX host name");
        }
    }
}
