package dev.mailwright.core.tls;

/**
 * Certificates or keys that cannot be used, with a one-line message naming the file and the
 * problem, for example {@code no private key in /etc/mail/key.pem}.
 */
public final class TlsMaterialException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TlsMaterialException(String message) {
        super(message);
    }

    public TlsMaterialException(String message, Throwable cause) {
        super(message, cause);
    }
}
