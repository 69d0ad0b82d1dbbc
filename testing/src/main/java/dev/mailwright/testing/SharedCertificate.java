package dev.mailwright.testing;

import dev.mailwright.core.tls.SelfSignedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The certificate test servers present when not given one, generated on first use and then
 * shared by every server in the class loader.
 *
 * <p>Generating a key pair and a certificate (and loading the cryptography classes for it) is
 * most of a first start; sharing it makes later starts cheap. The holder idiom makes the
 * generation lazy and thread-safe through class initialisation, and what it holds is
 * immutable: a constant computed late, not state anyone can change. Under JUnit the
 * extension keeps its certificate in the root {@code ExtensionContext.Store} instead, so that
 * its lifetime is the test run's.
 */
final class SharedCertificate {

    /** The names clients may connect by; Angus Mail checks the one it used (RFC 6125). */
    static final List<String> NAMES = List.of("localhost", "127.0.0.1", "::1");

    private SharedCertificate() {
    }

    static SelfSignedCertificate generate() {
        return SelfSignedCertificate.generate(NAMES, Duration.ofDays(365), Clock.systemUTC());
    }

    static SelfSignedCertificate get() {
        return Holder.CERTIFICATE;
    }

    private static final class Holder {
        static final SelfSignedCertificate CERTIFICATE = generate();
    }
}
