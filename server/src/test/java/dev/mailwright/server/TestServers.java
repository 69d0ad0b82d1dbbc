package dev.mailwright.server;

import dev.mailwright.core.dns.DnsResolver;
import dev.mailwright.core.user.FileUserDirectory;
import dev.mailwright.server.config.MailwrightConfig;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Servers for tests: loopback listeners on free ports, data in a temporary directory. */
final class TestServers {

    private TestServers() {}

    /** A configuration with every listener on 127.0.0.1 port 0, plus {@code extra} TOML. */
    static MailwrightConfig config(Path dir, String hostname, String domain, String extra) throws IOException {
        Path file = dir.resolve("mailwright.toml");
        Files.writeString(file, """
                hostname = "%s"
                domains = ["%s"]
                data-dir = "data"
                [listen]
                smtp = ["127.0.0.1:0"]
                submission = ["127.0.0.1:0"]
                submission-tls = ["127.0.0.1:0"]
                imap = ["127.0.0.1:0"]
                imap-tls = ["127.0.0.1:0"]
                %s
                """.formatted(hostname, domain, extra));
        return MailwrightConfig.load(file);
    }

    static MailServer start(MailwrightConfig config, DnsResolver dns) throws IOException {
        MailServer server = MailServer.builder(config).dns(dns)
                .outbound(b -> b.pollInterval(Duration.ofMillis(200))).build();
        server.start();
        return server;
    }

    static void addUser(MailServer server, String user, String password) {
        ((FileUserDirectory) server.users()).create(user, password);
    }

    /** Trusts the server's generated self-signed certificate. */
    static SSLContext trusting(MailServer server) throws Exception {
        Path cert = server.config().dataDir().resolve("tls/self-signed.pem");
        X509Certificate certificate;
        try (InputStream in = Files.newInputStream(cert)) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    /** A Jakarta Mail session that submits with STARTTLS and AUTH, verifying the certificate. */
    static Session submission(MailServer server, String user, String password) throws Exception {
        InetSocketAddress address = server.address("submission");
        Properties p = new Properties();
        p.put("mail.smtp.host", address.getHostString());
        p.put("mail.smtp.port", String.valueOf(address.getPort()));
        p.put("mail.smtp.starttls.enable", "true");
        p.put("mail.smtp.starttls.required", "true");
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.ssl.socketFactory", trusting(server).getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "10000");
        InetSocketAddress imap = server.address("imap");
        p.put("mail.imap.host", imap.getHostString());
        p.put("mail.imap.port", String.valueOf(imap.getPort()));
        p.put("mail.imap.starttls.enable", "true");
        p.put("mail.imap.starttls.required", "true");
        p.put("mail.imap.ssl.socketFactory", trusting(server).getSocketFactory());
        p.put("mail.imap.ssl.checkserveridentity", "true");
        p.put("mail.imap.connectiontimeout", "5000");
        p.put("mail.imap.timeout", "10000");
        return Session.getInstance(p, new jakarta.mail.Authenticator() {
            @Override
            protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                return new jakarta.mail.PasswordAuthentication(user, password);
            }
        });
    }

    /** The raw messages of a mailbox, read over IMAP with STARTTLS. */
    static String[] read(MailServer server, String user, String password, String mailbox) throws Exception {
        Store store = submission(server, user, password).getStore("imap");
        store.connect(user, password);
        try {
            Folder folder = store.getFolder(mailbox);
            folder.open(Folder.READ_ONLY);
            Message[] messages = folder.getMessages();
            String[] raw = new String[messages.length];
            for (int i = 0; i < messages.length; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                messages[i].writeTo(out);
                raw[i] = out.toString(StandardCharsets.UTF_8);
            }
            folder.close(false);
            return raw;
        } finally {
            store.close();
        }
    }

    /** Waits up to 30 seconds for {@code count} messages in a mailbox; returns what is there then. */
    static String[] awaitMessages(MailServer server, String user, String password, String mailbox, int count)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String[] got;
        do {
            got = read(server, user, password, mailbox);
            if (got.length >= count) {
                return got;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        return got;
    }

    /** The first message in a user's INBOX, waiting up to 30 seconds for it. */
    static String awaitOne(MailServer server, String user, String password) throws Exception {
        String[] inbox = awaitMessages(server, user, password, "INBOX", 1);
        if (inbox.length == 0) {
            throw new AssertionError("no message arrived for " + user + " within 30 seconds");
        }
        return inbox[0];
    }
}
