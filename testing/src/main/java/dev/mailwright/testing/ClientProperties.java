package dev.mailwright.testing;

import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * Jakarta Mail (Angus Mail) session properties for one listener of a test server: where it
 * is, TLS verified against the server's own certificate, and timeouts, so that a test never
 * waits forever on a client that the code under test forgot to configure.
 */
final class ClientProperties {

    /** Connect, read and write timeout for clients configured from these properties. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private ClientProperties() {
    }

    /**
     * @param factory sockets that trust exactly the server's certificate; Angus Mail takes it
     *     as an object under {@code mail.<protocol>.ssl.socketFactory}, for implicit TLS and STARTTLS
     */
    static Properties of(Protocol protocol, String host, int port, SSLSocketFactory factory) {
        Properties p = new Properties();
        String prefix = "mail." + protocol.jakartaName() + ".";
        p.setProperty(prefix + "host", host);
        p.setProperty(prefix + "port", Integer.toString(port));
        String timeout = Long.toString(TIMEOUT.toMillis());
        p.setProperty(prefix + "connectiontimeout", timeout);
        p.setProperty(prefix + "timeout", timeout);
        p.setProperty(prefix + "writetimeout", timeout);
        p.put(prefix + "ssl.socketFactory", factory);
        p.setProperty(prefix + "ssl.checkserveridentity", "true");
        // RFC 6531/6532: UTF-8 addresses and header fields, sent with SMTPUTF8 when needed.
        p.setProperty("mail.mime.allowutf8", "true");
        if (protocol.isSmtp()) {
            p.setProperty("mail.transport.protocol", protocol.jakartaName());
            // Transport.send picks the transport by address type, not by mail.transport.protocol.
            p.setProperty("mail.transport.protocol.rfc822", protocol.jakartaName());
            // The client's own name for EHLO, without the reverse lookup Angus Mail would otherwise make.
            p.setProperty(prefix + "localhost", "localhost");
        } else {
            p.setProperty("mail.store.protocol", protocol.jakartaName());
        }
        switch (protocol) {
            case SMTP, IMAP -> p.setProperty(prefix + "starttls.enable", "true");
            case SUBMISSION -> {
                p.setProperty(prefix + "starttls.enable", "true");
                p.setProperty(prefix + "starttls.required", "true");
                p.setProperty(prefix + "auth", "true");
            }
            case SMTPS, IMAPS -> p.setProperty(prefix + "ssl.enable", "true");
        }
        return p;
    }
}
