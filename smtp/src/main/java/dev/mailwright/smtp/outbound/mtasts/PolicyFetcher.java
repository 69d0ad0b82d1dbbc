package dev.mailwright.smtp.outbound.mtasts;

import java.io.IOException;

/** Fetches the MTA-STS policy body of a domain. */
@FunctionalInterface
public interface PolicyFetcher {

    /**
     * The body served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}.
     *
     * @throws IOException naming why there is no policy (connection, TLS, status, type, size)
     */
    String fetch(String domain) throws IOException;
}
