package dev.mailwright.smtp.outbound.spi;

import java.security.cert.CertificateException;
import java.util.Objects;

/**
 * A server certificate failed a required check. Thrown from a {@link TlsPolicy}'s trust manager,
 * so it aborts the handshake; the transport finds it in the handshake failure's causes and
 * records its result type.
 */
public class TlsVerificationException extends CertificateException {

    private final String resultType;

    /**
     * @param resultType the RFC 8460 §4.3 result type, e.g. {@code certificate-host-mismatch}
     * @param message what failed, one line
     */
    public TlsVerificationException(String resultType, String message) {
        super(message);
        this.resultType = Objects.requireNonNull(resultType, "resultType");
    }

    public TlsVerificationException(String resultType, String message, Throwable cause) {
        super(message, cause);
        this.resultType = Objects.requireNonNull(resultType, "resultType");
    }

    /** The RFC 8460 result type. */
    public String resultType() {
        return resultType;
    }

    /** The verification failure among {@code failure}'s causes, if any. */
    public static java.util.Optional<TlsVerificationException> find(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TlsVerificationException v) {
                return java.util.Optional.of(v);
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof TlsVerificationException v) {
                    return java.util.Optional.of(v);
                }
            }
        }
        return java.util.Optional.empty();
    }
}
