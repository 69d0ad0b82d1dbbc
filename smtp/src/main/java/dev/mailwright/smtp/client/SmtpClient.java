package dev.mailwright.smtp.client;

import dev.mailwright.core.Envelope;
import dev.mailwright.core.MessageContent;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * An SMTP (or LMTP) client: settings for connections, built once and shared. Blocking I/O on
 * the caller's thread; outbound concurrency is the caller's to bound. Immutable and
 * thread-safe.
 *
 * <pre>{@code
 * SmtpClient client = SmtpClient.builder().helloName("mx.example.com").tlsPolicy(TlsPolicy.pkix()).build();
 * SendResult result = client.send(new InetSocketAddress("mail.example.net", 25), "mail.example.net", envelope, content);
 * }</pre>
 */
public final class SmtpClient {

    final String helloName;
    final Duration connectTimeout;
    final Duration commandTimeout;
    final Duration dataTimeout;
    final TlsPolicy tlsPolicy;
    final boolean implicitTls;
    final boolean lmtp;
    final boolean preferChunking;
    final boolean authOverPlaintext;
    final String username;
    final String password;

    private SmtpClient(Builder b) {
        helloName = b.helloName;
        connectTimeout = b.connectTimeout;
        commandTimeout = b.commandTimeout;
        dataTimeout = b.dataTimeout;
        tlsPolicy = b.tlsPolicy;
        implicitTls = b.implicitTls;
        lmtp = b.lmtp;
        preferChunking = b.preferChunking;
        authOverPlaintext = b.authOverPlaintext;
        username = b.username;
        password = b.password;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Connects and reads the greeting. The caller says hello, starts TLS and authenticates
     * through the connection, or uses {@link #send} for all of it.
     *
     * @param serverName the server's host name: checked against its certificate and sent as SNI
     */
    public SmtpConnection connect(InetSocketAddress address, String serverName) throws IOException {
        return SmtpConnection.open(this, address, serverName);
    }

    /**
     * Delivers one message: connects, says EHLO (or LHLO), starts TLS as the policy says,
     * authenticates if credentials are set, sends, and says QUIT.
     *
     * @throws SmtpClientException if the conversation fails as a whole (refused greeting, TLS
     *     required and not possible, authentication refused); a refusal of the sender or of
     *     recipients is in the result instead
     */
    public SendResult send(InetSocketAddress address, String serverName, Envelope envelope, MessageContent content)
            throws IOException {
        try (SmtpConnection connection = connect(address, serverName)) {
            connection.hello();
            connection.secure();
            if (username != null) {
                connection.authenticate(username, password);
            }
            SendResult result = connection.send(envelope, content);
            connection.quit();
            return result;
        }
    }

    /** Builds an {@link SmtpClient}. */
    public static final class Builder {
        private String helloName = "localhost";
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration commandTimeout = Duration.ofMinutes(5);
        private Duration dataTimeout = Duration.ofMinutes(10);
        private TlsPolicy tlsPolicy = TlsPolicy.pkix();
        private boolean implicitTls;
        private boolean lmtp;
        private boolean preferChunking;
        private boolean authOverPlaintext;
        private String username;
        private String password;

        private Builder() {
        }

        /** The name sent with EHLO/LHLO/HELO: this host's name. */
        public Builder helloName(String name) {
            this.helloName = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for each reply (RFC 5321 §4.5.3.2: 5 minutes). */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** How long to wait for the reply after the message (RFC 5321 §4.5.3.2.6: 10 minutes). */
        public Builder dataTimeout(Duration timeout) {
            this.dataTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** When to use TLS and how to verify the server; {@link TlsPolicy#pkix()} by default. */
        public Builder tlsPolicy(TlsPolicy policy) {
            this.tlsPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** TLS from the first byte (port 465, RFC 8314) instead of STARTTLS. */
        public Builder implicitTls(boolean implicit) {
            this.implicitTls = implicit;
            return this;
        }

        /** Speak LMTP (RFC 2033): LHLO, and one reply per recipient after the message. */
        public Builder lmtp(boolean lmtp) {
            this.lmtp = lmtp;
            return this;
        }

        /** Send messages with BDAT when the server offers CHUNKING (no dot-stuffing). */
        public Builder preferChunking(boolean prefer) {
            this.preferChunking = prefer;
            return this;
        }

        /** Credentials for AUTH (PLAIN, or LOGIN when PLAIN is not offered). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Allow AUTH without TLS; off by default, as it exposes the password. */
        public Builder authOverPlaintext(boolean allowed) {
            this.authOverPlaintext = allowed;
            return this;
        }

        public SmtpClient build() {
            if (helloName.isBlank() || helloName.chars().anyMatch(c -> c <= ' ' || c == 0x7F)) {
                throw new IllegalArgumentException("helloName must be a host name without spaces or controls: " + helloName);
            }
            if (implicitTls && tlsPolicy.requirement() == TlsPolicy.Requirement.NONE) {
                throw new IllegalArgumentException("implicitTls needs a TLS policy other than none()");
            }
            for (Duration d : new Duration[] {connectTimeout, commandTimeout, dataTimeout}) {
                if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("timeouts must be positive and below 24 days: " + d);
                }
            }
            return new SmtpClient(this);
        }
    }
}
